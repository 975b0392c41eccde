import { nyseCalendar } from '../calendar';
import { PartitionMaterialization, planRangeBackfill } from './range-plan';

describe('range backfill planner', () => {
  const base = { calendar: nyseCalendar, from: '2026-11-24', to: '2026-11-27', materializations: [] as PartitionMaterialization[], waivers: [] };

  it('plans every asset of every session in range, oldest first, with a stable hash', () => {
    const plan = planRangeBackfill({ ...base, assets: ['candles_daily', 'options_flow'] });
    expect(plan.partitions).toEqual([
      { partition_key: '2026-11-24', assets: ['candles_daily', 'options_flow'] },
      { partition_key: '2026-11-25', assets: ['candles_daily', 'options_flow'] },
      { partition_key: '2026-11-27', assets: ['candles_daily', 'options_flow'] },
    ]);
    expect(plan.hash).toMatch(/^[0-9a-f]{64}$/);
    // Asset order in the request does not matter (graph order wins); equal inputs ⇒ equal hash.
    expect(planRangeBackfill({ ...base, assets: ['options_flow', 'candles_daily'] }).hash).toBe(plan.hash);
    expect(planRangeBackfill({ ...base, assets: ['candles_daily'] }).hash).not.toBe(plan.hash);
  });

  it('--only-missing keeps cells never materialised; --only-failed those whose latest attempt failed or was skipped; waivers drop cells', () => {
    const materializations: PartitionMaterialization[] = [
      { asset_key: 'candles_daily', partition_key: '2026-11-24', status: 'success', succeeded: true },
      { asset_key: 'candles_daily', partition_key: '2026-11-25', status: 'failed', succeeded: false },
      { asset_key: 'candles_daily', partition_key: '2026-11-27', status: 'failed', succeeded: true },
      { asset_key: 'option_bars', partition_key: '2026-11-25', status: 'skipped', succeeded: false },
    ];
    const input = { ...base, assets: ['candles_daily', 'option_bars'], materializations };
    const missing = planRangeBackfill({ ...input, mode: 'only-missing' });
    expect(missing.partitions).toEqual([
      { partition_key: '2026-11-24', assets: ['option_bars'] },
      { partition_key: '2026-11-25', assets: ['candles_daily', 'option_bars'] },
      { partition_key: '2026-11-27', assets: ['option_bars'] },
    ]);
    const failed = planRangeBackfill({ ...input, mode: 'only-failed', waivers: [{ asset_key: 'option_bars', partition_key: '2026-11-25' }] });
    expect(failed.partitions).toEqual([
      { partition_key: '2026-11-25', assets: ['candles_daily'] },
      { partition_key: '2026-11-27', assets: ['candles_daily'] },
    ]);
    expect(failed.waived).toEqual([{ asset_key: 'option_bars', partition_key: '2026-11-25' }]);
  });

  it('plans are subsets of the range, and bad requests name the field', () => {
    const plan = planRangeBackfill({ ...base, from: '2026-11-01', to: '2026-11-30', mode: 'only-missing' });
    const sessions = new Set(nyseCalendar.sessionsBetween('2026-10-31', '2026-11-30'));
    expect(plan.partitions.every((p) => sessions.has(p.partition_key))).toBe(true);
    expect(plan.partitions).toHaveLength(20);
    expect(() => planRangeBackfill({ ...base, from: '2026-11-30', to: '2026-11-01' })).toThrow('to: must not be before from');
    expect(() => planRangeBackfill({ ...base, assets: ['candles'] })).toThrow('assets: "candles" is not an asset of the daily graph');
    expect(() => planRangeBackfill({ ...base, from: 'soon' })).toThrow('from: must be YYYY-MM-DD');
  });
});
