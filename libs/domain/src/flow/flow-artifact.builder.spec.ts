import type { FlowNetRow } from './flow.types';
import { buildFlowArtifact } from './flow-artifact.builder';
import { flowWindowDates } from './flow-window.selector';
import { FLOW_GROUP_BYS, isFlowGroupBy } from './flow.types';

const NET: FlowNetRow = {
  contract_symbol: null,
  expiry: '2026-06-19',
  option_type: 'call',
  strike: 600,
  delta_oi: 20,
  delta_oi_notional: 2200,
  volume_notional: 4400,
  delta_notional: 600_000,
  n_pairs: 2,
};

describe('buildFlowArtifact', () => {
  it('has exactly the §4.5 keys, with as_of = to_date = last date and from_date = first', () => {
    const artifact = buildFlowArtifact({
      symbol: 'SPY',
      snapshotDates: ['2026-05-14', '2026-05-15', '2026-05-18'],
      window: 2,
      groupBy: 'expiry-strike',
      net: [{ ...NET, extra: 'leak' } as FlowNetRow],
      generatedAt: new Date(Date.UTC(2026, 4, 18, 21, 5, 0)),
    });
    expect(artifact).toEqual({
      schema_version: 1,
      generated_at: '2026-05-18T21:05:00.000Z',
      as_of: '2026-05-18',
      symbol: 'SPY',
      from_date: '2026-05-14',
      to_date: '2026-05-18',
      window: 2,
      group_by: 'expiry-strike',
      snapshot_dates: ['2026-05-14', '2026-05-15', '2026-05-18'],
      net: [NET],
    });
    expect(Object.keys(artifact).sort()).toEqual(
      ['as_of', 'from_date', 'generated_at', 'group_by', 'net', 'schema_version', 'snapshot_dates', 'symbol', 'to_date', 'window'].sort(),
    );
    expect(Object.keys(artifact.net[0]).sort()).toEqual(Object.keys(NET).sort());
  });

  it('rejects a date count other than window + 1, bad dates and bad windows', () => {
    const input = { symbol: 'SPY', groupBy: 'contract' as const, net: [], generatedAt: '2026-05-18T21:05:00Z' };
    expect(() => buildFlowArtifact({ ...input, snapshotDates: ['2026-05-15'], window: 1 })).toThrow(RangeError);
    expect(() => buildFlowArtifact({ ...input, snapshotDates: ['2026-05-15', '2026-02-30'], window: 1 })).toThrow(TypeError);
    expect(() => buildFlowArtifact({ ...input, snapshotDates: ['2026-05-15'], window: 0 })).toThrow(RangeError);
  });
});

describe('flowWindowDates', () => {
  const DATES = ['2026-05-12', '2026-05-13', '2026-05-14', '2026-05-15', '2026-05-18'];

  it('takes the newest N+1 dates, oldest first', () => {
    expect(flowWindowDates(DATES, 'latest', 1)).toEqual(['2026-05-15', '2026-05-18']);
    expect(flowWindowDates(DATES, 'latest', 4)).toEqual(DATES);
  });

  it('bounds by as-of inclusively, also when as-of is not a snapshot date', () => {
    expect(flowWindowDates(DATES, '2026-05-14', 2)).toEqual(['2026-05-12', '2026-05-13', '2026-05-14']);
    expect(flowWindowDates(DATES, '2026-05-17', 1)).toEqual(['2026-05-14', '2026-05-15']); // weekend as-of
  });

  it('returns null when fewer than N+1 dates qualify', () => {
    expect(flowWindowDates(DATES, 'latest', 5)).toBeNull(); // 5 dates < 6
    expect(flowWindowDates(DATES, '2026-05-12', 1)).toBeNull(); // 1 date < 2
    expect(flowWindowDates([], 'latest', 1)).toBeNull();
  });

  it('tolerates unsorted and duplicated input', () => {
    expect(flowWindowDates(['2026-05-18', '2026-05-15', '2026-05-18'], 'latest', 1)).toEqual(['2026-05-15', '2026-05-18']);
    expect(flowWindowDates(['2026-05-18', '2026-05-18'], 'latest', 1)).toBeNull();
  });

  it('rejects invalid dates and windows', () => {
    expect(() => flowWindowDates(DATES, '2026-13-01', 1)).toThrow(TypeError);
    expect(() => flowWindowDates(['x'], 'latest', 1)).toThrow(TypeError);
    expect(() => flowWindowDates(DATES, 'latest', 1.5)).toThrow(RangeError);
  });
});

describe('isFlowGroupBy', () => {
  it('accepts exactly the four group-bys', () => {
    expect(FLOW_GROUP_BYS).toEqual(['contract', 'strike', 'expiry', 'expiry-strike']);
    expect(FLOW_GROUP_BYS.every(isFlowGroupBy)).toBe(true);
    expect(['Contract', 'expiry_strike', '', null, 1].some(isFlowGroupBy)).toBe(false);
  });
});
