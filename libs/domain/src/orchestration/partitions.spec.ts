import { nyseCalendar } from '../calendar';
import { materializationFailure } from './materialization-rules';
import { assertPartition, lastSessions, orderPartitions, partitionsInRange } from './partitions';

describe('partitions of the daily graph', () => {
  it('are sessions in range, oldest first, never before the first partition', () => {
    // 2026-11-20 (Fri) … 2026-11-30 (Mon): 26 Nov is Thanksgiving, 21/22 and 28/29 are weekends.
    expect(partitionsInRange(nyseCalendar, '2026-11-20', '2026-11-30')).toEqual(['2026-11-20', '2026-11-23', '2026-11-24', '2026-11-25', '2026-11-27', '2026-11-30']);
    expect(partitionsInRange(nyseCalendar, '2023-12-28', '2024-01-03')).toEqual(['2024-01-02', '2024-01-03']);
    expect(partitionsInRange(nyseCalendar, '2026-11-26', '2026-11-26')).toEqual([]);
    expect(lastSessions(nyseCalendar, '2026-11-26', 3)).toEqual(['2026-11-23', '2026-11-24', '2026-11-25']);
    expect(orderPartitions(['2026-11-25', '2026-11-20', '2026-11-25'])).toEqual(['2026-11-20', '2026-11-25']);
  });

  it('refuses keys that are not sessions', () => {
    expect(assertPartition(nyseCalendar, '2026-11-25')).toBe('2026-11-25');
    expect(() => assertPartition(nyseCalendar, '2026-11-26')).toThrow('partition 2026-11-26 is not a trading session');
    expect(() => assertPartition(nyseCalendar, '2026-11-28')).toThrow('is not a trading session');
    expect(() => assertPartition(nyseCalendar, 'yesterday')).toThrow('must be YYYY-MM-DD');
    expect(() => assertPartition(nyseCalendar, '2023-12-29')).toThrow('before the first partition 2024-01-02');
  });
});

describe('materialisation rules (DOMAIN.md §11)', () => {
  const ok = { status: 'ok' as const };
  const failed = { status: 'failed' as const };
  it('fails a symbol job only when every symbol failed', () => {
    expect(materializationFailure('ingest_candles', { outcomes: [failed, failed] })).toBe('materialisation rule (ingest_candles): every symbol failed (2 of 2)');
    expect(materializationFailure('snapshot_options', { outcomes: [failed, ok] })).toBeNull();
    expect(materializationFailure('compute_flow', { outcomes: [] })).toBeNull();
  });
  it('fails option bars when contracts errored and none succeeded', () => {
    expect(materializationFailure('ingest_options_bars', { outcomes: [], details: { ok_contracts: 0, error_contracts: 4 } })).toMatch(/contracts errored and none succeeded \(4 errored\)/);
    expect(materializationFailure('ingest_options_bars', { outcomes: [], details: { ok_contracts: 1, error_contracts: 4 } })).toBeNull();
    expect(materializationFailure('build_briefing', { outcomes: [failed] })).toBeNull();
  });
});
