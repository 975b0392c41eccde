import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MigrationError } from '../ledger.errors';

export interface MigrationFile {
  version: number;
  name: string;
  file: string;
  sql: string;
  checksum: string;
}

const FILE_PATTERN = /^(\d{3})_([a-z0-9_]+)\.sql$/;

/**
 * Finds the `migrations/` folder: OPTIONS_HELPER_MIGRATIONS_DIR when set, else the first ancestor of this
 * module (source or compiled) that holds one — the repository root in development, /app in the image.
 */
export function defaultMigrationsDir(): string {
  const fromEnv = process.env['OPTIONS_HELPER_MIGRATIONS_DIR'];
  if (fromEnv) return path.resolve(fromEnv);
  let dir = __dirname;
  for (;;) {
    const candidate = path.join(dir, 'migrations');
    if (fs.existsSync(path.join(candidate, '001_core_market.sql'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new MigrationError('cannot find the migrations/ folder; set OPTIONS_HELPER_MIGRATIONS_DIR');
    dir = parent;
  }
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Loads NNN_name.sql files in version order; gaps and duplicate versions are errors. */
export function loadMigrationFiles(dir: string = defaultMigrationsDir()): MigrationFile[] {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  const migrations: MigrationFile[] = [];
  for (const file of files) {
    const match = FILE_PATTERN.exec(file);
    if (!match) throw new MigrationError(`migration file ${file} does not match NNN_name.sql`);
    const sql = fs.readFileSync(path.join(dir, file), 'utf8');
    migrations.push({ version: Number(match[1]), name: match[2] as string, file, sql, checksum: sha256Hex(sql) });
  }
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new MigrationError(`migration versions must be 001, 002, … without gaps; found ${m.file}`);
  });
  return migrations;
}
