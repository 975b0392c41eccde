/** One problem in a JSON document: where (`$.positions[2].strike`) and what (`must be a number > 0`). */
export interface ValidationIssue {
  readonly path: string;
  readonly reason: string;
}

/**
 * A JSON file that does not match its model. Carries every issue found, not just the first, so one edit fixes the file:
 * `portfolio.json is invalid: $.positions[2].strike: must be a number > 0; $.positions[3].id: duplicate id "a1"`.
 */
export class JsonValidationError extends Error {
  override readonly name: string = 'JsonValidationError';
  constructor(
    /** The file name or path the caller read, as named in the message. */
    readonly source: string,
    readonly issues: readonly ValidationIssue[],
  ) {
    super(`${source} is invalid: ${issues.map((issue) => `${issue.path}: ${issue.reason}`).join('; ')}`);
  }
}

export class PortfolioValidationError extends JsonValidationError {
  override readonly name = 'PortfolioValidationError';
}

export class WatchlistsValidationError extends JsonValidationError {
  override readonly name = 'WatchlistsValidationError';
}
