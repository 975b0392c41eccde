import type { DuckDBConnection } from '@duckdb/node-api';
import { FLOW_GROUP_BYS, FlowGroupBy, PortalFlowPartitions, PortalFlowRow, PortalFlowRows, PortalFlowTypeSummary } from '@options-helper/domain';
import { queryRows } from '../duckdb/duckdb-database';
import { isoSql, toNumber, toText } from '../duckdb/sql-values';
import { PortalNotFoundError } from './portal-not-found.error';

// The Flow page (DOMAIN.md §10) over persisted `options_flow` partitions.

export const PORTAL_FLOW_PARTITION_LIMIT = 400;
export const PORTAL_FLOW_DEFAULT_RANGE_DAYS = 30;

export interface FlowPartitionKey {
  asOf: string;
  fromDate: string;
  toDate: string;
  window: number;
  groupBy: FlowGroupBy;
}

function num(value: unknown): number {
  const n = toNumber(value);
  return n !== null && Number.isFinite(n) ? n : 0;
}

function nullableNum(value: unknown): number | null {
  const n = toNumber(value);
  return n !== null && Number.isFinite(n) ? n : null;
}

function shiftDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export async function portalFlowSymbols(conn: DuckDBConnection): Promise<string[]> {
  return (await queryRows(conn, `SELECT DISTINCT symbol FROM options_flow ORDER BY 1`)).map((r) => String(r['symbol']));
}

export async function portalFlowPartitions(
  conn: DuckDBConnection,
  symbol: string,
  requested: FlowGroupBy,
  range: { from?: string; to?: string } = {},
): Promise<PortalFlowPartitions> {
  const present = new Set((await queryRows(conn, `SELECT DISTINCT group_by FROM options_flow WHERE symbol = $1`, [symbol])).map((r) => String(r['group_by'])));
  const groups = FLOW_GROUP_BYS.filter((g) => present.has(g));
  const groupBy = groups.includes(requested) ? requested : (groups[0] ?? null);
  const empty: PortalFlowPartitions = { symbol, groups, requested_group_by: requested, group_by: groupBy, as_of_min: null, as_of_max: null, from: null, to: null, partitions: [] };
  if (!groupBy) return empty;
  const [bounds] = await queryRows(
    conn,
    `SELECT strftime(min(as_of), '%Y-%m-%d') AS lo, strftime(max(as_of), '%Y-%m-%d') AS hi FROM options_flow WHERE symbol = $1 AND group_by = $2`,
    [symbol, groupBy],
  );
  const lo = toText(bounds?.['lo']);
  const hi = toText(bounds?.['hi']);
  if (!lo || !hi) return empty;
  const defaultFrom = shiftDays(hi, -PORTAL_FLOW_DEFAULT_RANGE_DAYS);
  const from = range.from ?? (defaultFrom > lo ? defaultFrom : lo);
  const to = range.to ?? hi;
  const rows = await queryRows(
    conn,
    `SELECT strftime(as_of, '%Y-%m-%d') AS as_of, strftime(from_date, '%Y-%m-%d') AS from_date, strftime(to_date, '%Y-%m-%d') AS to_date,
            window_size, group_by, count(*) AS n,
            sum(coalesce(delta_oi_notional, 0))::DOUBLE AS net_delta_oi_notional,
            sum(coalesce(volume_notional, 0))::DOUBLE AS total_volume_notional,
            sum(coalesce(delta_notional, 0))::DOUBLE AS net_delta_notional,
            ${isoSql('max(updated_at)', 'updated_at')}
     FROM options_flow
     WHERE symbol = $1 AND group_by = $2 AND as_of BETWEEN CAST($3 AS DATE) AND CAST($4 AS DATE)
     GROUP BY options_flow.as_of, options_flow.from_date, options_flow.to_date, window_size, group_by
     ORDER BY options_flow.as_of DESC, options_flow.to_date DESC, options_flow.from_date DESC, window_size ASC
     LIMIT ${PORTAL_FLOW_PARTITION_LIMIT}`,
    [symbol, groupBy, from, to],
  );
  return {
    ...empty,
    as_of_min: lo,
    as_of_max: hi,
    from,
    to,
    partitions: rows.map((r) => ({
      as_of: String(r['as_of']),
      from_date: String(r['from_date']),
      to_date: String(r['to_date']),
      window: num(r['window_size']),
      group_by: String(r['group_by']) as FlowGroupBy,
      rows: num(r['n']),
      net_delta_oi_notional: num(r['net_delta_oi_notional']),
      total_volume_notional: num(r['total_volume_notional']),
      net_delta_notional: num(r['net_delta_notional']),
      updated_at: toText(r['updated_at']),
    })),
  };
}

/** `contract_symbol`, else `TYPE strike expiry` with the parts that exist (chart labels). */
export function flowRowLabel(row: Pick<PortalFlowRow, 'contract_symbol' | 'option_type' | 'strike' | 'expiry' | 'row_key'>): string {
  if (row.contract_symbol) return row.contract_symbol;
  const parts = [row.option_type?.toUpperCase() ?? null, row.strike === null ? null : String(row.strike), row.expiry].filter((p): p is string => !!p);
  return parts.length ? parts.join(' ') : row.row_key;
}

export async function portalFlowRows(conn: DuckDBConnection, symbol: string, key: FlowPartitionKey, top: number): Promise<PortalFlowRows> {
  const where = `WHERE symbol = $1 AND as_of = CAST($2 AS DATE) AND from_date = CAST($3 AS DATE) AND to_date = CAST($4 AS DATE)
    AND window_size = $5 AND group_by = $6`;
  const params = [symbol, key.asOf, key.fromDate, key.toDate, key.window, key.groupBy];
  const types = await queryRows(
    conn,
    `SELECT CASE WHEN option_type IN ('call', 'put') THEN option_type ELSE 'other' END AS t, count(*) AS n,
            sum(coalesce(delta_oi_notional, 0))::DOUBLE AS d, sum(coalesce(volume_notional, 0))::DOUBLE AS v,
            sum(coalesce(delta_notional, 0))::DOUBLE AS dn
     FROM options_flow ${where} GROUP BY 1`,
    params,
  );
  if (types.length === 0) {
    throw new PortalNotFoundError(
      `no flow rows for ${symbol} as_of=${key.asOf} from=${key.fromDate} to=${key.toDate} window=${key.window} group_by=${key.groupBy}`,
      'flow_partition_missing',
    );
  }
  const byType: PortalFlowTypeSummary[] = (['call', 'put', 'other'] as const).map((t) => {
    const r = types.find((x) => String(x['t']) === t);
    return { option_type: t, rows: num(r?.['n']), delta_oi_notional: num(r?.['d']), volume_notional: num(r?.['v']), delta_notional: num(r?.['dn']) };
  });
  const rows = await queryRows(
    conn,
    `SELECT row_key, contract_symbol, strftime(expiry, '%Y-%m-%d') AS expiry, option_type, strike::DOUBLE AS strike, delta_oi::DOUBLE AS delta_oi,
            delta_oi_notional::DOUBLE AS delta_oi_notional, volume_notional::DOUBLE AS volume_notional,
            delta_notional::DOUBLE AS delta_notional, n_pairs
     FROM options_flow ${where}
     ORDER BY abs(delta_oi_notional) DESC NULLS LAST, abs(volume_notional) DESC NULLS LAST, row_key
     LIMIT ${Math.trunc(top)}`,
    params,
  );
  const sum = (f: (t: PortalFlowTypeSummary) => number) => byType.reduce((acc, t) => acc + f(t), 0);
  return {
    symbol,
    as_of: key.asOf,
    from_date: key.fromDate,
    to_date: key.toDate,
    window: key.window,
    group_by: key.groupBy,
    top,
    total_rows: sum((t) => t.rows),
    net_delta_oi_notional: sum((t) => t.delta_oi_notional),
    net_delta_notional: sum((t) => t.delta_notional),
    total_volume_notional: sum((t) => t.volume_notional),
    by_type: byType,
    rows: rows.map((r) => {
      const row = {
        row_key: String(r['row_key']),
        contract_symbol: toText(r['contract_symbol']),
        expiry: toText(r['expiry']),
        option_type: toText(r['option_type']),
        strike: nullableNum(r['strike']),
        delta_oi: nullableNum(r['delta_oi']),
        delta_oi_notional: nullableNum(r['delta_oi_notional']),
        volume_notional: nullableNum(r['volume_notional']),
        delta_notional: nullableNum(r['delta_notional']),
        n_pairs: nullableNum(r['n_pairs']),
      };
      return { ...row, label: flowRowLabel(row) };
    }),
  };
}
