// A small RFC 4180 reader. Hand-written rather than a dependency because validation errors must point at the
// exact line and field of the source, including fields whose quoted value spans several lines.

/** One data record; `lines[i]` is the 1-based source line on which field i starts. */
export interface CsvRecord {
  readonly fields: string[];
  readonly lines: number[];
}

/** Malformed CSV syntax (an unterminated quote, text after a closing quote). Line and field are 1-based. */
export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;

/**
 * Splits CSV text into records. Accepts a UTF-8 BOM, LF / CRLF / CR line ends, a trailing newline, quoted fields
 * with `""` escapes and embedded line breaks. Lines that are empty (or only commas and blanks) are dropped.
 * Values are returned verbatim (no trimming); the caller decides what whitespace means.
 */
export function parseCsv(text: string): CsvRecord[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let lines: number[] = [];
  let line = 1;
  let i = 0;
  const n = src.length;

  const endRecord = () => {
    if (fields.some((f) => f.trim() !== '')) records.push({ fields, lines });
    fields = [];
    lines = [];
  };

  // Each iteration reads one field and the separator after it. The loop advances `i` every turn, so it ends.
  while (i <= n) {
    const fieldLine = line;
    let value: string;
    if (i < n && src.charCodeAt(i) === QUOTE) {
      const openLine = line;
      i += 1;
      let out = '';
      for (;;) {
        if (i >= n) throw new CsvSyntaxError('unterminated quoted field', openLine, fields.length + 1);
        const c = src.charCodeAt(i);
        if (c === QUOTE) {
          if (src.charCodeAt(i + 1) === QUOTE) {
            out += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        if (c === CR || c === LF) {
          line += 1;
          if (c === CR && src.charCodeAt(i + 1) === LF) {
            out += '\r\n';
            i += 2;
            continue;
          }
        }
        out += src[i];
        i += 1;
      }
      value = out;
      if (i < n) {
        const c = src.charCodeAt(i);
        if (c !== COMMA && c !== CR && c !== LF) {
          throw new CsvSyntaxError('unexpected text after a closing quote', line, fields.length + 1);
        }
      }
    } else {
      const start = i;
      while (i < n) {
        const c = src.charCodeAt(i);
        if (c === COMMA || c === CR || c === LF) break;
        i += 1;
      }
      value = src.slice(start, i);
    }
    fields.push(value);
    lines.push(fieldLine);

    if (i >= n) {
      endRecord();
      break;
    }
    const sep = src.charCodeAt(i);
    if (sep === COMMA) {
      i += 1;
      if (i >= n) {
        // "a,b," at end of input: the record ends with an empty field.
        fields.push('');
        lines.push(line);
        endRecord();
        break;
      }
      continue;
    }
    // CR, LF or CRLF ends the record.
    i += sep === CR && src.charCodeAt(i + 1) === LF ? 2 : 1;
    line += 1;
    endRecord();
    if (i >= n) break;
  }
  return records;
}
