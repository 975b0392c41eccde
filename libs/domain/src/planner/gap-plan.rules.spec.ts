import { normalizePlanScope, planAssetOf, planCommand } from './gap-plan.rules';

describe('normalizePlanScope (DOMAIN.md §9.3)', () => {
  it.each([
    [null, 'ALL'],
    [undefined, 'ALL'],
    ['', 'ALL'],
    ['   ', 'ALL'],
    ['all', 'ALL'],
    [' All ', 'ALL'],
    ['spy', 'SPY'],
    [' spy ', 'SPY'],
    ['SPY|2026-11-20', 'SPY'],
    ['spy|2026-11-20|extra', 'SPY'],
    ['BRK.B', 'BRK.B'],
    ['brk-b', 'BRK-B'],
    ['^vix', 'VIX'], // '^' is dropped, the rest is a valid symbol
    ['$S&P!', 'SP'],
    ['ABCDEFGHIJKLMNOP', 'ABCDEFGHIJKLMNOP'], // 16 characters: the longest accepted
    ['ABCDEFGHIJKLMNOPQ', 'ALL'], // 17 characters
    ['2026-11-20', 'ALL'], // date partitions start with a digit
    ['|SPY', 'ALL'], // nothing before the first '|'
    ['_SPY', 'ALL'],
  ])('%p ⇒ %p', (raw, expected) => {
    expect(normalizePlanScope(raw)).toBe(expected);
  });
});

describe('planAssetOf', () => {
  it('keeps the priority-table assets, maps the option_contracts alias and drops everything else', () => {
    expect(planAssetOf('candles_daily')).toBe('candles_daily');
    expect(planAssetOf('option_bars')).toBe('option_bars');
    expect(planAssetOf('option_contracts')).toBe('option_bars');
    expect(planAssetOf('briefing_json')).toBeNull();
    expect(planAssetOf('dashboard_view')).toBeNull();
    expect(planAssetOf('toString')).toBeNull(); // not fooled by Object.prototype
    expect(planAssetOf('Candles_Daily')).toBeNull(); // asset keys are exact identifiers
  });
});

describe('planCommand (the §9.3 command table)', () => {
  const p = 'data/my portfolio.json';
  it.each([
    ['candles_daily', 'SPY', 'options-helper ingest candles --symbol SPY'],
    ['candles_daily', 'ALL', 'options-helper ingest candles --watchlist positions --watchlist monitor'],
    ['option_bars', 'SPY', 'options-helper ingest options-bars --symbol SPY --lookback-years 2 --resume'],
    ['option_bars', 'ALL', 'options-helper ingest options-bars --watchlist positions --watchlist monitor --lookback-years 2 --resume'],
    ['options_snapshots', 'SPY', 'options-helper snapshot-options data/my portfolio.json --all-expiries --full-chain'],
    ['options_snapshots', 'ALL', 'options-helper snapshot-options data/my portfolio.json --all-expiries --full-chain'],
    ['options_flow', 'SPY', 'options-helper flow data/my portfolio.json --symbol SPY --window 1 --group-by expiry-strike'],
    ['options_flow', 'ALL', 'options-helper flow data/my portfolio.json --window 1 --group-by expiry-strike'],
    ['derived_daily', 'SPY', 'options-helper derived update --symbol SPY --as-of latest'],
    ['derived_daily', 'ALL', 'options-helper derived update --symbol <SYMBOL> --as-of latest'],
    ['briefing_json', 'SPY', 'options-helper --help'],
    ['briefing_json', 'ALL', 'options-helper --help'],
  ])('%s at %s', (asset, scope, expected) => {
    expect(planCommand(asset, scope, p)).toBe(expected);
  });
});
