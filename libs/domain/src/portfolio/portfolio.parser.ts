import { OPTION_TYPES } from '../osi';
import { isIsoDate } from '../time';
import { normalizeSymbol, SymbolAliases, SymbolError } from '../symbols';
import {
  childPath,
  hasOwn,
  COUNT,
  IssueList,
  parseJsonText,
  NON_NEGATIVE,
  NON_NEGATIVE_OR_NULL,
  NUMBER,
  oneOf,
  POSITIVE,
  readField,
  REQUIRED,
  ROOT_PATH,
  rule,
  Rule,
  WHOLE,
} from './json-path';
import { PortfolioValidationError } from './json-validation.errors';
import {
  DEFAULT_BASE_CURRENCY,
  DEFAULT_RISK_PROFILE,
  Leg,
  LEG_SIDES,
  Portfolio,
  Position,
  RISK_TOLERANCES,
  RiskProfile,
} from './portfolio.types';

export interface ParsePortfolioOptions {
  /** The underlying alias map (DOMAIN.md §0.2), applied to every position symbol. */
  readonly aliases?: SymbolAliases;
}

export const DEFAULT_PORTFOLIO_SOURCE = 'portfolio.json';

const SINGLE_FIELDS = ['id', 'symbol', 'option_type', 'expiry', 'strike', 'contracts', 'cost_basis', 'opened_at'] as const;
const MULTI_LEG_FIELDS = ['id', 'symbol', 'legs', 'net_debit', 'opened_at'] as const;
const LEG_FIELDS = ['side', 'option_type', 'expiry', 'strike', 'contracts', 'ratio'] as const;
const RISK_PROFILE_FIELDS = Object.keys(DEFAULT_RISK_PROFILE) as (keyof RiskProfile)[];

const DATE = rule('must be a valid YYYY-MM-DD date', isIsoDate);
const ID = rule('must be a non-empty string', (v): v is string => typeof v === 'string' && v.trim() !== '');
const CURRENCY = rule(
  'must be a 3-letter currency code',
  (v): v is string => typeof v === 'string' && /^[A-Za-z]{3}$/.test(v.trim()),
);
const OPTION_TYPE = oneOf(OPTION_TYPES);
const SIDE = oneOf(LEG_SIDES);
const TOLERANCE = oneOf(RISK_TOLERANCES);
const STRING = rule('must be a string', (v): v is string => typeof v === 'string');

const RISK_RULES: { readonly [K in keyof RiskProfile]: Rule<RiskProfile[K]> } = {
  tolerance: TOLERANCE,
  max_portfolio_risk_pct: NON_NEGATIVE_OR_NULL,
  max_single_position_risk_pct: NON_NEGATIVE_OR_NULL,
  take_profit_pct: NON_NEGATIVE_OR_NULL,
  stop_loss_pct: NON_NEGATIVE_OR_NULL,
  roll_dte_threshold: WHOLE,
  preferred_roll_dte: WHOLE,
  earnings_avoid_days: WHOLE,
  earnings_warn_days: WHOLE,
  support_proximity_pct: NON_NEGATIVE,
  breakout_lookback_weeks: COUNT,
  breakout_volume_mult: POSITIVE,
  min_open_interest: WHOLE,
  min_volume: WHOLE,
};

/**
 * Validates parsed `portfolio.json` (DOMAIN.md §7.1) and applies the defaults (base_currency USD, cash 0, the risk
 * profile of `DEFAULT_RISK_PROFILE`, no positions). Walks the whole document and throws one `PortfolioValidationError`
 * listing every issue with its JSON path.
 *
 * Unknown top-level keys are allowed (room for `$schema`, comments, newer fields); unknown keys inside the risk profile,
 * positions and legs are refused as `unknown field`, because a typo there (`strke`, `stop_loss`) would otherwise silently
 * fall back to a default or lose data. A position with a `legs` key is multi-leg. Optional fields (`opened_at`,
 * `net_debit`, `ratio`) may be null, meaning absent; the documented nullable risk limits keep null as "no limit".
 */
export function parsePortfolio(
  json: unknown,
  source: string = DEFAULT_PORTFOLIO_SOURCE,
  options: ParsePortfolioOptions = {},
): Portfolio {
  const issues = new IssueList();
  const root = issues.object(json, ROOT_PATH);
  if (!root) throw new PortfolioValidationError(source, issues.items);

  const baseCurrency = readField(issues, root, 'base_currency', ROOT_PATH, CURRENCY, DEFAULT_BASE_CURRENCY);
  const cash = readField(issues, root, 'cash', ROOT_PATH, NON_NEGATIVE, 0);
  const riskProfile = parseRiskProfile(issues, root['risk_profile']);
  const positions = parsePositions(issues, root['positions'], options.aliases);

  if (issues.items.length > 0) throw new PortfolioValidationError(source, issues.items);
  return {
    base_currency: (baseCurrency ?? DEFAULT_BASE_CURRENCY).trim().toUpperCase(),
    cash: cash ?? 0,
    risk_profile: riskProfile,
    positions,
  };
}

/** `parsePortfolio` of a file's text; a syntax error becomes the issue `$: invalid JSON (…)`. */
export function parsePortfolioText(
  text: string,
  source: string = DEFAULT_PORTFOLIO_SOURCE,
  options: ParsePortfolioOptions = {},
): Portfolio {
  const json = parseJsonText(text, (issues) => new PortfolioValidationError(source, issues));
  return parsePortfolio(json, source, options);
}

function parseRiskProfile(issues: IssueList, value: unknown): RiskProfile {
  if (value === undefined) return DEFAULT_RISK_PROFILE;
  const path = childPath(ROOT_PATH, 'risk_profile');
  const record = issues.object(value, path);
  if (!record) return DEFAULT_RISK_PROFILE;
  issues.unknownFields(record, RISK_PROFILE_FIELDS, path);
  const out: Record<string, unknown> = {};
  for (const key of RISK_PROFILE_FIELDS) {
    const fallback = DEFAULT_RISK_PROFILE[key];
    // Not `??`: null is a valid value ("no limit") for the pct limits.
    const read = readField<unknown>(issues, record, key, path, RISK_RULES[key], fallback);
    out[key] = read === undefined ? fallback : read;
  }
  return out as unknown as RiskProfile;
}

function parsePositions(issues: IssueList, value: unknown, aliases: SymbolAliases | undefined): Position[] {
  if (value === undefined) return [];
  const path = childPath(ROOT_PATH, 'positions');
  if (!Array.isArray(value)) {
    issues.add(path, 'must be an array');
    return [];
  }
  const positions: Position[] = [];
  const seenIds = new Set<string>();
  value.forEach((item: unknown, index) => {
    const position = parsePosition(issues, item, childPath(path, index), aliases);
    if (!position) return;
    if (seenIds.has(position.id)) {
      issues.add(childPath(childPath(path, index), 'id'), `duplicate id ${JSON.stringify(position.id)}`);
    }
    seenIds.add(position.id);
    positions.push(position);
  });
  return positions;
}

/**
 * The position, or null when it has no usable id (its other issues are recorded either way). A position with issues
 * still returns its id for the duplicate check; its placeholder values never escape because parsePortfolio then throws.
 */
function parsePosition(
  issues: IssueList,
  value: unknown,
  path: string,
  aliases: SymbolAliases | undefined,
): Position | null {
  const record = issues.object(value, path);
  if (!record) return null;
  const isMulti = hasOwn(record, 'legs');
  issues.unknownFields(record, isMulti ? MULTI_LEG_FIELDS : SINGLE_FIELDS, path);

  const id = readField(issues, record, 'id', path, ID, REQUIRED)?.trim();
  const symbol = parseSymbol(issues, record, path, aliases) ?? '';
  let position: Position;
  if (isMulti) {
    const legs = parseLegs(issues, record['legs'], childPath(path, 'legs'));
    const netDebit = readField(issues, record, 'net_debit', path, NUMBER, undefined);
    const openedAt = readField(issues, record, 'opened_at', path, DATE, undefined);
    position = {
      id: id ?? '',
      symbol,
      legs,
      ...(netDebit === undefined ? {} : { net_debit: netDebit }),
      ...(openedAt === undefined ? {} : { opened_at: openedAt }),
    };
  } else {
    const optionType = readField(issues, record, 'option_type', path, OPTION_TYPE, REQUIRED);
    const expiry = readField(issues, record, 'expiry', path, DATE, REQUIRED);
    const strike = readField(issues, record, 'strike', path, POSITIVE, REQUIRED);
    const contracts = readField(issues, record, 'contracts', path, COUNT, REQUIRED);
    const costBasis = readField(issues, record, 'cost_basis', path, NON_NEGATIVE, REQUIRED);
    const openedAt = readField(issues, record, 'opened_at', path, DATE, undefined);
    position = {
      id: id ?? '',
      symbol,
      option_type: optionType ?? 'call',
      expiry: expiry ?? '',
      strike: strike ?? 0,
      contracts: contracts ?? 0,
      cost_basis: costBasis ?? 0,
      ...(openedAt === undefined ? {} : { opened_at: openedAt }),
    };
  }
  return id === undefined ? null : position;
}

function parseSymbol(
  issues: IssueList,
  record: Readonly<Record<string, unknown>>,
  path: string,
  aliases: SymbolAliases | undefined,
): string | undefined {
  const raw = readField(issues, record, 'symbol', path, STRING, REQUIRED);
  if (raw === undefined) return undefined;
  try {
    return normalizeSymbol(raw, aliases);
  } catch (error) {
    if (!(error instanceof SymbolError)) throw error;
    issues.add(childPath(path, 'symbol'), error.reason);
    return undefined;
  }
}

function parseLegs(issues: IssueList, value: unknown, path: string): Leg[] {
  if (!Array.isArray(value)) {
    issues.add(path, 'must be an array of at least 2 legs');
    return [];
  }
  if (value.length < 2) issues.add(path, 'must have at least 2 legs');
  return value.flatMap((item: unknown, index) => {
    const legPath = childPath(path, index);
    const record = issues.object(item, legPath);
    if (!record) return [];
    issues.unknownFields(record, LEG_FIELDS, legPath);
    const ratio = readField(issues, record, 'ratio', legPath, POSITIVE, undefined);
    const leg: Leg = {
      side: readField(issues, record, 'side', legPath, SIDE, REQUIRED) ?? 'long',
      option_type: readField(issues, record, 'option_type', legPath, OPTION_TYPE, REQUIRED) ?? 'call',
      expiry: readField(issues, record, 'expiry', legPath, DATE, REQUIRED) ?? '',
      strike: readField(issues, record, 'strike', legPath, POSITIVE, REQUIRED) ?? 0,
      contracts: readField(issues, record, 'contracts', legPath, COUNT, REQUIRED) ?? 0,
      ...(ratio === undefined ? {} : { ratio }),
    };
    return [leg];
  });
}
