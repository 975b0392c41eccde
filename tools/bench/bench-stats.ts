/** Percentile (nearest-rank) of a sample in milliseconds. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return round(sorted[rank - 1] as number);
}

export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export async function timeIt<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await work();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

/** Runs `work` `count` times (after `warmup` unmeasured runs) and returns each run's milliseconds. */
export async function latencySamples(count: number, warmup: number, work: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await work();
  const samples: number[] = [];
  for (let i = 0; i < count; i++) samples.push((await timeIt(work)).ms);
  return samples;
}

export function summarizeLatency(samples: number[]) {
  return { n: samples.length, p50_ms: percentile(samples, 50), p95_ms: percentile(samples, 95), max_ms: percentile(samples, 100) };
}

/** Runs `work` `count` times (after `warmup` unmeasured runs) and summarises the latencies. */
export async function latency(count: number, warmup: number, work: () => Promise<unknown>) {
  return summarizeLatency(await latencySamples(count, warmup, work));
}

export function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}
