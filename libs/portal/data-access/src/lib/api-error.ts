import { HttpErrorResponse } from '@angular/common/http';

/** A failed ledger call as the pages show it: HTTP status, the ledger's message and, for refused SQL, the reason. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly reason: string | null = null,
    readonly field: string | null = null,
    /** Portfolio validation issues: JSON path and reason. */
    readonly issues: { path: string; reason: string }[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** True when the ledger could not be reached at all (not started, wrong URL). */
  get unreachable(): boolean {
    return this.status === 0;
  }
}

function text(value: unknown): string | null {
  if (typeof value === 'string' && value.trim()) return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join('; ');
  return null;
}

/** Maps an HttpClient error (the ledger answers `{statusCode, message, reason?, field?}`) to an ApiError. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof HttpErrorResponse) {
    if (err.status === 0) return new ApiError(0, 'The ledger did not answer. Start it with `options-helper ui` (or `npm start`).');
    const body = (typeof err.error === 'object' && err.error !== null ? err.error : {}) as Record<string, unknown>;
    const message = text(body['message']) ?? text(err.error) ?? `${err.status} ${err.statusText}`.trim();
    const issues = Array.isArray(body['issues'])
      ? (body['issues'] as unknown[]).filter((i): i is { path: string; reason: string } => typeof i === 'object' && i !== null && 'path' in i && 'reason' in i)
      : [];
    return new ApiError(err.status, message, text(body['reason']), text(body['field']), issues);
  }
  return new ApiError(-1, err instanceof Error ? err.message : String(err));
}
