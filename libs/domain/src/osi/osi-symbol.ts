import { IsoDate, isIsoDate, isoDateParts } from '../time';

/** Option right, as stored in every table and API. */
export const OPTION_TYPES = ['call', 'put'] as const;
export type OptionType = (typeof OPTION_TYPES)[number];

export interface OsiContract {
  /** Underlying root as the OCC writes it (`SPY`, `BRK.B`, `SPXW`), 1–6 of A–Z, 0–9 and `.`. */
  readonly root: string;
  readonly expiry: IsoDate;
  readonly optionType: OptionType;
  /** Strike in dollars; the symbol carries it in thousandths. */
  readonly strike: number;
}

export interface ParsedOsi extends OsiContract {
  /** Compact form: root + 15 characters, no padding (the `osi` column). */
  readonly osi: string;
}

export interface FormatOsiOptions {
  /** Pad the root with spaces to 6 characters (the OCC's 21-character form). Default false (compact). */
  readonly padded?: boolean;
}

const ROOT_RE = /^[A-Z0-9.]{1,6}$/;
const TAIL_RE = /^(\d{2})(\d{2})(\d{2})([CP])(\d{8})$/;
const TAIL_LENGTH = 15;
const MAX_STRIKE_THOUSANDTHS = 99_999_999;

/**
 * Parses `ROOT YYMMDD C|P STRIKE×1000` (DOMAIN.md §3.11), compact or padded. Returns null rather than throwing: an
 * unparseable symbol is data to report (contract quality checks count them), not a bug.
 */
export function parseOsi(text: unknown): ParsedOsi | null {
  if (typeof text !== 'string') return null;
  const compact = text.toUpperCase().replace(/\s+/g, '');
  if (compact.length <= TAIL_LENGTH) return null;
  const root = compact.slice(0, -TAIL_LENGTH);
  const tail = TAIL_RE.exec(compact.slice(-TAIL_LENGTH));
  if (!tail || !ROOT_RE.test(root)) return null;
  const [, yy, mm, dd, right, strikeDigits] = tail;
  // The OCC's two-digit year: 70–99 are 19xx, so the window is 1970–2069.
  const year = Number(yy) >= 70 ? `19${yy}` : `20${yy}`;
  const expiry = `${year}-${mm}-${dd}`;
  if (!isIsoDate(expiry)) return null;
  return {
    root,
    expiry,
    optionType: right === 'C' ? 'call' : 'put',
    strike: Number(strikeDigits) / 1000,
    osi: compact,
  };
}

export function isParseableOsi(text: unknown): boolean {
  return parseOsi(text) !== null;
}

/** Builds the symbol of a contract; throws a RangeError when a field cannot be represented. */
export function formatOsi(contract: OsiContract, options: FormatOsiOptions = {}): string {
  const root = contract.root.trim().toUpperCase();
  if (!ROOT_RE.test(root)) {
    throw new RangeError(`OSI root must be 1–6 of A–Z, 0–9 and ".", got ${JSON.stringify(contract.root)}`);
  }
  if (!isIsoDate(contract.expiry)) {
    throw new RangeError(`OSI expiry must be a YYYY-MM-DD date, got ${JSON.stringify(contract.expiry)}`);
  }
  const { year, month, day } = isoDateParts(contract.expiry);
  if (year < 1970 || year > 2069) {
    throw new RangeError(`OSI expiry ${contract.expiry} is outside the two-digit year window 1970–2069`);
  }
  if (contract.optionType !== 'call' && contract.optionType !== 'put') {
    throw new RangeError(`OSI option type must be "call" or "put", got ${JSON.stringify(contract.optionType)}`);
  }
  const thousandths = Math.round(contract.strike * 1000);
  // Tolerate binary floating-point noise (e.g. 1.005 × 1000 = 1004.9999…) but not real sub-thousandth strikes.
  if (
    !Number.isFinite(contract.strike) ||
    thousandths < 0 ||
    thousandths > MAX_STRIKE_THOUSANDTHS ||
    Math.abs(contract.strike * 1000 - thousandths) > 1e-6
  ) {
    throw new RangeError(`OSI strike must be 0–99999.999 in steps of 0.001, got ${contract.strike}`);
  }
  const tail =
    String(year % 100).padStart(2, '0') +
    String(month).padStart(2, '0') +
    String(day).padStart(2, '0') +
    (contract.optionType === 'call' ? 'C' : 'P') +
    String(thousandths).padStart(8, '0');
  return (options.padded ? root.padEnd(6, ' ') : root) + tail;
}
