import { Command } from 'commander';
import { UsageError } from '../exit-codes';
import type { GlobalOptions } from '../options';

interface AddUserFlags {
  passwordStdin?: boolean;
  credentials?: string;
}

const MAX_PASSWORD_BYTES = 4096;

/** The password from standard input: the first line, without its line break. */
async function readPassword(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    chunks.push(b);
    size += b.length;
    if (size > MAX_PASSWORD_BYTES) throw new UsageError(`the password on standard input is longer than ${MAX_PASSWORD_BYTES} bytes`);
  }
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0];
}

/** `options-helper gateway add-user NAME --password-stdin`: the Postgres gateway's users (SCRAM secrets only). */
export function gatewayCommand(globals: () => GlobalOptions, stdin: NodeJS.ReadableStream = process.stdin): Command {
  const gateway = new Command('gateway').description('Postgres wire gateway of the ledger (psql, JDBC, Grafana)');
  gateway
    .command('add-user')
    .description('add a gateway user, or replace their password; a running ledger accepts them at once')
    .argument('<name>', 'user name (letters, digits, _ . -)')
    .option('--password-stdin', 'read the password from standard input (required: passwords never go on the command line)')
    .option('--credentials <file>', 'credentials file (default: $OPTIONS_HELPER_GATEWAY_CREDENTIALS or {data dir}/gateway/credentials.json)')
    .action(async (name: string, flags: AddUserFlags) => {
      // Loaded here, not at the top: the gateway library pulls in prom-client, and `--help` stays light.
      const { defaultCredentialsPath, upsertUser, USER_NAME_PATTERN } = await import('@options-helper/pg-gateway');
      if (!USER_NAME_PATTERN.test(name)) throw new UsageError(`user name "${name}" is invalid: use letters, digits, _ . - (max 63, not starting with a digit)`);
      if (!flags.passwordStdin) throw new UsageError('--password-stdin is required: pipe the password in, e.g. printf %s "$PW" | options-helper gateway add-user grafana --password-stdin');
      const password = await readPassword(stdin);
      if (password.length === 0) throw new UsageError('the password on standard input is empty');
      const file = flags.credentials ?? defaultCredentialsPath(process.env);
      const replaced = upsertUser(file, name, password);
      if (globals().json) process.stdout.write(`${JSON.stringify({ user: name, credentials_file: file, replaced })}\n`);
      else process.stdout.write(`${replaced ? 'Replaced the password of' : 'Added'} gateway user ${name} in ${file} (SCRAM-SHA-256 secret, no password stored).\n`);
    });
  return gateway;
}
