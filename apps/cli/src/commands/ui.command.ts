import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { EXIT } from '../exit-codes';
import type { GlobalOptions } from '../options';
import { intAtLeast } from '../options';

const REPO_ROOT = path.resolve(__dirname, '../../../..');
const SERVICE_SCRIPT = path.join(REPO_ROOT, 'bin', 'service.js');
const START_TIMEOUT_MS = 120_000;
const PROBE_TIMEOUT_MS = 1_500;

interface UiFlags {
  host: string;
  port: number;
  open?: boolean;
}

function portNumber(value: string): number {
  const n = intAtLeast('--port', 1)(value);
  if (n > 65_535) throw new InvalidArgumentError(`--port must be an integer from 1 to 65535, got ${JSON.stringify(value)}`);
  return n;
}

/** True when a ledger answers /health/ready at the URL. */
export async function ledgerReady(baseUrl: string): Promise<boolean> {
  try {
    const res = await fetch(`${baseUrl}/health/ready`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    return res.ok;
  } catch {
    return false;
  }
}

async function databasePath(baseUrl: string): Promise<string | null> {
  try {
    const res = await fetch(`${baseUrl}/api/v1/portal/meta`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    return res.ok ? ((await res.json()) as { database_path?: string }).database_path ?? null : null;
  } catch {
    return null;
  }
}

/** The platform's "open this URL" command; when it is missing, say so and carry on. */
function openBrowser(url: string): Promise<boolean> {
  const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  return new Promise((resolve) => {
    let child: ChildProcess;
    try {
      child = spawn(opener, [url], { stdio: 'ignore', detached: true });
    } catch {
      resolve(false);
      return;
    }
    child.once('error', () => resolve(false));
    child.once('spawn', () => {
      child.unref();
      resolve(true);
    });
  });
}

async function announce(url: string, open: boolean | undefined): Promise<void> {
  process.stdout.write(`Portal: ${url}\n`);
  if (!open) return;
  if (await openBrowser(url)) process.stdout.write('Opened the portal in your browser.\n');
  else process.stdout.write(`Could not start a browser (xdg-open is not available); open ${url} yourself.\n`);
}

/**
 * `options-helper ui`: the portal of a running ledger, or a ledger started for it. The started ledger is the real
 * service process (bin/service.js ledger) on this data directory; it runs until Ctrl-C.
 */
export function uiCommand(globals: () => GlobalOptions): Command {
  return new Command('ui')
    .description('Open the read-only portal: of the running ledger, or start a ledger for it (Ctrl-C stops it)')
    .addOption(new Option('--host <host>', 'ledger host').default(process.env['OPTIONS_HELPER_LEDGER_HOST'] || '127.0.0.1'))
    .addOption(new Option('--port <n>', 'ledger port').default(Number(process.env['OPTIONS_HELPER_LEDGER_PORT'] || 7410)).argParser(portNumber))
    .option('--open', 'open the portal in a browser (xdg-open)')
    .action(async (flags: UiFlags, command: Command) => {
      const opts = globals();
      const explicitAddress = command.getOptionValueSource('host') === 'cli' || command.getOptionValueSource('port') === 'cli';
      const configured = explicitAddress ? null : opts.ledgerUrl?.trim() || process.env['OPTIONS_HELPER_LEDGER_URL']?.trim() || null;
      const base = (configured ?? `http://${flags.host.includes(':') ? `[${flags.host}]` : flags.host}:${flags.port}`).replace(/\/+$/, '');
      const url = `${base}/`;

      if (await ledgerReady(base)) {
        const db = await databasePath(base);
        process.stdout.write(`A ledger is already running at ${base}${db ? ` (database ${db})` : ''}.\n`);
        await announce(url, flags.open);
        return;
      }
      if (configured) {
        throw new Error(`no ledger answers at ${base} (OPTIONS_HELPER_LEDGER_URL / --ledger-url); start it, or run \`options-helper ui\` without a ledger URL to start one here`);
      }
      process.exitCode = await runLedger(base, url, flags, opts);
    });
}

async function runLedger(base: string, url: string, flags: UiFlags, opts: GlobalOptions): Promise<number> {
  process.stdout.write(`No ledger answers at ${base}; starting one...\n`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    OPTIONS_HELPER_LEDGER_HOST: flags.host,
    OPTIONS_HELPER_LEDGER_PORT: String(flags.port),
    OPTIONS_HELPER_LOG_LEVEL: process.env['OPTIONS_HELPER_LOG_LEVEL'] || 'warn',
  };
  if (opts.duckdbPath) env['OPTIONS_HELPER_DUCKDB_PATH'] = path.resolve(opts.duckdbPath);
  const child = spawn(process.execPath, [SERVICE_SCRIPT, 'ledger'], { cwd: process.cwd(), env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-8_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', (d: Buffer) => {
    keep(d);
    process.stderr.write(d);
  });
  const exited = new Promise<number>((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? 0 : 1))));

  const deadline = Date.now() + START_TIMEOUT_MS;
  let ready = false;
  while (!ready && Date.now() < deadline && child.exitCode === null) {
    ready = await ledgerReady(base);
    if (!ready) await new Promise((r) => setTimeout(r, 200));
  }
  if (!ready) {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    process.stderr.write(`Error: the ledger did not start at ${base}.\n${output.trim()}\n`);
    return EXIT.failure;
  }
  const db = await databasePath(base);
  process.stdout.write(`Ledger started at ${base}${db ? ` (database ${db})` : ''}; press Ctrl-C to stop it.\n`);
  await announce(url, flags.open);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    child.kill('SIGTERM');
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const code = await exited;
  process.stdout.write('Ledger stopped.\n');
  return stopping ? EXIT.ok : code;
}
