import type { IsoDate } from '@options-helper/domain';
import type { CandleRow, HistoryQuery } from '../provider.types';
import { readCsvTable } from './csv-table';

/** A candle as imported: unadjusted prices plus the optional adjusted close. */
export interface CsvCandle {
  ts: IsoDate;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  adjClose: number | null;
}

const CANDLE_COLUMNS = {
  required: ['Date', 'Open', 'High', 'Low', 'Close', 'Volume'],
  optional: ['Adj Close'],
} as const;

/** Parses `candles/{SYMBOL}.csv`; rows come back ascending by date. A repeated date is an error. */
export function readCandlesCsv(file: string, text: string): CsvCandle[] {
  const rows = readCsvTable(file, text, CANDLE_COLUMNS);
  const firstLine = new Map<IsoDate, number>();
  const candles = rows.map((row): CsvCandle => {
    const ts = row.date('Date');
    const seen = firstLine.get(ts);
    if (seen !== undefined) row.fail('Date', `duplicate Date ${ts} (first at line ${seen})`);
    firstLine.set(ts, row.line);
    return {
      ts,
      open: row.number('Open'),
      high: row.number('High'),
      low: row.number('Low'),
      close: row.number('Close'),
      volume: row.number('Volume', { min: 0 }),
      adjClose: row.has('Adj Close') ? row.number('Adj Close') : null,
    };
  });
  return candles.sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0));
}

/**
 * Candles for a history query. With `autoAdjust` and an adjusted close, open/high/low/close are scaled by
 * AdjClose / Close (volume unchanged); a zero close has no defined factor and stays unadjusted.
 */
export function selectCandles(candles: readonly CsvCandle[], q: HistoryQuery): CandleRow[] {
  const out: CandleRow[] = [];
  for (const c of candles) {
    if (q.start !== undefined && c.ts < q.start) continue;
    if (q.end !== undefined && c.ts > q.end) continue;
    const factor = q.autoAdjust && c.adjClose !== null && c.close !== 0 ? c.adjClose / c.close : 1;
    out.push({
      ts: c.ts,
      open: c.open * factor,
      high: c.high * factor,
      low: c.low * factor,
      close: factor === 1 ? c.close : (c.adjClose as number),
      volume: c.volume,
    });
  }
  return out;
}
