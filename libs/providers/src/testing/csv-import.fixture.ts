import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A throw-away csv import root for tests: `files` maps paths like `chains/SPY/2026-11-20.csv` to their text. */
export interface CsvImportFixture {
  dir: string;
  write(files: Record<string, string>): Promise<void>;
  remove(): Promise<void>;
}

export async function createCsvImportFixture(files: Record<string, string> = {}): Promise<CsvImportFixture> {
  const dir = await mkdtemp(join(tmpdir(), 'options-helper-csv-'));
  const write = async (more: Record<string, string>) => {
    for (const [path, text] of Object.entries(more)) {
      const full = join(dir, ...path.split('/'));
      await mkdir(dirname(full), { recursive: true });
      await writeFile(full, text, 'utf8');
    }
  };
  await write(files);
  return { dir, write, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Joins CSV lines with `\n` and a trailing newline. */
export function csvText(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}
