import {
  derivedChecks,
  flowKeyChecks,
  candleChecks,
  CheckResult,
  CheckSkipReason,
  JobName,
  optionBarChecks,
  skippedCheck,
  snapshotChecks,
  SnapshotCheckRow,
} from '@options-helper/domain';
import type { LedgerPort } from '@options-helper/ledger-client';
import type { CheckHook, CheckRequest, JobContext } from '../runner/job.types';

// The checks runner (DOMAIN.md §8): data access here, the rules in libs/domain. Runs in-process (CLI) or in
// the checks service; jobs call it through the CheckHook after writing.

const PAGE = 5000;

/** All rows of a read-only SELECT, paged under the executor's row cap. `sql` must have a total ORDER BY. */
export async function queryAll(ledger: LedgerPort, sql: string, params: (string | number | boolean | null)[] = []): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await ledger.query(`${sql} LIMIT ${PAGE} OFFSET ${offset}`, { params, maxRows: PAGE });
    out.push(...page.rows);
    if (page.rows.length < PAGE) return out;
  }
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export const CHECKS_BY_ASSET: Record<string, [string, 'error' | 'warn'][]> = {
  candles_daily: [
    ['candles_unique_symbol_date', 'error'],
    ['candles_monotonic_date', 'error'],
    ['candles_no_negative_prices', 'error'],
    ['candles_gap_days_last_30', 'warn'],
  ],
  option_bars: [
    ['options_bars_monotonic_ts', 'error'],
    ['options_bars_no_negative_prices', 'error'],
    ['options_bars_duplicate_pk', 'error'],
  ],
  options_snapshots: [
    ['snapshot_parseable_contract_symbol', 'warn'],
    ['snapshot_null_iv_ratio', 'warn'],
  ],
  options_flow: [['flow_no_null_primary_keys', 'error']],
  derived_daily: [['derived_no_duplicate_keys', 'error']],
};

/** The asset whose checks run after each producer job. */
export const ASSET_OF_JOB: Partial<Record<JobName, string>> = {
  ingest_candles: 'candles_daily',
  ingest_options_bars: 'option_bars',
  snapshot_options: 'options_snapshots',
  compute_flow: 'options_flow',
  compute_derived: 'derived_daily',
};

export function skippedChecksFor(assetKey: string, reason: CheckSkipReason): CheckResult[] {
  return (CHECKS_BY_ASSET[assetKey] ?? []).map(([name, severity]) => skippedCheck(assetKey, name, severity, reason));
}

export async function candleChecksFor(ctx: Pick<JobContext, 'ledger' | 'calendar'>, symbol: string): Promise<CheckResult[]> {
  const rows = await queryAll(
    ctx.ledger,
    `SELECT strftime(ts, '%Y-%m-%d') AS date, open, high, low, close FROM candles_daily
     WHERE symbol = $1 AND interval = '1d' AND auto_adjust AND NOT back_adjust ORDER BY ts`,
    [symbol],
  );
  return candleChecks(symbol, rows.map((r) => ({ date: (r['date'] as string | null) ?? null, open: num(r['open']), high: num(r['high']), low: num(r['low']), close: num(r['close']) })), ctx.calendar);
}

export async function snapshotChecksFor(ctx: Pick<JobContext, 'ledger' | 'provider'>, scope: string): Promise<CheckResult[]> {
  const [symbol, date] = scope.split('|');
  const rows = await queryAll(
    ctx.ledger,
    `SELECT contract_symbol, implied_volatility, bid, ask, last_price FROM options_snapshot_rows
     WHERE symbol = $1 AND snapshot_date = CAST($2 AS DATE) AND provider = $3 ORDER BY contract_symbol`,
    [symbol ?? '', date ?? '', ctx.provider.name],
  );
  return snapshotChecks(scope, rows as unknown as SnapshotCheckRow[]);
}

/** Option-bar checks over the given contracts (all of the provider's when `contracts` is null), counted in SQL. */
export async function optionBarChecksFor(ctx: Pick<JobContext, 'ledger' | 'provider'>, contracts: string[] | null): Promise<CheckResult[]> {
  if (contracts && contracts.length === 0) return skippedChecksFor('option_bars', 'empty_contract_symbols');
  const filter = contracts ? `AND contract_symbol IN (SELECT unnest(string_split($2, ',')))` : '';
  const params = contracts ? [ctx.provider.name, contracts.join(',')] : [ctx.provider.name];
  const [s] = (
    await ctx.ledger.query(
      `WITH bars AS (SELECT * FROM option_bars WHERE interval = '1d' AND provider = $1 ${filter}),
            ordered AS (SELECT contract_symbol, interval, provider, ts, lag(ts) OVER (PARTITION BY contract_symbol, interval, provider ORDER BY contract_symbol, interval, provider, ts) AS prev FROM bars),
            dups AS (SELECT count(*) AS n FROM bars GROUP BY contract_symbol, interval, provider, ts HAVING count(*) > 1)
       SELECT (SELECT count(*) FROM bars) AS rows_checked,
              (SELECT count(*) FROM bars WHERE ts IS NULL) AS invalid_ts_rows,
              (SELECT count(DISTINCT (contract_symbol, interval, provider)) FROM ordered WHERE prev > ts) AS non_monotonic_groups,
              (SELECT count(*) FROM bars WHERE open < 0 OR high < 0 OR low < 0 OR close < 0) AS negative_rows,
              (SELECT coalesce(sum((open < 0)::INT + (high < 0)::INT + (low < 0)::INT + (close < 0)::INT), 0) FROM bars) AS negative_cells,
              (SELECT coalesce(sum(n), 0) FROM dups) AS duplicate_pk_rows,
              (SELECT count(*) FROM dups) AS duplicate_pk_keys`,
      { params, maxRows: 1 },
    )
  ).rows;
  const n = (k: string) => Number(s?.[k] ?? 0);
  if (n('rows_checked') === 0) return skippedChecksFor('option_bars', 'no_rows');
  return optionBarChecks({
    rows_checked: n('rows_checked'),
    invalid_ts_rows: n('invalid_ts_rows'),
    non_monotonic_groups: n('non_monotonic_groups'),
    negative_rows: n('negative_rows'),
    negative_cells: n('negative_cells'),
    duplicate_pk_rows: n('duplicate_pk_rows'),
    duplicate_pk_keys: n('duplicate_pk_keys'),
  });
}

/**
 * The checks of an asset over given scopes (symbols, `SYMBOL|DATE` snapshot keys, contract symbols); with
 * no scopes, the skip results for `skipReason`, or every partition when there is none.
 */
export async function runChecksForScopes(ctx: Pick<JobContext, 'ledger' | 'provider' | 'calendar'>, asset: string, scopes: string[], skipReason?: string): Promise<CheckResult[]> {
  if (scopes.length === 0 && skipReason) return skippedChecksFor(asset, skipReason as CheckSkipReason);
  if (scopes.length === 0 || asset === 'options_flow' || asset === 'derived_daily') return runAssetChecks(ctx, asset, scopes);
  if (asset === 'candles_daily') return (await Promise.all(scopes.map((s) => candleChecksFor(ctx, s)))).flat();
  if (asset === 'options_snapshots') return (await Promise.all(scopes.map((s) => snapshotChecksFor(ctx, s)))).flat();
  return optionBarChecksFor(ctx, scopes);
}

/** Runs the checks for what a job wrote (its scopes), or the skip results when it wrote nothing. */
export async function runChecksForJob(request: CheckRequest, ctx: Pick<JobContext, 'ledger' | 'provider' | 'calendar'>): Promise<CheckResult[]> {
  const asset = ASSET_OF_JOB[request.jobName];
  if (!asset) return [];
  return runChecksForScopes(ctx, asset, request.scopes, request.scopes.length === 0 ? (request.skipReason ?? 'no_rows') : undefined);
}

/** The in-process checks hook (CLI and tests); services may call the checks service instead. */
export const inProcessChecks: CheckHook = (request, ctx) => runChecksForJob(request, ctx);

/** On-demand checks (`options-helper checks run --asset A [--symbol S]`): results with no run. */
export async function runAssetChecks(ctx: Pick<JobContext, 'ledger' | 'provider' | 'calendar'>, assetKey: string, symbols: string[]): Promise<CheckResult[]> {
  if (assetKey === 'candles_daily') {
    const list = symbols.length ? symbols : (await queryAll(ctx.ledger, `SELECT DISTINCT symbol FROM candles_daily ORDER BY symbol`)).map((r) => String(r['symbol']));
    if (list.length === 0) return skippedChecksFor(assetKey, 'no_symbols');
    return (await Promise.all(list.map((s) => candleChecksFor(ctx, s)))).flat();
  }
  if (assetKey === 'options_snapshots') {
    const latest = await queryAll(
      ctx.ledger,
      `SELECT symbol, strftime(max(snapshot_date), '%Y-%m-%d') AS d FROM options_snapshot_headers WHERE provider = $1 GROUP BY symbol ORDER BY symbol`,
      [ctx.provider.name],
    );
    const scopes = latest.filter((r) => symbols.length === 0 || symbols.includes(String(r['symbol']))).map((r) => `${r['symbol']}|${r['d']}`);
    if (scopes.length === 0) return skippedChecksFor(assetKey, 'no_snapshot_dates');
    return (await Promise.all(scopes.map((s) => snapshotChecksFor(ctx, s)))).flat();
  }
  if (assetKey === 'option_bars') {
    if (symbols.length === 0) return optionBarChecksFor(ctx, null);
    const contracts = await queryAll(ctx.ledger, `SELECT contract_symbol FROM option_contracts WHERE underlying IN (SELECT unnest(string_split($1, ','))) ORDER BY contract_symbol`, [symbols.join(',')]);
    return optionBarChecksFor(ctx, contracts.map((r) => String(r['contract_symbol'])));
  }
  if (assetKey === 'options_flow') {
    const filter = symbols.length ? `WHERE symbol IN (SELECT unnest(string_split($1, ',')))` : '';
    const blank = (c: string) => `${c} IS NULL OR regexp_matches(CAST(${c} AS VARCHAR), '^\\s*$')`;
    const [counts] = await queryAll(
      ctx.ledger,
      `SELECT count(*) AS rows_checked,
              count(*) FILTER (WHERE ${blank('symbol')} OR ${blank('from_date')} OR ${blank('to_date')} OR window_size IS NULL OR ${blank('group_by')} OR ${blank('row_key')}) AS null_pk_rows
       FROM options_flow ${filter}`,
      symbols.length ? [symbols.join(',')] : [],
    );
    return flowKeyChecks({ rows_checked: Number(counts?.['rows_checked'] ?? 0), null_pk_rows: Number(counts?.['null_pk_rows'] ?? 0) });
  }
  if (assetKey === 'derived_daily') {
    const list = symbols.length ? symbols : (await queryAll(ctx.ledger, `SELECT DISTINCT symbol FROM derived_daily ORDER BY symbol`)).map((r) => String(r['symbol']));
    if (list.length === 0) return skippedChecksFor(assetKey, 'no_symbols');
    const out: CheckResult[] = [];
    for (const symbol of list) {
      const dates = await queryAll(ctx.ledger, `SELECT CAST(date AS VARCHAR) AS d FROM derived_daily WHERE symbol = $1 ORDER BY date`, [symbol]);
      out.push(...derivedChecks(symbol, dates.map((r) => String(r['d']))));
    }
    return out;
  }
  throw new Error(`no checks for asset ${JSON.stringify(assetKey)}: use one of ${Object.keys(CHECKS_BY_ASSET).join(', ')}`);
}
