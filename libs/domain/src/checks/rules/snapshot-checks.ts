import { parseOsi } from '../../osi';
import { optionMark } from '../../pricing';
import type { CheckResult } from '../check-result';

export interface SnapshotCheckRow {
  contract_symbol: string | null;
  implied_volatility: number | null;
  bid: number | null;
  ask: number | null;
  last_price: number | null;
}

/** The two snapshot checks of DOMAIN.md §8 for one saved (symbol, date), scope `SYMBOL|YYYY-MM-DD`. */
export function snapshotChecks(scope: string, rows: SnapshotCheckRow[]): CheckResult[] {
  const base = { asset_key: 'options_snapshots' as const, scope_key: scope };
  if (rows.length === 0) {
    return [
      { ...base, check_name: 'snapshot_parseable_contract_symbol', severity: 'warn', status: 'skip', metrics: { reason: 'no_rows' }, message: 'check skipped (no_rows)' },
      { ...base, check_name: 'snapshot_null_iv_ratio', severity: 'warn', status: 'skip', metrics: { reason: 'no_rows' }, message: 'check skipped (no_rows)' },
    ];
  }
  const symbols = rows.map((r) => (typeof r.contract_symbol === 'string' ? r.contract_symbol.trim() : '')).filter((s) => s !== '');
  const parseable = symbols.filter((s) => parseOsi(s) !== null).length;
  const unparseable = symbols.length - parseable;
  const parse: CheckResult = {
    ...base,
    check_name: 'snapshot_parseable_contract_symbol',
    severity: 'warn',
    status: symbols.length === 0 || unparseable > 0 ? 'fail' : 'pass',
    metrics: { rows_checked: rows.length, total_contracts: symbols.length, parseable_contracts: parseable, unparseable_contracts: unparseable, unparseable_ratio: symbols.length ? unparseable / symbols.length : null },
    message: symbols.length === 0 ? 'No contract-symbol values.' : unparseable ? `${unparseable} of ${symbols.length} contract symbol(s) are not OSI-parseable.` : `All ${symbols.length} contract symbols parse.`,
  };
  const priced = rows.filter((r) => (optionMark({ bid: r.bid, ask: r.ask, lastPrice: r.last_price }) ?? 0) > 0);
  let iv: CheckResult;
  if (priced.length === 0) {
    iv = { ...base, check_name: 'snapshot_null_iv_ratio', severity: 'warn', status: 'skip', metrics: { reason: 'no_rows', rows_checked: 0 }, message: 'check skipped (no_rows)' };
  } else {
    const nullIv = priced.filter((r) => !(typeof r.implied_volatility === 'number' && Number.isFinite(r.implied_volatility) && r.implied_volatility > 1e-4)).length;
    const ratio = nullIv / priced.length;
    iv = {
      ...base,
      check_name: 'snapshot_null_iv_ratio',
      severity: 'warn',
      status: ratio > 0.2 ? 'fail' : 'pass',
      metrics: { rows_checked: priced.length, null_iv_rows: nullIv, null_iv_ratio: ratio },
      message: `${nullIv} of ${priced.length} priced contract(s) lack usable IV.`,
    };
  }
  return [parse, iv];
}
