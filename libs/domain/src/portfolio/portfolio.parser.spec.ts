import { JsonValidationError, PortfolioValidationError, ValidationIssue } from './json-validation.errors';
import { parsePortfolio, parsePortfolioText } from './portfolio.parser';
import { DEFAULT_RISK_PROFILE } from './portfolio.types';

const single = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: 'a1',
  symbol: 'SPY',
  option_type: 'call',
  expiry: '2026-03-20',
  strike: 600,
  contracts: 3,
  cost_basis: 2.5,
  ...over,
});

const leg = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  side: 'long',
  option_type: 'call',
  expiry: '2026-03-20',
  strike: 600,
  contracts: 2,
  ...over,
});

const vertical = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: 'v1',
  symbol: 'QQQ',
  legs: [leg(), leg({ side: 'short', strike: 610 })],
  net_debit: 1.2,
  ...over,
});

/** The issues parsePortfolio reports for a document, or fails the test when it parses. */
function issuesOf(json: unknown): ValidationIssue[] {
  try {
    parsePortfolio(json);
  } catch (error) {
    expect(error).toBeInstanceOf(PortfolioValidationError);
    return [...(error as PortfolioValidationError).issues];
  }
  throw new Error('expected the portfolio to be invalid');
}

describe('parsePortfolio: defaults', () => {
  it('turns {} into an empty USD portfolio with the documented risk profile', () => {
    expect(parsePortfolio({})).toEqual({
      base_currency: 'USD',
      cash: 0,
      risk_profile: {
        tolerance: 'medium',
        max_portfolio_risk_pct: 0.25,
        max_single_position_risk_pct: 0.07,
        take_profit_pct: 0.6,
        stop_loss_pct: 0.35,
        roll_dte_threshold: 21,
        preferred_roll_dte: 60,
        earnings_avoid_days: 0,
        earnings_warn_days: 21,
        support_proximity_pct: 0.03,
        breakout_lookback_weeks: 20,
        breakout_volume_mult: 1.25,
        min_open_interest: 100,
        min_volume: 10,
      },
      positions: [],
    });
  });

  it('fills missing risk profile fields from the defaults and keeps an explicit null limit', () => {
    const portfolio = parsePortfolio({ risk_profile: { tolerance: 'high', max_portfolio_risk_pct: null, min_volume: 0 } });
    expect(portfolio.risk_profile).toEqual({
      ...DEFAULT_RISK_PROFILE,
      tolerance: 'high',
      max_portfolio_risk_pct: null,
      min_volume: 0,
    });
  });

  it('does not let callers mutate the shared defaults', () => {
    expect(Object.isFrozen(parsePortfolio({}).risk_profile)).toBe(true);
  });
});

describe('parsePortfolio: positions', () => {
  it('parses single and multi-leg positions, normalising symbols, ids and the currency', () => {
    const portfolio = parsePortfolio(
      {
        base_currency: 'usd',
        cash: 1000.5,
        note: 'unknown top-level keys are allowed',
        positions: [
          single({ id: ' a1 ', symbol: ' brk.b ', opened_at: '2026-01-05' }),
          vertical({ symbol: 'goog', net_debit: null, legs: [leg({ ratio: 1 }), leg({ side: 'short', ratio: 2, strike: 610.5 })] }),
        ],
      },
      'portfolio.json',
      { aliases: { GOOG: 'GOOGL' } },
    );
    expect(portfolio.base_currency).toBe('USD');
    expect(portfolio.cash).toBe(1000.5);
    expect(portfolio.positions).toEqual([
      { id: 'a1', symbol: 'BRK-B', option_type: 'call', expiry: '2026-03-20', strike: 600, contracts: 3, cost_basis: 2.5, opened_at: '2026-01-05' },
      {
        id: 'v1',
        symbol: 'GOOGL',
        legs: [
          { side: 'long', option_type: 'call', expiry: '2026-03-20', strike: 600, contracts: 2, ratio: 1 },
          { side: 'short', option_type: 'call', expiry: '2026-03-20', strike: 610.5, contracts: 2, ratio: 2 },
        ],
      },
    ]);
    // Absent optional fields are left out, not written as undefined or null.
    expect(Object.keys(portfolio.positions[1])).toEqual(['id', 'symbol', 'legs']);
  });

  it('accepts a zero cost basis, zero cash, a credit (negative net debit) and null opened_at', () => {
    const portfolio = parsePortfolio({ cash: 0, positions: [single({ cost_basis: 0, opened_at: null }), vertical({ net_debit: -0.85 })] });
    expect(portfolio.positions[0]).not.toHaveProperty('opened_at');
    expect(portfolio.positions[1]).toMatchObject({ net_debit: -0.85 });
  });

  it('treats any position with a legs key as multi-leg', () => {
    expect(issuesOf({ positions: [single({ legs: [] })] })).toEqual([
      { path: '$.positions[0].option_type', reason: 'unknown field' },
      { path: '$.positions[0].expiry', reason: 'unknown field' },
      { path: '$.positions[0].strike', reason: 'unknown field' },
      { path: '$.positions[0].contracts', reason: 'unknown field' },
      { path: '$.positions[0].cost_basis', reason: 'unknown field' },
      { path: '$.positions[0].legs', reason: 'must have at least 2 legs' },
    ]);
  });
});

describe('parsePortfolio: validation errors name the JSON path and the reason', () => {
  it('collects every issue into one message', () => {
    const json = { positions: [single(), single({ id: 'b' }), single({ id: 'c', strike: -5 }), single({ id: 'a1' })] };
    let caught: unknown;
    try {
      parsePortfolio(json);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PortfolioValidationError);
    expect(caught).toBeInstanceOf(JsonValidationError);
    expect(caught).toMatchObject({ name: 'PortfolioValidationError', source: 'portfolio.json' });
    expect((caught as Error).message).toBe(
      'portfolio.json is invalid: $.positions[2].strike: must be a number > 0; $.positions[3].id: duplicate id "a1"',
    );
  });

  it('names the source it was given', () => {
    expect(() => parsePortfolio({ cash: -1 }, '/data/pf.json')).toThrow('/data/pf.json is invalid: $.cash: must be a number ≥ 0');
  });

  it.each([null, [], 'portfolio', 42])('requires an object at the root (%j)', (json) => {
    expect(issuesOf(json)).toEqual([{ path: '$', reason: 'must be an object' }]);
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['base_currency not a code', { base_currency: 'dollars' }, '$.base_currency', 'must be a 3-letter currency code'],
    ['base_currency null', { base_currency: null }, '$.base_currency', 'must be a 3-letter currency code'],
    ['cash negative', { cash: -0.01 }, '$.cash', 'must be a number ≥ 0'],
    ['cash a string', { cash: '100' }, '$.cash', 'must be a number ≥ 0'],
    ['risk_profile not an object', { risk_profile: [] }, '$.risk_profile', 'must be an object'],
    ['tolerance', { risk_profile: { tolerance: 'extreme' } }, '$.risk_profile.tolerance', 'must be "low", "medium", "high"'],
    ['pct negative', { risk_profile: { stop_loss_pct: -0.1 } }, '$.risk_profile.stop_loss_pct', 'must be a number ≥ 0 or null'],
    ['pct a string', { risk_profile: { take_profit_pct: '60%' } }, '$.risk_profile.take_profit_pct', 'must be a number ≥ 0 or null'],
    ['non-nullable null', { risk_profile: { support_proximity_pct: null } }, '$.risk_profile.support_proximity_pct', 'must be a number ≥ 0'],
    ['days fractional', { risk_profile: { roll_dte_threshold: 21.5 } }, '$.risk_profile.roll_dte_threshold', 'must be an integer ≥ 0'],
    ['days negative', { risk_profile: { earnings_warn_days: -1 } }, '$.risk_profile.earnings_warn_days', 'must be an integer ≥ 0'],
    ['weeks zero', { risk_profile: { breakout_lookback_weeks: 0 } }, '$.risk_profile.breakout_lookback_weeks', 'must be an integer ≥ 1'],
    ['mult zero', { risk_profile: { breakout_volume_mult: 0 } }, '$.risk_profile.breakout_volume_mult', 'must be a number > 0'],
    ['risk typo', { risk_profile: { stop_loss: 0.2 } }, '$.risk_profile.stop_loss', 'unknown field'],
    ['positions not an array', { positions: {} }, '$.positions', 'must be an array'],
    ['positions null', { positions: null }, '$.positions', 'must be an array'],
    ['position not an object', { positions: ['SPY'] }, '$.positions[0]', 'must be an object'],
  ])('top level and risk profile: %s', (_label, json, path, reason) => {
    expect(issuesOf(json)).toEqual([{ path, reason }]);
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['id missing', { id: undefined }, 'id', 'is required (a non-empty string)'],
    ['id blank', { id: '  ' }, 'id', 'must be a non-empty string'],
    ['id a number', { id: 7 }, 'id', 'must be a non-empty string'],
    ['symbol missing', { symbol: undefined }, 'symbol', 'is required (a string)'],
    ['symbol empty', { symbol: ' ' }, 'symbol', 'must not be empty'],
    ['symbol malformed', { symbol: 'S P Y' }, 'symbol', 'must be 1–16 of A–Z, 0–9, ".", "-", "^", "/", starting with a letter, digit or "^"'],
    ['option_type', { option_type: 'CALL' }, 'option_type', 'must be "call" or "put"'],
    ['option_type missing', { option_type: undefined }, 'option_type', 'is required ("call" or "put")'],
    ['expiry impossible', { expiry: '2026-02-30' }, 'expiry', 'must be a valid YYYY-MM-DD date'],
    ['expiry format', { expiry: '03/20/2026' }, 'expiry', 'must be a valid YYYY-MM-DD date'],
    ['expiry missing', { expiry: undefined }, 'expiry', 'is required (a valid YYYY-MM-DD date)'],
    ['strike zero', { strike: 0 }, 'strike', 'must be a number > 0'],
    ['strike a string', { strike: '600' }, 'strike', 'must be a number > 0'],
    ['contracts zero', { contracts: 0 }, 'contracts', 'must be an integer ≥ 1'],
    ['contracts fractional', { contracts: 1.5 }, 'contracts', 'must be an integer ≥ 1'],
    ['cost_basis negative', { cost_basis: -0.5 }, 'cost_basis', 'must be a number ≥ 0'],
    ['cost_basis missing', { cost_basis: undefined }, 'cost_basis', 'is required (a number ≥ 0)'],
    ['opened_at', { opened_at: '2026-13-01' }, 'opened_at', 'must be a valid YYYY-MM-DD date'],
    ['typo', { strke: 600 }, 'strke', 'unknown field'],
    ['odd key', { 'cost basis': 1 }, '["cost basis"]', 'unknown field'],
    ['leg field on a single', { side: 'long' }, 'side', 'unknown field'],
  ])('single position: %s', (_label, over, field, reason) => {
    const path = field.startsWith('[') ? `$.positions[1]${field}` : `$.positions[1].${field}`;
    expect(issuesOf({ positions: [single({ id: 'ok' }), single(over)] })).toEqual([{ path, reason }]);
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['id missing', { id: undefined }, 'id', 'is required (a non-empty string)'],
    ['symbol malformed', { symbol: 'QQQ!' }, 'symbol', 'must be 1–16 of A–Z, 0–9, ".", "-", "^", "/", starting with a letter, digit or "^"'],
    ['legs not an array', { legs: 'long 600C' }, 'legs', 'must be an array of at least 2 legs'],
    ['legs null', { legs: null }, 'legs', 'must be an array of at least 2 legs'],
    ['one leg', { legs: [leg()] }, 'legs', 'must have at least 2 legs'],
    ['net_debit a string', { net_debit: '1.20' }, 'net_debit', 'must be a number'],
    ['opened_at', { opened_at: '2026-1-5' }, 'opened_at', 'must be a valid YYYY-MM-DD date'],
    ['single field on a spread', { contracts: 2 }, 'contracts', 'unknown field'],
    ['leg not an object', { legs: [leg(), 'short 610C'] }, 'legs[1]', 'must be an object'],
    ['leg side', { legs: [leg(), leg({ side: 'sell' })] }, 'legs[1].side', 'must be "long" or "short"'],
    ['leg side missing', { legs: [leg(), leg({ side: undefined })] }, 'legs[1].side', 'is required ("long" or "short")'],
    ['leg option_type', { legs: [leg({ option_type: 'c' }), leg()] }, 'legs[0].option_type', 'must be "call" or "put"'],
    ['leg expiry', { legs: [leg(), leg({ expiry: '2026-04-31' })] }, 'legs[1].expiry', 'must be a valid YYYY-MM-DD date'],
    ['leg strike', { legs: [leg(), leg({ strike: -610 })] }, 'legs[1].strike', 'must be a number > 0'],
    ['leg contracts', { legs: [leg(), leg({ contracts: 0 })] }, 'legs[1].contracts', 'must be an integer ≥ 1'],
    ['leg ratio', { legs: [leg(), leg({ ratio: 0 })] }, 'legs[1].ratio', 'must be a number > 0'],
    ['leg typo', { legs: [leg(), leg({ qty: 2 })] }, 'legs[1].qty', 'unknown field'],
    ['leg symbol', { legs: [leg(), leg({ symbol: 'QQQ' })] }, 'legs[1].symbol', 'unknown field'],
  ])('multi-leg position: %s', (_label, over, field, reason) => {
    expect(issuesOf({ positions: [single(), vertical(over)] })).toEqual([{ path: `$.positions[1].${field}`, reason }]);
  });

  it('reports duplicate ids (after trimming) on every later occurrence, even when the position has other issues', () => {
    const json = { positions: [single(), vertical({ id: 'a1 ' }), single({ id: 'a1', strike: 0 })] };
    expect(issuesOf(json)).toEqual([
      { path: '$.positions[1].id', reason: 'duplicate id "a1"' },
      { path: '$.positions[2].strike', reason: 'must be a number > 0' },
      { path: '$.positions[2].id', reason: 'duplicate id "a1"' },
    ]);
  });

  it('lists several issues of one position in field order', () => {
    expect(issuesOf({ positions: [{ id: 'x', symbol: 'SPY', option_type: 'put', contracts: -1, extra: true }] })).toEqual([
      { path: '$.positions[0].extra', reason: 'unknown field' },
      { path: '$.positions[0].expiry', reason: 'is required (a valid YYYY-MM-DD date)' },
      { path: '$.positions[0].strike', reason: 'is required (a number > 0)' },
      { path: '$.positions[0].contracts', reason: 'must be an integer ≥ 1' },
      { path: '$.positions[0].cost_basis', reason: 'is required (a number ≥ 0)' },
    ]);
  });
});

describe('parsePortfolioText', () => {
  it('parses the text of a file, with or without a byte-order mark', () => {
    const text = JSON.stringify({ cash: 500, positions: [single()] });
    expect(parsePortfolioText(text).cash).toBe(500);
    expect(parsePortfolioText(`\uFEFF${text}`).positions).toHaveLength(1);
  });

  it('reports a syntax error as an issue at $', () => {
    let caught: unknown;
    try {
      parsePortfolioText('{"cash": 1,}', 'data/portfolio.json');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PortfolioValidationError);
    const issues = (caught as PortfolioValidationError).issues;
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toBe('$');
    expect(issues[0].reason).toMatch(/^invalid JSON \(.+\)$/);
    expect((caught as Error).message).toMatch(/^data\/portfolio\.json is invalid: \$: invalid JSON \(/);
  });

  it('treats an empty file as invalid JSON, and still validates parsed text', () => {
    expect(() => parsePortfolioText('')).toThrow(/portfolio\.json is invalid: \$: invalid JSON/);
    expect(() => parsePortfolioText('[]')).toThrow('portfolio.json is invalid: $: must be an object');
  });
});
