import { ForbiddenError, NotFoundError, ProviderError, ProviderTimeoutError, RateLimitError } from '../provider.errors';
import type { ProviderStatsRecorder } from '../provider-stats';
import { TokenBucket } from './token-bucket';

// Transport for the Alpaca REST APIs: rate limit, timeouts, retries and the mapping of HTTP failures to provider
// errors. Nothing here knows about bars or chains.

export interface AlpacaHttpOptions {
  keyId: string;
  secretKey: string;
  maxRequestsPerSecond: number;
  /** Retries after the first attempt, for 429, 5xx, timeouts and network failures. */
  maxRetries: number;
  timeoutMs: number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  stats: ProviderStatsRecorder;
  /** Monotonic milliseconds for the rate limiter and latencies (tests inject a fake one). */
  monotonicNow?: () => number;
}

export type QueryValue = string | number | null | undefined;

/** First backoff step and ceiling; each retry doubles the step, then takes a random point in its upper half. */
export const BACKOFF_BASE_MS = 500;
export const BACKOFF_MAX_MS = 30_000;
/** A Retry-After longer than this is not slept through: the caller gets the RateLimitError (with retryAfterMs) at once. */
export const MAX_RETRY_AFTER_MS = 60_000;

type Attempt =
  | { kind: 'response'; status: number; headers: Headers; body: string }
  | { kind: 'timeout' }
  | { kind: 'network'; message: string };

/** Backoff before retry number `retry` (0-based): exponential with "equal jitter" in [step/2, step). */
export function backoffMs(retry: number, random: () => number): number {
  const step = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** retry);
  return step / 2 + (step / 2) * random();
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number = Date.now()): number | null {
  if (value === null || value.trim() === '') return null;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

export class AlpacaHttpClient {
  private readonly bucket: TokenBucket;
  private readonly clock: () => number;

  constructor(private readonly options: AlpacaHttpOptions) {
    this.clock = options.monotonicNow ?? (() => performance.now());
    this.bucket = new TokenBucket(options.maxRequestsPerSecond, 1, this.clock, options.sleep);
  }

  /** GET `baseUrl + path` with the query (null/undefined/'' values left out) and return the parsed JSON body. */
  async getJson(baseUrl: string, path: string, query: Record<string, QueryValue> = {}): Promise<unknown> {
    const url = new URL(`${baseUrl.replace(/\/+$/, '')}${path}`);
    for (const [key, value] of Object.entries(query)) {
      if (value !== null && value !== undefined && value !== '') url.searchParams.set(key, String(value));
    }
    const what = `GET ${url.pathname}`;

    for (let retry = 0; ; retry++) {
      await this.bucket.take();
      const started = this.clock();
      const attempt = await this.send(url);
      const latency = this.clock() - started;
      const canRetry = retry < this.options.maxRetries;

      if (attempt.kind === 'timeout') {
        this.options.stats.record(latency, 'timeout');
        if (canRetry) {
          await this.options.sleep(backoffMs(retry, this.options.random));
          continue;
        }
        throw new ProviderTimeoutError(
          `${what} timed out after ${this.options.timeoutMs} ms (${retry + 1} attempt${retry ? 's' : ''})`,
        );
      }
      if (attempt.kind === 'network') {
        this.options.stats.record(latency, 'error');
        if (canRetry) {
          await this.options.sleep(backoffMs(retry, this.options.random));
          continue;
        }
        throw new ProviderError(this.redact(`${what} failed: ${attempt.message}`));
      }

      const { status, headers, body } = attempt;
      if (status === 429) {
        this.options.stats.record(latency, 'rate_limited');
        const retryAfter = parseRetryAfter(headers.get('retry-after'));
        if (canRetry && (retryAfter === null || retryAfter <= MAX_RETRY_AFTER_MS)) {
          await this.options.sleep(retryAfter ?? backoffMs(retry, this.options.random));
          continue;
        }
        throw new RateLimitError(`${what} was rate limited (HTTP 429) ${retry + 1} time(s)`, retryAfter ?? undefined);
      }
      if (status >= 500) {
        this.options.stats.record(latency, 'error');
        if (canRetry) {
          await this.options.sleep(backoffMs(retry, this.options.random));
          continue;
        }
        throw new ProviderError(this.redact(`${what} failed with HTTP ${status}${detail(body)}`), status);
      }
      if (status < 200 || status >= 300) {
        this.options.stats.record(latency, 'error');
        throw this.clientError(what, status, body);
      }
      try {
        const parsed: unknown = JSON.parse(body);
        this.options.stats.record(latency, 'ok');
        return parsed;
      } catch (err) {
        this.options.stats.record(latency, 'error');
        throw new ProviderError(`${what} returned malformed JSON: ${(err as Error).message}`, status);
      }
    }
  }

  private clientError(what: string, status: number, body: string): ProviderError {
    const message = this.redact(`${what} failed with HTTP ${status}${detail(body)}`);
    if (status === 401) {
      return new ProviderError(
        `${message}: authentication failed, check APCA_API_KEY_ID and APCA_API_SECRET_KEY`,
        status,
      );
    }
    if (status === 402 || status === 403) return new ForbiddenError(message, status);
    if (status === 404) return new NotFoundError(message, status);
    return new ProviderError(message, status);
  }

  /** One attempt: the whole exchange, body included, must finish within the timeout. */
  private async send(url: URL): Promise<Attempt> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.options.timeoutMs);
    try {
      const res = await fetch(url, {
        headers: {
          'APCA-API-KEY-ID': this.options.keyId,
          'APCA-API-SECRET-KEY': this.options.secretKey,
          Accept: 'application/json',
        },
        signal: controller.signal,
      });
      const body = await res.text();
      return { kind: 'response', status: res.status, headers: res.headers, body };
    } catch (err) {
      if (controller.signal.aborted) return { kind: 'timeout' };
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      return { kind: 'network', message: [(err as Error).message, cause?.code ?? cause?.message].filter(Boolean).join(': ') };
    } finally {
      clearTimeout(timer);
    }
  }

  /** The secret never leaves this class, even when a server echoes it back. */
  private redact(text: string): string {
    const secret = this.options.secretKey;
    return secret ? text.split(secret).join('***') : text;
  }
}

/** `: {message}` from an Alpaca error body (`{"code": …, "message": "…"}`), else the start of the text. */
function detail(body: string): string {
  let text = body.trim();
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && typeof (parsed as { message?: unknown }).message === 'string') {
      text = (parsed as { message: string }).message;
    }
  } catch {
    // not JSON: keep the text
  }
  text = text.replace(/\s+/g, ' ').slice(0, 200);
  return text ? `: ${text}` : '';
}
