// Display formatting shared by every page. Timestamps are shown in UTC as `YYYY-MM-DD HH:mm:ss` (DOMAIN.md §10);
// null, undefined and non-finite numbers show as `-`, like the CLI tables.

export type CellKind = 'text' | 'int' | 'number' | 'money' | 'pct' | 'ratio' | 'ts' | 'date' | 'code' | 'json';

export const BLANK = '-';

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** `2026-11-25T23:04:05.123Z` → `2026-11-25 23:04:05` (UTC); a bare date stays as it is; unparseable text is returned unchanged. */
export function formatTimestamp(value: unknown): string {
  if (value === null || value === undefined || value === '') return BLANK;
  const s = String(value);
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return s;
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) return s;
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

function finite(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

// One Intl.NumberFormat per style, made once: Number#toLocaleString builds a new formatter on every call, which
// dominated the Health page's render time on a big ledger.
const numberFormats = new Map<number, Intl.NumberFormat>();
function numberFormat(digits: number): Intl.NumberFormat {
  let f = numberFormats.get(digits);
  if (!f) numberFormats.set(digits, (f = new Intl.NumberFormat('en-US', { minimumFractionDigits: 0, maximumFractionDigits: digits })));
  return f;
}
const moneyFormat = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function formatNumber(value: unknown, digits = 2): string {
  const n = finite(value);
  return n === null ? BLANK : numberFormat(digits).format(n);
}

export function formatInt(value: unknown): string {
  const n = finite(value);
  return n === null ? BLANK : numberFormat(0).format(Math.round(n));
}

/** USD with a sign for negatives: `-$1,234.50`. */
export function formatMoney(value: unknown): string {
  const n = finite(value);
  if (n === null) return BLANK;
  const abs = moneyFormat.format(Math.abs(n));
  return `${n < 0 ? '-' : ''}$${abs}`;
}

/** A ratio shown as a percentage (one means 100%): 0.1234 → `12.34%`. */
export function formatPct(value: unknown, digits = 2): string {
  const n = finite(value);
  return n === null ? BLANK : `${(n * 100).toFixed(digits)}%`;
}

/** A signed day-over-day change of a ratio, as a percentage: 0.0123 → `+1.23%`. */
export function formatSignedPct(value: unknown, digits = 2): string {
  const n = finite(value);
  return n === null ? BLANK : `${n > 0 ? '+' : ''}${(n * 100).toFixed(digits)}%`;
}

/** A change of an IV (a ratio) in percentage points: 0.0138 → `+1.38 pp`. */
export function formatPp(value: unknown, digits = 2): string {
  const n = finite(value);
  return n === null ? BLANK : `${n > 0 ? '+' : ''}${(n * 100).toFixed(digits)} pp`;
}

export function formatCell(value: unknown, kind: CellKind = 'text'): string {
  switch (kind) {
    case 'int':
      return formatInt(value);
    case 'number':
      return formatNumber(value);
    case 'ratio':
      return formatNumber(value, 4);
    case 'money':
      return formatMoney(value);
    case 'pct':
      return formatPct(value);
    case 'ts':
      return formatTimestamp(value);
    case 'json':
      return value === null || value === undefined ? BLANK : JSON.stringify(value);
    default:
      if (value === null || value === undefined || value === '') return BLANK;
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

export function isNumericKind(kind: CellKind | undefined): boolean {
  return kind === 'int' || kind === 'number' || kind === 'money' || kind === 'pct' || kind === 'ratio';
}
