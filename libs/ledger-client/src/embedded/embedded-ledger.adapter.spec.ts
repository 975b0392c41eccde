import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '@options-helper/ledger/testing';
import { describeLedgerPortContract } from '../testing';
import { EmbeddedLedgerAdapter } from './embedded-ledger.adapter';

describeLedgerPortContract('embedded', async () => {
  const dir = tempDir('oh-embedded-');
  return {
    port: new EmbeddedLedgerAdapter({ path: path.join(dir, 'e.duckdb') }),
    teardown: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
});

describe('EmbeddedLedgerAdapter file handling', () => {
  let dir: string;
  beforeEach(() => (dir = tempDir('oh-embedded-')));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads (info, health) never create the file; the first write or migrate does', async () => {
    const file = path.join(dir, 'sub', 'x.duckdb');
    const port = new EmbeddedLedgerAdapter({ path: file });
    expect(await port.health()).toMatchObject({ database_path: file, database_exists: false, meta_tables_present: false });
    expect(await port.info()).toMatchObject({ database_exists: false, schema_version: 0, tables: [] });
    expect(fs.existsSync(file)).toBe(false);
    expect(fs.existsSync(path.dirname(file))).toBe(false);
    expect(await port.migrate()).toMatchObject({ database_path: file, schema_version: 6, applied: [1, 2, 3, 4, 5, 6] });
    expect(fs.existsSync(file)).toBe(true);
    await port.close();
  });

  it('switches from a read-only open to read-write on the first write', async () => {
    const file = path.join(dir, 'y.duckdb');
    const first = new EmbeddedLedgerAdapter({ path: file });
    await first.migrate();
    await first.close();
    const port = new EmbeddedLedgerAdapter({ path: file });
    expect((await port.health()).latest_runs).toEqual([]);
    const run = await port.startRun({ jobName: 'ingest_candles' });
    expect((await port.health()).latest_runs.map((r) => r.run_id)).toEqual([run.run_id]);
    await port.close();
  });
});
