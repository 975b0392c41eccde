import { OptionType } from '../osi';
import { IsoDate } from '../time';

/** The portfolio model of DOMAIN.md §7.1, field names as in `portfolio.json`. Money is USD, premiums per share. */

export const RISK_TOLERANCES = ['low', 'medium', 'high'] as const;
export type RiskTolerance = (typeof RISK_TOLERANCES)[number];

export const LEG_SIDES = ['long', 'short'] as const;
export type LegSide = (typeof LEG_SIDES)[number];

export interface RiskProfile {
  readonly tolerance: RiskTolerance;
  /** Ratios (0.25 = 25%); null = no limit. */
  readonly max_portfolio_risk_pct: number | null;
  readonly max_single_position_risk_pct: number | null;
  readonly take_profit_pct: number | null;
  readonly stop_loss_pct: number | null;
  readonly roll_dte_threshold: number;
  readonly preferred_roll_dte: number;
  readonly earnings_avoid_days: number;
  readonly earnings_warn_days: number;
  readonly support_proximity_pct: number;
  readonly breakout_lookback_weeks: number;
  readonly breakout_volume_mult: number;
  readonly min_open_interest: number;
  readonly min_volume: number;
}

export const DEFAULT_RISK_PROFILE: RiskProfile = Object.freeze({
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
});

export const DEFAULT_BASE_CURRENCY = 'USD';

/** One option contract line: `contracts` long or short contracts of one strike and expiry. */
export interface SinglePosition {
  readonly id: string;
  /** Normalised underlying symbol. */
  readonly symbol: string;
  readonly option_type: OptionType;
  readonly expiry: IsoDate;
  readonly strike: number;
  /** Integer ≥ 1. */
  readonly contracts: number;
  /** Premium paid per share (× 100 per contract). */
  readonly cost_basis: number;
  readonly opened_at?: IsoDate;
}

export interface Leg {
  readonly side: LegSide;
  readonly option_type: OptionType;
  readonly expiry: IsoDate;
  readonly strike: number;
  /** Integer ≥ 1. */
  readonly contracts: number;
  /** Legs per spread when not 1 (a 1×2 ratio spread); shown in the notes, not used by the premium rule. */
  readonly ratio?: number;
}

/** A spread or any other multi-leg structure on one underlying. */
export interface MultiLegPosition {
  readonly id: string;
  readonly symbol: string;
  /** At least two. */
  readonly legs: readonly Leg[];
  /** Per share, per spread; negative for a credit. */
  readonly net_debit?: number;
  readonly opened_at?: IsoDate;
}

export type Position = SinglePosition | MultiLegPosition;

export interface Portfolio {
  readonly base_currency: string;
  readonly cash: number;
  readonly risk_profile: RiskProfile;
  readonly positions: readonly Position[];
}

export function isMultiLegPosition(position: Position): position is MultiLegPosition {
  return 'legs' in position;
}
