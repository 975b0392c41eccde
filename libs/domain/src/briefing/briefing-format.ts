// Number formatting shared by the briefing Markdown and the dashboard console view. "—" stands for a missing value.

export const MISSING = '—';

function finite(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** Fixed decimals with thousands separators: 1234.5 ⇒ `1,234.50`. */
export function fmtNumber(v: number | null | undefined, digits = 2): string {
  if (!finite(v)) return MISSING;
  return v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Whole dollars with separators, signed when negative: −1234.4 ⇒ `-$1,234`. */
export function fmtMoney(v: number | null | undefined): string {
  if (!finite(v)) return MISSING;
  const whole = Math.round(v);
  return `${whole < 0 ? '-' : ''}$${Math.abs(whole).toLocaleString('en-US')}`;
}

/** A ratio as a percentage: 0.1234 ⇒ `12.3%`. */
export function fmtPct(v: number | null | undefined, digits = 1): string {
  return finite(v) ? `${(v * 100).toFixed(digits)}%` : MISSING;
}

/** A signed value: +1.5 ⇒ `+1.50`. */
export function fmtSigned(v: number | null | undefined, digits = 2, suffix = ''): string {
  if (!finite(v)) return MISSING;
  return `${v > 0 ? '+' : v < 0 ? '-' : '±'}${Math.abs(v).toFixed(digits)}${suffix}`;
}

/** A strike without trailing zeros: 600 ⇒ `600`, 602.5 ⇒ `602.5`. */
export function fmtStrike(v: number | null | undefined): string {
  return finite(v) ? String(Number(v.toFixed(4))) : MISSING;
}

/** A Markdown/console table: header row, separator, rows. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const line = (cells: readonly string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(line)];
}

/** A plain-text table with padded columns (console output). */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}
