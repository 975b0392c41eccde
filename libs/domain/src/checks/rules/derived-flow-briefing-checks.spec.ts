import { briefingChecks, derivedChecks, flowChecks } from './derived-flow-briefing-checks';

describe('flow, derived and briefing checks (DOMAIN.md §8)', () => {
  const row = { symbol: 'SPY', from_date: '2026-11-24', to_date: '2026-11-25', window_size: 1, group_by: 'contract', row_key: 'k' };

  it('flow: no rows pass; a blank key fails with the count', () => {
    expect(flowChecks([])[0]).toMatchObject({ status: 'pass', metrics: { rows_checked: 0, null_pk_rows: 0 } });
    expect(flowChecks([row, { ...row, row_key: ' ' }, { ...row, window_size: null }])[0]).toMatchObject({ status: 'fail', metrics: { rows_checked: 3, null_pk_rows: 2 } });
  });

  it('derived: duplicated dates fail, no rows skip', () => {
    expect(derivedChecks('SPY', [])[0]).toMatchObject({ status: 'skip', metrics: { reason: 'no_rows' } });
    expect(derivedChecks('SPY', ['2026-11-24', '2026-11-25'])[0]?.status).toBe('pass');
    expect(derivedChecks('SPY', ['2026-11-25', '2026-11-24', '2026-11-25'])[0]).toMatchObject({ status: 'fail', metrics: { duplicate_rows: 2, duplicate_dates: ['2026-11-25'] } });
  });

  it('briefing: a missing or empty file fails', () => {
    expect(briefingChecks('2026-11-25', 'data/reports/daily/2026-11-25.md', 1200)[0]).toMatchObject({ status: 'pass', scope_key: '2026-11-25' });
    expect(briefingChecks('2026-11-25', 'x.md', 0)[0]).toMatchObject({ status: 'fail', message: 'x.md is empty.' });
    expect(briefingChecks('2026-11-25', 'x.md', null)[0]).toMatchObject({ status: 'fail', message: 'x.md is missing.' });
  });
});
