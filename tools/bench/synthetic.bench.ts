import { addDays, nyseCalendar } from '@options-helper/domain';
import { SyntheticProvider } from '@options-helper/providers';
import { latency, log, round, timeIt } from './bench-stats';

// Speeds that unit tests must not assert: synthetic chain and candle generation, calendar session counts.

export async function syntheticBenchmark() {
  const now = new Date('2026-11-25T23:00:00Z');
  const p = new SyntheticProvider({ seed: 42, now: () => now });
  const fullChain = async (date: string) => {
    let n = 0;
    for (const e of await p.listExpiries('SPY', date)) n += (await p.getChain('SPY', e, date)).rows.length;
    return n;
  };
  log('synthetic provider and calendar');
  const first = await timeIt(() => fullChain('2026-11-24'));
  const days = ['2026-11-18', '2026-11-19', '2026-11-20', '2026-11-23', '2026-11-25'];
  let i = 0;
  const chain = await latency(10, 0, () => fullChain(days[i++ % days.length] as string));
  const candles = await latency(20, 1, () => p.getHistory('NVDA', { start: '2016-11-25', interval: '1d', autoAdjust: true, backAdjust: false }));
  const pairs = Array.from({ length: 10_000 }, (_, k) => [addDays('2001-01-10', (k * 37) % 12_000), addDays('2001-01-10', ((k * 37) % 12_000) + (k % 400))] as const);
  const counts = await timeIt(async () => pairs.reduce((n, [a, b]) => n + nyseCalendar.countSessionsBetween(a, b), 0));
  return {
    spy_full_chain: { contracts: first.value, first_call_ms: round(first.ms), steady: chain },
    nvda_ten_years_candles: candles,
    calendar_10k_session_counts_ms: round(counts.ms),
  };
}
