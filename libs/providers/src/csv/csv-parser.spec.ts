import { CsvSyntaxError, parseCsv } from './csv-parser';

const fieldsOf = (text: string) => parseCsv(text).map((r) => r.fields);

describe('parseCsv', () => {
  it('splits plain records and ignores the trailing newline', () => {
    expect(fieldsOf('a,b,c\n1,2,3\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
    expect(fieldsOf('a,b\n1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('accepts CRLF, lone CR and a UTF-8 BOM', () => {
    expect(fieldsOf('\uFEFFDate,Close\r\n2026-01-02,1\r\n')).toEqual([
      ['Date', 'Close'],
      ['2026-01-02', '1'],
    ]);
    expect(fieldsOf('a\r1\r')).toEqual([['a'], ['1']]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks, tracking the line of each field', () => {
    const records = parseCsv('name,note,n\n"Smith, J","say ""hi""",1\n"multi\r\nline",x,2\nlast,y,3\n');
    expect(records.map((r) => r.fields)).toEqual([
      ['name', 'note', 'n'],
      ['Smith, J', 'say "hi"', '1'],
      ['multi\r\nline', 'x', '2'],
      ['last', 'y', '3'],
    ]);
    // The quoted value of line 3 spans into line 4, so "x" starts on line 4 and the next record on line 5.
    expect(records[2]?.lines).toEqual([3, 4, 4]);
    expect(records[3]?.lines).toEqual([5, 5, 5]);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(fieldsOf('a,,c\n1,2,\n')).toEqual([
      ['a', '', 'c'],
      ['1', '2', ''],
    ]);
    expect(fieldsOf('a,b\n1,')).toEqual([
      ['a', 'b'],
      ['1', ''],
    ]);
  });

  it('drops blank lines and comma-only lines but keeps counting lines', () => {
    const records = parseCsv('a,b\n\n,,\n1,2\n\n');
    expect(records.map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(records[1]?.lines[0]).toBe(4);
  });

  it('returns nothing for empty text', () => {
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\uFEFF')).toEqual([]);
  });

  it('reports an unterminated quote at the line and field where it opened', () => {
    const err = catchError(() => parseCsv('a,b\n1,"open\nstill open'));
    expect(err).toBeInstanceOf(CsvSyntaxError);
    expect(err).toMatchObject({ line: 2, column: 2, message: 'unterminated quoted field' });
  });

  it('rejects text after a closing quote', () => {
    expect(catchError(() => parseCsv('a,b\n"x"y,1\n'))).toMatchObject({ line: 2, column: 1 });
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected an error');
}
