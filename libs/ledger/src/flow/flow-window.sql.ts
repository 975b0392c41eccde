import type { FlowGroupBy } from '@options-helper/domain';

/**
 * DOMAIN.md §4.2–§4.3 and the row keys of §4.5 in SQL, for the windows of several symbols at once. Mirrors, clause by
 * clause, the domain's reference functions (computePairFlow, aggregateFlow, flowRowKeys); flow-window.property.spec.ts
 * holds the two together on generated chains. Parameters: $1 provider, $2 the windows as `SYMBOL|YYYY-MM-DD` entries
 * joined by commas, $3 the earliest and $4 the latest date (a range DuckDB can push into the scan), $5 the symbols
 * joined by commas.
 *
 * The table it creates has one row per (symbol, group) of pair rows, including groups with a null key: those are not
 * net rows (`keep` is false) but their delta_oi_notional still counts in the calls/puts totals, as in computePairFlow.
 */
export function flowWindowNetSql(table: string, groupBy: FlowGroupBy, withRowKeys: boolean): string {
  const keys = GROUP_KEYS[groupBy];
  return `
CREATE OR REPLACE TEMP TABLE ${table} AS
WITH win AS (
  SELECT symbol, day, row_number() OVER (PARTITION BY symbol ORDER BY day) AS i
  FROM (SELECT DISTINCT split_part(e, '|', 1) AS symbol, CAST(split_part(e, '|', 2) AS DATE) AS day FROM (SELECT unnest(string_split($2, ',')) AS e))
),
pairs AS (SELECT t.symbol, t.day AS today, p.day AS prev FROM win t JOIN win p ON p.symbol = t.symbol AND p.i = t.i - 1),
src AS NOT MATERIALIZED (
  -- finiteOrNull / presentOsi / optionMark: non-finite numbers are missing, NaN > 0 is true in DuckDB, hence isfinite.
  SELECT r.symbol, r.snapshot_date, r.contract_symbol,
         nullif(r.osi, '') AS osi,
         CASE WHEN r.option_type IN ('call', 'put') THEN r.option_type END AS option_type,
         r.expiry,
         CASE WHEN isfinite(r.strike) THEN r.strike END AS strike,
         CAST(r.volume AS DOUBLE) AS volume,
         CAST(r.open_interest AS DOUBLE) AS open_interest,
         CASE WHEN isfinite(r.delta) THEN r.delta END AS delta,
         CASE WHEN r.bid > 0 AND isfinite(r.bid) AND r.ask > 0 AND isfinite(r.ask) THEN (r.bid + r.ask) / 2
              WHEN r.last_price > 0 AND isfinite(r.last_price) THEN r.last_price
              WHEN r.ask > 0 AND isfinite(r.ask) THEN r.ask
              WHEN r.bid > 0 AND isfinite(r.bid) THEN r.bid END AS mark
  FROM options_snapshot_rows r
  SEMI JOIN win w ON w.symbol = r.symbol AND w.day = r.snapshot_date
  WHERE r.provider = $1 AND r.snapshot_date BETWEEN CAST($3 AS DATE) AND CAST($4 AS DATE)
    AND r.symbol IN (SELECT unnest(string_split($5, ',')))
),
-- "prev de-duplicated, last wins" needs no grouping here: the ledger's snapshot write (saveSnapshot, §1.7) stores
-- contract symbols trimmed and unique per day (the primary key) and OSIs trimmed (blank as null) with one row per OSI
-- per day, so each lookup below finds at most one row. flow-window.property.spec.ts feeds both sides through that path.
--
-- The OSI lookup (the previous day's row P with P.osi = T.osi, used when the symbol lookup left today's T without an
-- OI) is split by P, because hashing every previous row by OSI was the statement's most expensive step. A P whose OSI
-- differs from its symbol is rare (renamed_prev). A P whose OSI equals its symbol is T's symbol match unless T's own
-- OSI differs from T's symbol, which is rare too (renamed_today, looked up by symbol = T's OSI).
renamed_prev AS (
  SELECT symbol, snapshot_date, osi, open_interest FROM src WHERE osi <> contract_symbol
),
renamed_today AS (
  SELECT pr.symbol, pr.today, t.contract_symbol, p.open_interest
  FROM pairs pr
  JOIN src t ON t.symbol = pr.symbol AND t.snapshot_date = pr.today AND t.osi <> t.contract_symbol
  JOIN src p ON p.symbol = pr.symbol AND p.snapshot_date = pr.prev AND p.contract_symbol = t.osi AND p.osi = p.contract_symbol
),
pair_rows AS (
  -- by symbol; where still missing (no match or a null OI) and today has an OSI, by OSI
  SELECT t.symbol, t.contract_symbol, t.osi, t.option_type, t.expiry, t.strike, t.mark, t.volume, t.delta,
         coalesce(h.spot, 0) AS spot,
         t.open_interest - coalesce(ps.open_interest, pa.open_interest, pb.open_interest) AS delta_oi
  FROM pairs pr
  JOIN src t ON t.symbol = pr.symbol AND t.snapshot_date = pr.today
  LEFT JOIN options_snapshot_headers h ON h.symbol = pr.symbol AND h.provider = $1 AND h.snapshot_date = pr.today
  LEFT JOIN src ps ON ps.symbol = pr.symbol AND ps.snapshot_date = pr.prev AND ps.contract_symbol = t.contract_symbol
  LEFT JOIN renamed_prev pa ON pa.symbol = pr.symbol AND pa.snapshot_date = pr.prev AND pa.osi = t.osi
  LEFT JOIN renamed_today pb ON pb.symbol = pr.symbol AND pb.today = pr.today AND pb.contract_symbol = t.contract_symbol
),
measured AS (
  SELECT symbol, ${keys.select},
         delta_oi,
         delta_oi * mark * 100 AS delta_oi_notional,
         volume * mark * 100 AS volume_notional,
         CASE WHEN spot > 0 AND isfinite(spot) THEN delta_oi * delta * spot * 100 END AS delta_notional
  FROM pair_rows
),
grouped AS (
  -- a sum over only nulls is 0, not null
  SELECT symbol, contract_symbol, expiry, option_type, strike,
         coalesce(sum(delta_oi), 0) AS delta_oi,
         coalesce(sum(delta_oi_notional), 0) AS delta_oi_notional,
         coalesce(sum(volume_notional), 0) AS volume_notional,
         coalesce(sum(delta_notional), 0) AS delta_notional,
         count(*) AS n_pairs,
         (${keys.present}) AS keep
  FROM measured
  GROUP BY symbol, contract_symbol, expiry, option_type, strike
),
ranked AS (
  SELECT *,
         CASE WHEN keep THEN row_number() OVER (
           PARTITION BY symbol, keep
           ORDER BY abs(delta_oi_notional) DESC, expiry ASC NULLS LAST, strike ASC NULLS LAST,
                    option_type ASC NULLS LAST, contract_symbol ASC NULLS LAST) - 1 END AS position
  FROM grouped
),
keyed AS (
  -- Keys are nearly always unique already; the caller finishes a symbol whose keys collide in JS (flowRowKeys' |index rule).
  -- Only a persisting run needs them.
  SELECT *,
         ${withRowKeys ? `coalesce(nullif(concat_ws('|', ${keys.rowKeyParts}), ''),
                  'row-' || CASE WHEN position < 1000000 THEN lpad(CAST(position AS VARCHAR), 6, '0') ELSE CAST(position AS VARCHAR) END)` : 'CAST(NULL AS VARCHAR)'} AS row_key
  FROM ranked
)
SELECT * FROM keyed`;
}

/** formatFlowStrike: 8 decimals, then trailing zeros and a trailing dot removed; null ⇒ left out of the key. */
const STRIKE_TEXT = `CASE WHEN strike IS NOT NULL THEN rtrim(rtrim(printf('%.8f', strike), '0'), '.') END`;
const EXPIRY_TEXT = `strftime(expiry, '%Y-%m-%d')`;

/** Per group-by: the group columns (null where the group-by does not use one), when a row has every key, the key parts. */
const GROUP_KEYS: Record<FlowGroupBy, { select: string; present: string; rowKeyParts: string }> = {
  contract: {
    select: `coalesce(osi, contract_symbol) AS contract_symbol, expiry, option_type, strike`,
    present: `option_type IS NOT NULL AND expiry IS NOT NULL AND strike IS NOT NULL`,
    rowKeyParts: `nullif(contract_symbol, ''), ${EXPIRY_TEXT}, option_type, ${STRIKE_TEXT}`,
  },
  strike: {
    select: `CAST(NULL AS VARCHAR) AS contract_symbol, CAST(NULL AS DATE) AS expiry, option_type, strike`,
    present: `option_type IS NOT NULL AND strike IS NOT NULL`,
    rowKeyParts: `option_type, ${STRIKE_TEXT}`,
  },
  expiry: {
    select: `CAST(NULL AS VARCHAR) AS contract_symbol, expiry, option_type, CAST(NULL AS DOUBLE) AS strike`,
    present: `option_type IS NOT NULL AND expiry IS NOT NULL`,
    rowKeyParts: `option_type, ${EXPIRY_TEXT}`,
  },
  'expiry-strike': {
    select: `CAST(NULL AS VARCHAR) AS contract_symbol, expiry, option_type, strike`,
    present: `option_type IS NOT NULL AND expiry IS NOT NULL AND strike IS NOT NULL`,
    rowKeyParts: `option_type, ${EXPIRY_TEXT}, ${STRIKE_TEXT}`,
  },
};
