#!/usr/bin/env node
// `npm start` and `options-helper up`: runs the stack (ledger, checks, ingest, compute, orchestrator) as local
// processes with prefixed logs, waits until each is ready, seeds a demo portfolio and watchlists when none exist,
// backfills the last 30 sessions on an empty ledger (synthetic provider), prints the URLs and stops everything
// cleanly on Ctrl-C. Both entry points call runStack() below, so they behave the same.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const readline = require('node:readline');

const root = path.resolve(__dirname, '../..');
const LEVELS = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
/** The §3.2 defaults of ingest_options_bars discover every contract of ten years on each run; the demo keeps it small. */
const DEMO_GRAPH_JOB_ARGS = '{"option_bars":{"contracts_status":"active","max_expiries":4}}';
const BACKFILL_SESSIONS = 30;

function addr(env, name, port) {
  return { host: env[`OPTIONS_HELPER_${name}_HOST`] || '127.0.0.1', port: env[`OPTIONS_HELPER_${name}_PORT`] || String(port) };
}

/** The services in start order, their readiness URL and the URLs printed once ready. */
function stackServices(env) {
  const ledger = addr(env, 'LEDGER', 7410);
  const checks = addr(env, 'CHECKS', 7413);
  const ingest = addr(env, 'INGEST', 7411);
  const compute = addr(env, 'COMPUTE', 7412);
  const orchestrator = addr(env, 'ORCHESTRATOR', 7414);
  const base = (a) => `http://${a.host}:${a.port}`;
  // Services reach each other at the addresses this stack starts them on.
  env.OPTIONS_HELPER_LEDGER_URL = env.OPTIONS_HELPER_LEDGER_URL || base(ledger);
  env.OPTIONS_HELPER_CHECKS_URL = env.OPTIONS_HELPER_CHECKS_URL || base(checks);
  env.OPTIONS_HELPER_INGEST_URL = env.OPTIONS_HELPER_INGEST_URL || base(ingest);
  env.OPTIONS_HELPER_COMPUTE_URL = env.OPTIONS_HELPER_COMPUTE_URL || base(compute);
  env.OPTIONS_HELPER_ORCHESTRATOR_URL = env.OPTIONS_HELPER_ORCHESTRATOR_URL || base(orchestrator);
  env.OPTIONS_HELPER_GRAPH_JOB_ARGS = env.OPTIONS_HELPER_GRAPH_JOB_ARGS || DEMO_GRAPH_JOB_ARGS;
  const api = (a, extra = {}) => ({ ...extra, swagger: `${base(a)}/api/docs`, metrics: `${base(a)}/metrics` });
  return [
    { name: 'ledger', url: base(ledger), urls: api(ledger, { portal: `${base(ledger)}/`, api: `${base(ledger)}/api/v1` }) },
    { name: 'checks', url: base(checks), urls: api(checks) },
    { name: 'ingest', url: base(ingest), urls: api(ingest, { jobs: `${base(ingest)}/api/v1/jobs` }) },
    { name: 'compute', url: base(compute), urls: api(compute, { jobs: `${base(compute)}/api/v1/jobs` }) },
    { name: 'orchestrator', url: base(orchestrator), urls: api(orchestrator, { schedule: `${base(orchestrator)}/api/v1/schedule`, backfills: `${base(orchestrator)}/api/v1/backfills` }) },
  ];
}

const NEST_BOOT_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);
const verbose = ['debug', 'trace'].includes(process.env.OPTIONS_HELPER_LOG_LEVEL || '');

function pretty(name, line) {
  let text = line;
  try {
    const entry = JSON.parse(line);
    const { level, time: _time, msg, service: _service, context, pid: _pid, hostname: _hostname, ...rest } = entry;
    // Nest's start-up chatter (one line per module and route) drowns the stack's own lines; debug level shows it.
    if (NEST_BOOT_CONTEXTS.has(context) && !verbose) return null;
    const extra = Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : '';
    text = `${LEVELS[level] || level} ${context ? `[${context}] ` : ''}${msg ?? ''}${extra}`;
  } catch {
    // not a JSON log line: print as is
  }
  return `[${name.padEnd(12)}] ${text}`;
}

async function waitReady(url, child, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const res = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return true;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

async function getJson(url, init) {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(60_000) });
  const body = await res.json().catch(() => ({}));
  if (!res.ok && res.status !== 202) throw new Error(`${url} answered ${res.status}: ${body.message ?? ''}`);
  return body;
}

/** Writes the demo portfolio and watchlists when the files do not exist (never overwrites). */
function seedDemoFiles(env, domain, log) {
  const dataDir = env.OPTIONS_HELPER_DATA_DIR || 'data';
  const portfolio = path.resolve(root, domain.portfolioPath(env));
  const watchlists = path.resolve(root, domain.watchlistsPath(env));
  fs.mkdirSync(path.resolve(root, dataDir), { recursive: true });
  const today = domain.isoDateInZone(new Date(), env.OPTIONS_HELPER_TZ || domain.DEFAULT_REPORTING_TIME_ZONE);
  if (!fs.existsSync(portfolio)) {
    fs.mkdirSync(path.dirname(portfolio), { recursive: true });
    fs.writeFileSync(portfolio, `${JSON.stringify(domain.demoPortfolio(today), null, 2)}\n`);
    log(`seeded a demo portfolio: ${portfolio}`);
  }
  if (!fs.existsSync(watchlists)) {
    fs.mkdirSync(path.dirname(watchlists), { recursive: true });
    fs.writeFileSync(watchlists, `${JSON.stringify({ watchlists: domain.demoWatchlists() }, null, 2)}\n`);
    log(`seeded demo watchlists: ${watchlists}`);
  }
}

/** Plans one range of the graph (only what is missing) and hands it to the orchestrator; returns the backfill id. */
async function applyRange(env, domain, from, to) {
  const q = new URLSearchParams({ from, to, mode: 'only-missing', partition_start: env.OPTIONS_HELPER_PARTITION_START || domain.DEFAULT_PARTITION_START });
  const plan = await getJson(`${env.OPTIONS_HELPER_LEDGER_URL}/api/v1/backfill/range-plan?${q}`);
  const backfill = await getJson(`${env.OPTIONS_HELPER_ORCHESTRATOR_URL}/api/v1/backfills`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ hash: plan.hash, from, to, mode: 'only-missing' }),
  });
  return { id: backfill.backfill_id, partitions: plan.partitions.length };
}

/**
 * On an empty ledger: backfills the last 30 sessions. The orchestrator works backfills in the order they arrive, each
 * oldest first, so the two newest sessions go first (flow needs the day before): the latest session is fresh within
 * minutes, and the older history fills in behind it.
 */
async function backfillIfEmpty(env, domain, log) {
  const runs = await getJson(`${env.OPTIONS_HELPER_LEDGER_URL}/api/v1/runs?limit=1`);
  if (runs.total > 0) return null;
  const to = domain.nyseCalendar.lastCompletedSession(new Date());
  const sessions = domain.lastSessions(domain.nyseCalendar, to, BACKFILL_SESSIONS);
  const recent = await applyRange(env, domain, sessions[sessions.length - 2], to);
  log(`empty ledger: backfilling the latest sessions ${sessions[sessions.length - 2]}..${to} first (backfill ${recent.id})`);
  const older = await applyRange(env, domain, sessions[0], sessions[sessions.length - 3]);
  log(`then ${older.partitions} older sessions ${sessions[0]}..${sessions[sessions.length - 3]} (backfill ${older.id}); watch them with: npx options-helper backfill status`);
  return recent.id;
}

/**
 * Starts the stack and resolves once it is ready (the processes keep running until stop() or a signal).
 * Options: env (default process.env), out (a writable for logs, default stdout), backfill (default true),
 * handleSignals (Ctrl-C / SIGTERM stop the stack).
 */
/**
 * The ledger serves the built portal at `/`; build it once when it is missing (about a minute), so `npm start` on a
 * fresh clone shows the portal. A failed build is reported and the stack starts anyway (the API works without it).
 */
function buildPortalIfMissing(env, log) {
  const dir = env.OPTIONS_HELPER_PORTAL_DIR || path.join(root, 'dist/apps/portal/browser');
  if (fs.existsSync(path.join(dir, 'index.html')) || env.OPTIONS_HELPER_PORTAL_DIR) return;
  log('building the portal (first start only): npm run build:portal …');
  const result = spawnSync(process.execPath, [require.resolve('nx/bin/nx.js'), 'run', 'portal:build'], {
    cwd: root,
    env: { ...env, NX_DAEMON: 'false', NX_TUI: 'false', NX_NO_CLOUD: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  if (result.status === 0) log(`portal built: ${dir}`);
  else log(`portal build failed (the ledger serves a page saying how to build it):\n${(result.stderr || result.stdout || '').slice(-2000)}`);
}

async function runStack(options = {}) {
  const env = options.env || process.env;
  const out = options.out || process.stdout;
  const log = (line) => out.write(`${line}\n`);
  if (options.buildPortal !== false) buildPortalIfMissing(env, log);
  const services = stackServices(env);
  const children = [];
  let stopping = false;
  let exitCode = 0;
  let resolveStopped;
  const stopped = new Promise((r) => (resolveStopped = r));

  const stop = (code = 0) => {
    if (stopping) return stopped;
    stopping = true;
    exitCode = code;
    log('Stopping…');
    // Reverse start order: the orchestrator first, the ledger (which owns the DuckDB file) last.
    const alive = children.filter((c) => c.exitCode === null && c.signalCode === null).reverse();
    (async () => {
      for (const child of alive) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        if (child.exitCode === null && child.signalCode === null) await new Promise((r) => child.once('exit', r));
        clearTimeout(timer);
      }
      resolveStopped(exitCode);
    })();
    return stopped;
  };

  const start = (service) => {
    const child = spawn(process.execPath, [path.join(root, 'bin/service.js'), service.name], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [child.stdout, child.stderr]) {
      readline.createInterface({ input: stream }).on('line', (line) => {
        const text = pretty(service.name, line);
        if (text !== null) out.write(`${text}\n`);
      });
    }
    child.on('exit', (code, signal) => {
      if (!stopping) {
        log(`[${service.name}] exited (${signal || code}); stopping the stack`);
        void stop(1);
      }
    });
    children.push(child);
    return child;
  };

  if (options.handleSignals) {
    process.on('SIGINT', () => void stop(0));
    process.on('SIGTERM', () => void stop(0));
  }
  log('options-helper — Not financial advice. For informational/educational use only.');
  for (const service of services) {
    if (stopping) break;
    const child = start(service);
    if (!(await waitReady(service.url, child))) {
      log(`${service.name} did not become ready`);
      await stop(1);
      return { stop, stopped, ready: false };
    }
  }
  const { registerTypeScript } = require(path.join(root, 'bin/run-ts.js'));
  registerTypeScript();
  const domain = require(path.join(root, 'libs/domain/src/index.ts'));
  seedDemoFiles(env, domain, log);
  let backfillId = null;
  if (options.backfill !== false) {
    try {
      backfillId = await backfillIfEmpty(env, domain, log);
    } catch (err) {
      log(`initial backfill not started: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  log('\nReady:');
  for (const service of services) {
    for (const [label, url] of Object.entries(service.urls)) log(`  ${service.name.padEnd(12)} ${label.padEnd(9)} ${url}`);
  }
  log('\nTry: npx options-helper db health   ·   npx options-helper backfill status\nCtrl-C stops everything.\n');
  return { stop, stopped, ready: true, backfillId, services };
}

module.exports = { runStack, stackServices };

if (require.main === module) {
  (async () => {
    const stack = await runStack({ handleSignals: true });
    process.exit(await stack.stopped);
  })().catch((err) => {
    process.stderr.write(`Error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
