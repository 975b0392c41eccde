import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { CapabilityError, ProviderError } from '../provider.errors';
import type { HistoryQuery } from '../provider.types';
import { createCsvImportFixture, csvText, type CsvImportFixture } from '../testing/csv-import.fixture';
import { CsvProvider, CsvValidationError } from './csv.provider';

const CHAIN_HEADER = 'contractSymbol,optionType,expiry,strike,bid,ask,lastPrice,volume,openInterest,impliedVolatility';
const GREEK_HEADER = `${CHAIN_HEADER},delta,gamma,theta,vega`;
const RAW: HistoryQuery = { interval: '1d', autoAdjust: false, backAdjust: false };
const ADJUSTED: HistoryQuery = { ...RAW, autoAdjust: true };

const SPY_CANDLES = csvText(
  'Date,Open,High,Low,Close,Adj Close,Volume',
  // deliberately out of order: the provider sorts
  '2026-11-20,600,606,598,604,302,1000000',
  '2026-11-18,590,596,588,594,297,900000',
  '2026-11-19,594,601,593,600,300,950000',
);

const SPY_CHAIN_1120 = csvText(
  GREEK_HEADER,
  'SPY261218C00600000,call,2026-12-18,600,10.5,10.7,10.6,120,3400,0.18,0.55,0.012,-0.21,0.65',
  'SPY261218P00600000,P,2026-12-18,600,6.1,6.3,,0,2800,0.2,-0.45,0.012,-0.19,0.64',
  'SPY270115C00650000,C,2027-01-15,650,2.0,2.2,2.1,5,100,,,,,',
  'SPY270115P00550000,Put,2027-01-15,550,4.0,4.4,4.2,7,90,0.25,-0.2,,-0.05,',
);

const SPY_CHAIN_1119 = csvText(CHAIN_HEADER, 'SPY261218C00600000,CALL,2026-12-18,600,9.5,9.7,9.6,100,3300,0.19');

const QQQ_CANDLES = csvText('Date,Open,High,Low,Close,Volume', '2026-11-20,500,505,495,503,200000');
const QQQ_CHAIN = csvText(CHAIN_HEADER, 'QQQ261218C00500000,c,2026-12-18,500,12,12.4,12.2,10,50,0.21');

describe('CsvProvider', () => {
  let fixture: CsvImportFixture;
  afterEach(() => fixture?.remove());

  describe('with valid files', () => {
    beforeEach(async () => {
      fixture = await createCsvImportFixture({
        'candles/SPY.csv': SPY_CANDLES,
        'chains/SPY/2026-11-20.csv': SPY_CHAIN_1120,
        'chains/SPY/2026-11-19.csv': SPY_CHAIN_1119,
        'chains/SPY/notes.txt': 'ignored',
        'candles/QQQ.csv': QQQ_CANDLES,
        'chains/qqq/2026-11-20.csv': QQQ_CHAIN,
      });
    });

    it('declares csv capabilities', () => {
      const provider = new CsvProvider({ dir: fixture.dir });
      expect(provider.name).toBe('csv');
      expect(provider.capabilities).toEqual({ chains: 'any_date', contracts: false, optionBars: false });
    });

    it('returns unadjusted candles ascending, filtered by start and end', async () => {
      const provider = new CsvProvider({ dir: fixture.dir });
      const all = await provider.getHistory('SPY', RAW);
      expect(all.map((c) => c.ts)).toEqual(['2026-11-18', '2026-11-19', '2026-11-20']);
      expect(all[2]).toEqual({ ts: '2026-11-20', open: 600, high: 606, low: 598, close: 604, volume: 1_000_000 });
      const window = await provider.getHistory('SPY', { ...RAW, start: '2026-11-19', end: '2026-11-19' });
      expect(window.map((c) => c.ts)).toEqual(['2026-11-19']);
    });

    it('scales open/high/low/close by Adj Close / Close with autoAdjust, keeping volume', async () => {
      const provider = new CsvProvider({ dir: fixture.dir });
      const [first] = await provider.getHistory('SPY', { ...ADJUSTED, end: '2026-11-18' });
      // factor = 297 / 594 = 0.5 ⇒ 590·0.5 = 295, 596·0.5 = 298, 588·0.5 = 294, close = Adj Close 297
      expect(first).toEqual({ ts: '2026-11-18', open: 295, high: 298, low: 294, close: 297, volume: 900_000 });
    });

    it('leaves candles as they are with autoAdjust when there is no Adj Close column', async () => {
      const provider = new CsvProvider({ dir: fixture.dir });
      expect(await provider.getHistory('QQQ', ADJUSTED)).toEqual([
        { ts: '2026-11-20', open: 500, high: 505, low: 495, close: 503, volume: 200_000 },
      ]);
    });

    it('quotes the last close at that session close', async () => {
      const provider = new CsvProvider({ dir: fixture.dir });
      // 2026-11-20 is in EST (UTC−5): the 16:00 close is 21:00Z.
      expect(await provider.getQuote('spy')).toEqual({ symbol: 'SPY', last: 604, asOf: '2026-11-20T21:00:00.000Z' });
    });

    it('lists the distinct expiries of the as-of chain file, and [] without a file', async () => {
      const provider = new CsvProvider({ dir: fixture.dir });
      expect(await provider.listExpiries('SPY', '2026-11-20')).toEqual(['2026-12-18', '2027-01-15']);
      expect(await provider.listExpiries('SPY', '2026-11-19')).toEqual(['2026-12-18']);
      expect(await provider.listExpiries('SPY', '2026-11-17')).toEqual([]);
      expect(await provider.listChainDates('SPY')).toEqual(['2026-11-19', '2026-11-20']);
    });

    it('returns one expiry of the as-of chain with the as-of close as spot and C/P mapped to call/put', async () => {
      const provider = new CsvProvider({ dir: fixture.dir });
      const chain = await provider.getChain('SPY', '2027-01-15', '2026-11-20');
      expect(chain.underlying).toEqual({ symbol: 'SPY', spot: 604 });
      expect(chain.rows.map((r) => [r.contractSymbol, r.optionType])).toEqual([
        ['SPY270115C00650000', 'call'],
        ['SPY270115P00550000', 'put'],
      ]);
      expect((chain.raw as { source: string }).source).toBe('chains/SPY/2026-11-20.csv');
      const older = await provider.getChain('SPY', '2026-12-18', '2026-11-19');
      expect(older.underlying.spot).toBe(600);
      expect(older.rows).toHaveLength(1);
      expect(older.rows[0]).toMatchObject({ optionType: 'call', bid: 9.5, delta: null, vega: null });
    });

    it('keeps provider greeks verbatim and turns blank numbers into null', async () => {
      const provider = new CsvProvider({ dir: fixture.dir });
      const { rows } = await provider.getChain('SPY', '2026-12-18', '2026-11-20');
      expect(rows[0]).toEqual({
        contractSymbol: 'SPY261218C00600000',
        optionType: 'call',
        expiry: '2026-12-18',
        strike: 600,
        bid: 10.5,
        ask: 10.7,
        lastPrice: 10.6,
        volume: 120,
        openInterest: 3400,
        impliedVolatility: 0.18,
        delta: 0.55,
        gamma: 0.012,
        theta: -0.21,
        vega: 0.65,
      });
      expect(rows[1]).toMatchObject({ optionType: 'put', lastPrice: null, volume: 0, impliedVolatility: 0.2 });
      const partial = (await provider.getChain('SPY', '2027-01-15', '2026-11-20')).rows[1];
      expect(partial).toMatchObject({ impliedVolatility: 0.25, delta: -0.2, gamma: null, theta: -0.05, vega: null });
    });

    it('gives a null spot when there is no candle for the chain date', async () => {
      await fixture.write({ 'chains/QQQ/2026-11-21.csv': QQQ_CHAIN });
      const provider = new CsvProvider({ dir: fixture.dir });
      expect((await provider.getChain('QQQ', '2026-12-18', '2026-11-21')).underlying.spot).toBeNull();
    });

    it('looks symbols up case-insensitively with . read as -', async () => {
      await fixture.write({
        'candles/brk-b.csv': csvText('Date,Open,High,Low,Close,Volume', '2026-11-20,480,485,478,482,3000'),
      });
      const provider = new CsvProvider({ dir: fixture.dir });
      expect((await provider.getQuote('BRK.B')).last).toBe(482);
      expect((await provider.getQuote(' brk-b ')).symbol).toBe('BRK-B');
      expect(await provider.listExpiries('qqq', '2026-11-20')).toEqual(['2026-12-18']);
    });

    it('treats an unknown symbol as having no data', async () => {
      const provider = new CsvProvider({ dir: fixture.dir });
      expect(await provider.getHistory('NOPE', RAW)).toEqual([]);
      expect(await provider.getQuote('NOPE')).toEqual({ symbol: 'NOPE', last: null, asOf: null });
      expect(await provider.listExpiries('NOPE', '2026-11-20')).toEqual([]);
      expect(await provider.getChain('NOPE', '2026-12-18', '2026-11-20')).toEqual({
        underlying: { symbol: 'NOPE', spot: null },
        rows: [],
        raw: undefined,
      });
    });

    it('caches parsed files for the life of the instance', async () => {
      const provider = new CsvProvider({ dir: fixture.dir });
      expect((await provider.getHistory('SPY', RAW)).length).toBe(3);
      await rm(join(fixture.dir, 'candles', 'SPY.csv'));
      expect((await provider.getHistory('SPY', RAW)).length).toBe(3);
      expect(await new CsvProvider({ dir: fixture.dir }).getHistory('SPY', RAW)).toEqual([]);
    });

    it('throws CapabilityError for contracts and option bars', async () => {
      const provider = new CsvProvider({ dir: fixture.dir });
      await expect(
        provider.listContracts({ expirationGte: '2026-01-01', expirationLte: '2027-01-01', limit: 10 }),
      ).rejects.toBeInstanceOf(CapabilityError);
      await expect(
        provider.getOptionBars({ contractSymbols: ['SPY261218C00600000'], start: '2026-11-01', end: '2026-11-20', interval: '1d' }),
      ).rejects.toBeInstanceOf(CapabilityError);
    });
  });

  it('reads a quoted, CRLF, BOM-prefixed file', async () => {
    fixture = await createCsvImportFixture({
      'candles/SPY.csv': '\uFEFF"Date","Open","High","Low","Close","Volume"\r\n"2026-11-20"," 600 ",606,598,604,"1e6"\r\n',
    });
    expect(await new CsvProvider({ dir: fixture.dir }).getHistory('SPY', RAW)).toEqual([
      { ts: '2026-11-20', open: 600, high: 606, low: 598, close: 604, volume: 1_000_000 },
    ]);
  });

  describe('validation', () => {
    it('rejects a bad value in one chain file with file:line:column; that symbol fails, others import', async () => {
      fixture = await createCsvImportFixture({
        'candles/SPY.csv': SPY_CANDLES,
        'chains/SPY/2026-11-19.csv': SPY_CHAIN_1119,
        'chains/SPY/2026-11-20.csv': csvText(
          CHAIN_HEADER,
          'SPY261218C00600000,call,2026-12-18,600,10.5,10.7,10.6,120,3400,0.18',
          'SPY261218P00600000,put,2026-12-18,600,abc,6.3,6.2,3,2800,0.2',
        ),
        'candles/QQQ.csv': QQQ_CANDLES,
        'chains/QQQ/2026-11-20.csv': QQQ_CHAIN,
      });
      const provider = new CsvProvider({ dir: fixture.dir });

      const err = await provider.getChain('SPY', '2026-12-18', '2026-11-20').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CsvValidationError);
      expect(err).toBeInstanceOf(ProviderError);
      expect(err).toMatchObject({ file: 'chains/SPY/2026-11-20.csv', line: 3, column: 5 });
      expect((err as Error).message).toBe('chains/SPY/2026-11-20.csv:3:5: bid must be a number, got "abc"');

      // Every call for SPY fails with the same error, even those that read another file.
      await expect(provider.listExpiries('SPY', '2026-11-19')).rejects.toBe(err);
      await expect(provider.getHistory('SPY', RAW)).rejects.toBe(err);
      await expect(provider.getQuote('spy')).rejects.toBe(err);
      expect(await provider.validationErrors('SPY')).toEqual([err]);

      // QQQ is untouched.
      expect((await provider.getChain('QQQ', '2026-12-18', '2026-11-20')).rows).toHaveLength(1);
      expect(await provider.validationErrors('QQQ')).toEqual([]);
    });

    it('names the file and the missing column', async () => {
      fixture = await createCsvImportFixture({
        'chains/SPY/2026-11-20.csv': csvText(
          'contractSymbol,optionType,expiry,strike,bid,ask,lastPrice,volume,openInterest',
          'SPY261218C00600000,call,2026-12-18,600,10.5,10.7,10.6,120,3400',
        ),
        'candles/IWM.csv': csvText('Date,Open,High,Low,Volume', '2026-11-20,1,2,0.5,10'),
      });
      const provider = new CsvProvider({ dir: fixture.dir });
      await expect(provider.listExpiries('SPY', '2026-11-20')).rejects.toThrow(
        'chains/SPY/2026-11-20.csv:1:1: missing required column "impliedVolatility"',
      );
      await expect(provider.getHistory('IWM', RAW)).rejects.toThrow('candles/IWM.csv:1:1: missing required column "Close"');
    });

    it.each([
      ['a bad option type', 'SPY261218X00600000,X,2026-12-18,600,1,2,1,1,1,0.2', 2, 2, 'optionType must be call, put, C or P, got "X"'],
      ['a bad expiry', 'SPY261218C00600000,C,2026-02-30,600,1,2,1,1,1,0.2', 2, 3, 'expiry must be a YYYY-MM-DD date, got "2026-02-30"'],
      ['a non-positive strike', 'SPY261218C00600000,C,2026-12-18,0,1,2,1,1,1,0.2', 2, 4, 'strike must be > 0, got 0'],
      ['a fractional volume', 'SPY261218C00600000,C,2026-12-18,600,1,2,1,1.5,1,0.2', 2, 8, 'volume must be a whole number, got "1.5"'],
      ['a thousands separator', 'SPY261218C00600000,C,2026-12-18,600,1,2,1,1,"1,000",0.2', 2, 9, 'openInterest must be a number, got "1,000"'],
      ['a short row', 'SPY261218C00600000,C,2026-12-18,600,1,2,1,1,1', 2, 10, 'expected 10 fields, got 9'],
      ['a blank contract', ',C,2026-12-18,600,1,2,1,1,1,0.2', 2, 1, 'contractSymbol must not be blank'],
    ])('reports %s at its line and column', async (_case, row, line, column, reason) => {
      fixture = await createCsvImportFixture({ 'chains/SPY/2026-11-20.csv': csvText(CHAIN_HEADER, row) });
      const err = await new CsvProvider({ dir: fixture.dir }).listChainDates('SPY').catch((e: unknown) => e);
      expect(err).toMatchObject({ file: 'chains/SPY/2026-11-20.csv', line, column, reason });
    });

    it('rejects a repeated contract or candle date, naming the first occurrence', async () => {
      const row = 'SPY261218C00600000,C,2026-12-18,600,1,2,1,1,1,0.2';
      fixture = await createCsvImportFixture({
        'chains/SPY/2026-11-20.csv': csvText(CHAIN_HEADER, row, row),
        'candles/QQQ.csv': csvText('Date,Open,High,Low,Close,Volume', '2026-11-20,1,1,1,1,1', '', '2026-11-20,1,1,1,1,1'),
      });
      const provider = new CsvProvider({ dir: fixture.dir });
      await expect(provider.listChainDates('SPY')).rejects.toThrow(
        'chains/SPY/2026-11-20.csv:3:1: duplicate contractSymbol SPY261218C00600000 (first at line 2)',
      );
      await expect(provider.getHistory('QQQ', RAW)).rejects.toThrow('candles/QQQ.csv:4:1: duplicate Date 2026-11-20 (first at line 2)');
    });

    it('reports an unterminated quote and an empty file', async () => {
      fixture = await createCsvImportFixture({
        'candles/SPY.csv': 'Date,Open,High,Low,Close,Volume\n2026-11-20,"1,1,1,1,1\n',
        'candles/QQQ.csv': '',
      });
      const provider = new CsvProvider({ dir: fixture.dir });
      await expect(provider.getHistory('SPY', RAW)).rejects.toThrow('candles/SPY.csv:2:2: unterminated quoted field');
      await expect(provider.getHistory('QQQ', RAW)).rejects.toThrow(/^candles\/QQQ\.csv:1:1: empty file/);
    });

    it('refuses an import root that does not exist', async () => {
      fixture = await createCsvImportFixture();
      const provider = new CsvProvider({ dir: join(fixture.dir, 'missing') });
      await expect(provider.getHistory('SPY', RAW)).rejects.toThrow(/csv import directory not found/);
    });
  });
});
