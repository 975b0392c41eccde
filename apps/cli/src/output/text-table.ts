/** Renders rows as a plain aligned text table; nulls show as `-`. */
export function textTable(columns: string[], rows: Record<string, unknown>[], cell: (row: Record<string, unknown>, col: string) => unknown = (r, c) => r[c]): string {
  const text = rows.map((row) => columns.map((col) => show(cell(row, col))));
  const widths = columns.map((col, i) => Math.max(col.length, ...text.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] as number)).join('  ').trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...text.map(line)].join('\n');
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '-';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
