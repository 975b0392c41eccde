import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../testing/run-cli';

jest.setTimeout(120_000);

// Embedded mode (no ledger service): planning reads the file read-only and never creates it; waive writes it.
describe('options-helper backfill (range plans and waivers)', () => {
  let dir: string;
  let file: string;
  const env = () => ({ OPTIONS_HELPER_LEDGER_URL: '', OPTIONS_HELPER_PARTITION_START: '2024-01-02' });
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oh-cli-backfill-'));
    file = path.join(dir, 'w.duckdb');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('plans the sessions of a range deterministically (a dry run), and a waiver removes its cell', async () => {
    const args = ['--duckdb-path', file, '--json', 'backfill', 'plan', '--from', '2026-11-24', '--to', '2026-11-30', '--assets', 'candles_daily,option_bars'];
    const first = await runCli(args, { env: env() });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const plan = JSON.parse(first.stdout) as { hash: string; partitions: { partition_key: string; assets: string[] }[] };
    expect(plan.partitions.map((p) => p.partition_key)).toEqual(['2026-11-24', '2026-11-25', '2026-11-27', '2026-11-30']);
    expect(fs.existsSync(file)).toBe(false);
    expect(JSON.parse((await runCli(args, { env: env() })).stdout).hash).toBe(plan.hash);

    const waived = await runCli(['--duckdb-path', file, 'backfill', 'waive', '--asset', 'option_bars', '--partition', '2026-11-25', '--reason', 'vendor outage'], { env: env() });
    expect(waived).toMatchObject({ code: 0, stdout: 'Waived option_bars for 2026-11-25: vendor outage\n' });
    const after = JSON.parse((await runCli(args, { env: env() })).stdout) as typeof plan & { waived: unknown[] };
    expect(after.partitions[1]).toEqual({ partition_key: '2026-11-25', assets: ['candles_daily'] });
    expect(after.waived).toEqual([{ asset_key: 'option_bars', partition_key: '2026-11-25' }]);
    expect(after.hash).not.toBe(plan.hash);

    const text = await runCli(['--duckdb-path', file, 'backfill', 'plan', '--from', '2026-11-24', '--to', '2026-11-25', '--only-missing'], { env: env() });
    expect(text.stdout).toMatch(/Range backfill plan \(dry run\) — 2026-11-24\.\.2026-11-25, mode only-missing, hash [0-9a-f]{64}/);
    expect(text.stdout).toMatch(/Apply: options-helper backfill apply [0-9a-f]{64} --from 2026-11-24 --to 2026-11-25 --only-missing/);
    expect((await runCli(['--duckdb-path', file, 'backfill', 'status'], { env: env() })).stdout).toBe('No backfills yet.\n');
  });

  it('rejects bad ranges, assets and partitions with exit 2 naming the flag', async () => {
    const bad = async (args: string[]) => runCli(['--duckdb-path', file, 'backfill', ...args], { env: env() });
    expect(await bad(['plan', '--from', '2026-11-24'])).toMatchObject({ code: 2, stderr: 'Error: --from and --to are both required for a range plan\n' });
    expect((await bad(['plan', '--from', '2026-11-30', '--to', '2026-11-01'])).stderr).toContain('to: must not be before from');
    expect((await bad(['plan', '--from', '2026-11-01', '--to', '2026-11-30', '--assets', 'candles'])).stderr).toContain('"candles" is not an asset of the daily graph');
    expect((await bad(['plan', '--from', '2026-11-01', '--to', '2026-11-30', '--only-missing', '--only-failed'])).code).toBe(2);
    expect(await bad(['waive', '--asset', 'option_bars', '--partition', '2026-11-26', '--reason', 'x'])).toMatchObject({ code: 2, stderr: 'Error: --partition: partition 2026-11-26 is not a trading session\n' });
    expect((await bad(['apply', 'abc', '--from', '2026-11-01', '--to', '2026-11-30'])).code).toBe(2);
    expect(fs.existsSync(file)).toBe(false);
  });
});
