import type { FlowGroupBy, FlowNetRow } from './flow.types';

/**
 * The `row_key` of each net row (DOMAIN.md §4.5), unique within the list: the group-by's parts joined by `|` with empty
 * parts left out; `row-{index:06}` when nothing is left; a key already used gets `|{index}` (index = the row's
 * position, incremented until the key is unique).
 */
export function flowRowKeys(rows: readonly FlowNetRow[], groupBy: FlowGroupBy): string[] {
  const used = new Set<string>();
  return rows.map((row, index) => {
    const base = rowKeyParts(row, groupBy).filter((part) => part !== '').join('|') || `row-${String(index).padStart(6, '0')}`;
    let key = base;
    for (let suffix = index; used.has(key); suffix++) key = `${base}|${suffix}`;
    used.add(key);
    return key;
  });
}

function rowKeyParts(row: FlowNetRow, groupBy: FlowGroupBy): string[] {
  const type = row.option_type ?? '';
  const expiry = row.expiry ?? '';
  const strike = formatFlowStrike(row.strike);
  switch (groupBy) {
    case 'contract':
      return [row.contract_symbol ?? '', expiry, type, strike];
    case 'strike':
      return [type, strike];
    case 'expiry':
      return [type, expiry];
    case 'expiry-strike':
      return [type, expiry, strike];
  }
}

/** 8 decimals, then trailing zeros and a trailing dot removed: 412.5 ⇒ `412.5`, 600 ⇒ `600`; null ⇒ ``. */
export function formatFlowStrike(strike: number | null): string {
  if (strike === null || !Number.isFinite(strike)) return '';
  const text = strike.toFixed(8);
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}
