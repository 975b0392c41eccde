// Provider errors (DOMAIN.md §3.7). Jobs decide retries and option_bars_meta statuses from the class.

export class ProviderError extends Error {
  override readonly name: string = 'ProviderError';
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** 429: retryable after a wait. */
export class RateLimitError extends ProviderError {
  override readonly name: string = 'RateLimitError';
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message, 429);
  }
}

/** 403 / 402: the account may not see this data. */
export class ForbiddenError extends ProviderError {
  override readonly name: string = 'ForbiddenError';
}

/** 404. */
export class NotFoundError extends ProviderError {
  override readonly name: string = 'NotFoundError';
}

/** The provider does not offer this operation (e.g. option bars from csv). */
export class CapabilityError extends ProviderError {
  override readonly name: string = 'CapabilityError';
}

/** A request did not answer in time. */
export class ProviderTimeoutError extends ProviderError {
  override readonly name: string = 'ProviderTimeoutError';
}
