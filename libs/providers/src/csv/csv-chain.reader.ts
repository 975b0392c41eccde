import type { IsoDate, OptionType } from '@options-helper/domain';
import type { ChainRow } from '../provider.types';
import { readCsvTable, type CsvRow } from './csv-table';

const CHAIN_COLUMNS = {
  required: [
    'contractSymbol',
    'optionType',
    'expiry',
    'strike',
    'bid',
    'ask',
    'lastPrice',
    'volume',
    'openInterest',
    'impliedVolatility',
  ],
  optional: ['delta', 'gamma', 'theta', 'vega'],
} as const;

type ChainColumn = (typeof CHAIN_COLUMNS.required)[number] | (typeof CHAIN_COLUMNS.optional)[number];

/** A chain row plus the text it came from (kept as the provider payload). */
export interface CsvChainEntry {
  row: ChainRow;
  raw: Partial<Record<ChainColumn, string>>;
}

const OPTION_TYPE_ALIASES: Readonly<Record<string, OptionType>> = { call: 'call', c: 'call', put: 'put', p: 'put' };

function optionType(row: CsvRow<ChainColumn>): OptionType {
  const value = row.text('optionType');
  const type = OPTION_TYPE_ALIASES[value.toLowerCase()];
  if (type === undefined) row.fail('optionType', `optionType must be call, put, C or P, got ${JSON.stringify(value)}`);
  return type;
}

function greek(row: CsvRow<ChainColumn>, column: 'delta' | 'gamma' | 'theta' | 'vega'): number | null {
  return row.has(column) ? row.number(column, { nullable: true }) : null;
}

/**
 * Parses `chains/{SYMBOL}/{YYYY-MM-DD}.csv`. Blank numbers are null; IV is a ratio; greeks present in the file are
 * provider greeks already in project units (theta per calendar day, vega per 1.00 of IV) and are not converted.
 * A contract listed twice is an error: the snapshot tables key rows by contract.
 */
export function readChainCsv(file: string, text: string): CsvChainEntry[] {
  const rows = readCsvTable(file, text, CHAIN_COLUMNS);
  const firstLine = new Map<string, number>();
  return rows.map((r): CsvChainEntry => {
    const contractSymbol = r.text('contractSymbol');
    if (contractSymbol === '') r.fail('contractSymbol', 'contractSymbol must not be blank');
    const seen = firstLine.get(contractSymbol);
    if (seen !== undefined) r.fail('contractSymbol', `duplicate contractSymbol ${contractSymbol} (first at line ${seen})`);
    firstLine.set(contractSymbol, r.line);
    // Validated in column order, so the first bad field of a row is the one reported.
    const type = optionType(r);
    const expiry: IsoDate = r.date('expiry');
    const row: ChainRow = {
      contractSymbol,
      optionType: type,
      expiry,
      strike: r.number('strike', { above: 0 }),
      bid: r.number('bid', { nullable: true }),
      ask: r.number('ask', { nullable: true }),
      lastPrice: r.number('lastPrice', { nullable: true }),
      volume: r.number('volume', { nullable: true, integer: true, min: 0 }),
      openInterest: r.number('openInterest', { nullable: true, integer: true, min: 0 }),
      impliedVolatility: r.number('impliedVolatility', { nullable: true, min: 0 }),
      delta: greek(r, 'delta'),
      gamma: greek(r, 'gamma'),
      theta: greek(r, 'theta'),
      vega: greek(r, 'vega'),
    };
    return { row, raw: r.values() };
  });
}
