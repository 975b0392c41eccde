import * as fs from 'node:fs';
import * as path from 'node:path';
import { BRIEFING_DISCLAIMER, JsonSchema, validateJsonSchema } from '@options-helper/domain';
import { EmbeddedLedgerAdapter } from '@options-helper/ledger-client';
import { tempDir } from '@options-helper/ledger/testing';
import { REPO_ROOT, runCli } from '../testing/run-cli';

jest.setTimeout(240_000);

const schema = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'docs/schemas/briefing.schema.json'), 'utf8')) as JsonSchema;

describe('options-helper briefing / dashboard (DOMAIN.md §6)', () => {
  let dir: string;
  let file: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = tempDir('oh-cli-briefing-');
    file = path.join(dir, 'b.duckdb');
    fs.writeFileSync(path.join(dir, 'watchlists.json'), JSON.stringify({ watchlists: { snap: ['SPY'], monitor: ['SPY', 'QQQ'] } }));
    env = { OPTIONS_HELPER_WATCHLISTS_PATH: path.join(dir, 'watchlists.json'), OPTIONS_HELPER_DATA_DIR: dir, OPTIONS_HELPER_PORTFOLIO_PATH: path.join(dir, 'portfolio.json') };
    for (const asOf of ['2026-11-24', '2026-11-25']) {
      expect((await runCli(['--duckdb-path', file, 'snapshot-options', '--watchlist', 'snap', '--as-of', asOf, '--max-expiries', '2'], { env })).code).toBe(0);
    }
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function sql(query: string): Promise<Record<string, unknown>[]> {
    const port = new EmbeddedLedgerAdapter({ path: file });
    try {
      return (await port.query(query, { maxRows: 10_000 })).rows;
    } finally {
      await port.close();
    }
  }

  it('writes the Markdown with the documented headings and schema-valid JSON; a symbol without snapshots gets an error line', async () => {
    const res = await runCli(['--duckdb-path', file, 'briefing', '--watchlist', 'monitor', '--compare', '-1'], { env });
    expect(res.code).toBe(0);
    const mdPath = path.join(dir, 'reports/daily/2026-11-25.md');
    expect(res.stdout).toContain(`Briefing written: ${mdPath}`);
    expect(res.stdout).toMatch(/build_briefing run [0-9a-f-]{36}: 1 ok, 0 skipped, 1 failed; report 2026-11-25/);
    const md = fs.readFileSync(mdPath, 'utf8');
    expect(md.startsWith(`# Daily briefing (2026-11-25)\n> ${BRIEFING_DISCLAIMER}\n- Portfolio: \`none\`\n- Symbols: \`QQQ, SPY\`\n`)).toBe(true);
    for (const h of ['## SPY (2026-11-25)', '### Technicals', '### Strike map (spot + ATR distance)', '### Chain', '### Compare', '### Flow (net, aggregated by strike)']) expect(md).toContain(`\n${h}\n`);
    expect(md).toContain('## QQQ (no snapshot)\n- Errors:\n  - no snapshot for QQQ (run snapshot-options first)\n');
    const json = JSON.parse(fs.readFileSync(path.join(dir, 'reports/daily/2026-11-25.json'), 'utf8'));
    expect(validateJsonSchema(schema, json)).toEqual([]);
    expect(json.disclaimer).toBe(BRIEFING_DISCLAIMER);
    const runs = await sql(`SELECT status FROM meta.ingestion_runs WHERE job_name = 'build_briefing'`);
    expect(runs).toEqual([{ status: 'success' }]);

    const dash = await runCli(['--duckdb-path', file, 'dashboard'], { env });
    expect(dash.code).toBe(0);
    expect(dash.stdout).toContain('Daily dashboard — report date 2026-11-25');
    expect(dash.stdout).toContain(BRIEFING_DISCLAIMER);
    expect(dash.stdout).toMatch(/QQQ\s+—\s+watchlist:monitor\s+unknown\s+—\s+errors: 1/);
    expect(fs.existsSync(path.join(dir, 'reports/dashboard/2026-11-25.json'))).toBe(true);
  });

  it('a malformed portfolio file exits non-zero naming the JSON path and reason, and writes nothing', async () => {
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ positions: [{ id: 'p1', symbol: 'SPY', option_type: 'straddle', expiry: '2026-12-18', strike: 600, contracts: 1, cost_basis: 2 }] }));
    const out = path.join(dir, 'out-bad');
    const before = await sql('SELECT count(*) AS n FROM meta.ingestion_runs');
    const res = await runCli(['--duckdb-path', file, 'briefing', bad, '--out', out], { env });
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain('$.positions[0].option_type');
    expect(res.stderr).toContain(`${bad} is invalid: $.positions[0].option_type: must be "call" or "put"`);
    expect(fs.existsSync(out)).toBe(false);
    expect(await sql('SELECT count(*) AS n FROM meta.ingestion_runs')).toEqual(before);
  });

  it('no symbol with a snapshot ⇒ exit 1', async () => {
    const res = await runCli(['--duckdb-path', file, 'briefing', '--symbol', 'QQQ'], { env });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('Error: no snapshot for any symbol (QQQ)');
  });
});
