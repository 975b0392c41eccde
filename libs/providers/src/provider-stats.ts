import type { ProviderStats } from './provider.types';

/** Counts requests and latencies for a provider's summary line. */
export class ProviderStatsRecorder {
  private readonly latencies: number[] = [];
  private counts = { requests: 0, rateLimited: 0, timeouts: 0, errors: 0 };

  record(latencyMs: number, outcome: 'ok' | 'rate_limited' | 'timeout' | 'error' = 'ok'): void {
    this.counts.requests += 1;
    if (outcome === 'rate_limited') this.counts.rateLimited += 1;
    if (outcome === 'timeout') this.counts.timeouts += 1;
    if (outcome === 'error') this.counts.errors += 1;
    if (this.latencies.length < 100_000) this.latencies.push(latencyMs);
  }

  snapshot(): ProviderStats {
    const sorted = [...this.latencies].sort((a, b) => a - b);
    const pct = (p: number) => (sorted.length ? Math.round((sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number) * 10) / 10 : null);
    return { ...this.counts, latencyP50Ms: pct(50), latencyP95Ms: pct(95) };
  }
}
