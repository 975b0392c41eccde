import { CommanderError } from 'commander';
import { EXIT, UsageError } from './exit-codes';
import { buildProgram } from './program';

async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  program.exitOverride();
  for (const sub of program.commands) {
    sub.exitOverride();
    sub.commands.forEach((c) => c.exitOverride());
  }
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version are not errors; every other commander error is a usage error (exit 2).
      process.exitCode = err.exitCode === 0 ? EXIT.ok : EXIT.usage;
      return;
    }
    if (err instanceof UsageError) {
      process.stderr.write(`Error: ${err.message}\n`);
      process.exitCode = EXIT.usage;
      return;
    }
    process.stderr.write(`Error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = EXIT.failure;
  }
}

void main(process.argv);
