import { isIsoDate, type IsoDate } from '@options-helper/domain';
import { CsvSyntaxError, parseCsv, type CsvRecord } from './csv-parser';
import { CsvValidationError } from './csv-validation.error';

// Header validation and typed, position-aware field access shared by the candle and chain readers.

const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export interface NumberRule {
  /** Blank ⇒ null instead of an error. */
  nullable?: boolean;
  integer?: boolean;
  /** Inclusive lower bound. */
  min?: number;
  /** Exclusive lower bound. */
  above?: number;
}

/** One data row with its columns resolved by name. Every accessor throws a CsvValidationError at the field. */
export class CsvRow<K extends string> {
  constructor(
    private readonly file: string,
    private readonly record: CsvRecord,
    private readonly columns: ReadonlyMap<K, number>,
  ) {}

  /** Line of the row's first field. */
  get line(): number {
    return this.record.lines[0] ?? 1;
  }

  has(column: K): boolean {
    return this.columns.has(column);
  }

  /** The row's known columns as trimmed text (the raw payload kept with `--keep-raw`). */
  values(): Partial<Record<K, string>> {
    const out: Partial<Record<K, string>> = {};
    for (const column of this.columns.keys()) out[column] = this.text(column);
    return out;
  }

  /** Trimmed text of a column ('' when the column is absent). */
  text(column: K): string {
    const index = this.columns.get(column);
    return index === undefined ? '' : (this.record.fields[index] ?? '').trim();
  }

  fail(column: K, reason: string): never {
    const index = this.columns.get(column) ?? 0;
    throw new CsvValidationError(this.file, this.record.lines[index] ?? this.line, index + 1, reason);
  }

  date(column: K): IsoDate {
    const value = this.text(column);
    if (!isIsoDate(value)) this.fail(column, `${column} must be a YYYY-MM-DD date, got ${JSON.stringify(value)}`);
    return value;
  }

  number(column: K, rule: NumberRule & { nullable: true }): number | null;
  number(column: K, rule?: NumberRule): number;
  number(column: K, rule: NumberRule = {}): number | null {
    const value = this.text(column);
    if (value === '') {
      if (rule.nullable) return null;
      this.fail(column, `${column} must be a number, got ""`);
    }
    const parsed = NUMBER_RE.test(value) ? Number(value) : Number.NaN;
    if (!Number.isFinite(parsed)) this.fail(column, `${column} must be a number, got ${JSON.stringify(value)}`);
    if (rule.integer && !Number.isInteger(parsed)) {
      this.fail(column, `${column} must be a whole number, got ${JSON.stringify(value)}`);
    }
    if (rule.min !== undefined && parsed < rule.min) this.fail(column, `${column} must be ≥ ${rule.min}, got ${value}`);
    if (rule.above !== undefined && parsed <= rule.above) {
      this.fail(column, `${column} must be > ${rule.above}, got ${value}`);
    }
    return parsed;
  }
}

export interface CsvTableSpec<K extends string> {
  /** Canonical names as written in DOMAIN.md; the header is matched case-insensitively and trimmed. */
  required: readonly K[];
  optional: readonly K[];
}

/**
 * Parses `text` and validates its header against `spec`. Unknown columns are ignored (exports often carry extra
 * ones); a missing required column or a repeated known one is an error naming the file and the column.
 */
export function readCsvTable<K extends string>(file: string, text: string, spec: CsvTableSpec<K>): CsvRow<K>[] {
  let records: CsvRecord[];
  try {
    records = parseCsv(text);
  } catch (err) {
    if (err instanceof CsvSyntaxError) throw new CsvValidationError(file, err.line, err.column, err.message);
    throw err;
  }
  const [header, ...data] = records;
  if (!header) {
    throw new CsvValidationError(file, 1, 1, `empty file: expected a header with ${spec.required.join(',')}`);
  }

  const byLowerName = new Map<string, K>();
  for (const name of [...spec.required, ...spec.optional]) byLowerName.set(name.toLowerCase(), name);
  const columns = new Map<K, number>();
  header.fields.forEach((raw, index) => {
    const known = byLowerName.get(raw.trim().toLowerCase());
    if (known === undefined) return;
    if (columns.has(known)) {
      throw new CsvValidationError(file, header.lines[index] ?? 1, index + 1, `duplicate column "${known}"`);
    }
    columns.set(known, index);
  });
  for (const name of spec.required) {
    if (!columns.has(name)) {
      throw new CsvValidationError(file, header.lines[0] ?? 1, 1, `missing required column "${name}"`);
    }
  }

  const width = header.fields.length;
  return data.map((record) => {
    if (record.fields.length !== width) {
      const column = Math.min(record.fields.length, width) + 1;
      const line = record.lines[Math.min(record.fields.length, width) - 1] ?? record.lines[0] ?? 1;
      throw new CsvValidationError(file, line, column, `expected ${width} fields, got ${record.fields.length}`);
    }
    return new CsvRow(file, record, columns);
  });
}
