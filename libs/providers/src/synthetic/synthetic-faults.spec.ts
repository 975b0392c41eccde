import { NO_FAULTS, parseSyntheticFaults, SyntheticFaultsError } from './synthetic-faults';

describe('parseSyntheticFaults', () => {
  it('reads every fault, normalising symbols', () => {
    const f = parseSyntheticFaults({
      negative_prices: ['spy'],
      duplicate_bars: [' SPY '],
      missing_sessions: { spy: ['2026-11-20', '2026-11-19'] },
      unparseable_contracts: ['AAPL'],
      missing_iv: ['QQQ'],
      provider_error: ['TSLA'],
    });
    expect([...f.negativePrices]).toEqual(['SPY']);
    expect([...f.duplicateBars]).toEqual(['SPY']);
    expect([...(f.missingSessions.get('SPY') ?? [])]).toEqual(['2026-11-20', '2026-11-19']);
    expect([...f.unparseableContracts]).toEqual(['AAPL']);
    expect([...f.missingIv]).toEqual(['QQQ']);
    expect([...f.providerError]).toEqual(['TSLA']);
  });

  it('treats absent values as no faults and accepts the JSON text itself', () => {
    expect(parseSyntheticFaults(undefined)).toBe(NO_FAULTS);
    expect(parseSyntheticFaults(null)).toBe(NO_FAULTS);
    expect(parseSyntheticFaults('')).toBe(NO_FAULTS);
    expect([...parseSyntheticFaults('{"provider_error": ["tsla"]}').providerError]).toEqual(['TSLA']);
    expect(parseSyntheticFaults({}).negativePrices.size).toBe(0);
  });

  it.each([
    ['[1]', 'must be a JSON object'],
    ['{not json', 'is not valid JSON'],
    [{ negative_price: ['SPY'] }, 'unknown field "negative_price"'],
    [{ negative_prices: 'SPY' }, 'OPTIONS_HELPER_SYNTHETIC_FAULTS.negative_prices must be an array of symbols, got "SPY"'],
    [{ missing_iv: ['QQQ', 3] }, 'OPTIONS_HELPER_SYNTHETIC_FAULTS.missing_iv[1] must be a non-empty symbol, got 3'],
    [{ provider_error: [' '] }, 'OPTIONS_HELPER_SYNTHETIC_FAULTS.provider_error[0] must be a non-empty symbol'],
    [{ missing_sessions: ['SPY'] }, 'OPTIONS_HELPER_SYNTHETIC_FAULTS.missing_sessions must be an object'],
    [{ missing_sessions: { SPY: '2026-11-20' } }, 'OPTIONS_HELPER_SYNTHETIC_FAULTS.missing_sessions.SPY must be an array'],
    [{ missing_sessions: { SPY: ['2026-13-01'] } }, 'OPTIONS_HELPER_SYNTHETIC_FAULTS.missing_sessions.SPY[0] must be a YYYY-MM-DD date, got "2026-13-01"'],
  ])('rejects %j naming the field', (input, message) => {
    expect(() => parseSyntheticFaults(input)).toThrow(SyntheticFaultsError);
    expect(() => parseSyntheticFaults(input)).toThrow(message);
  });
});
