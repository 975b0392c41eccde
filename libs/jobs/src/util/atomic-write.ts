import * as fs from 'node:fs';
import * as path from 'node:path';

/** Writes a file whole or not at all: a temp file in the same folder, then a rename. Returns the bytes written. */
export function writeFileAtomic(file: string, text: string): number {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  return Buffer.byteLength(text);
}

/** A JSON file's parsed content, or `fallback` when the file does not exist; a parse error names the file. */
export function readJsonFile(file: string, fallback: unknown): unknown {
  if (!fs.existsSync(file)) return fallback;
  const text = fs.readFileSync(file, 'utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new Error(`${file} is not valid JSON: ${(err as Error).message}`);
  }
}
