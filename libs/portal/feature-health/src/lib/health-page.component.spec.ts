import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { gapPlanFixture, healthSnapshotFixture } from '@options-helper/portal/data-access/testing';
import { HealthPageComponent } from './health-page.component';

/** Runs effects (resources start their loaders) without waiting for the HTTP calls the test answers itself. */
async function kick(): Promise<void> {
  for (let i = 0; i < 3; i += 1) {
    TestBed.tick();
    await new Promise((r) => setTimeout(r, 0));
  }
}

describe('Health page', () => {
  let http: HttpTestingController;

  async function open(url: string) {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([{ path: 'health', component: HealthPageComponent }])],
    });
    http = TestBed.inject(HttpTestingController);
    await TestBed.inject(Router).navigateByUrl(url);
    const fixture = TestBed.createComponent(HealthPageComponent);
    await kick();
    return fixture;
  }

  afterEach(() => http.verify());

  it('asks for the filters in the URL and shows KPIs, the tables and each plan step with a copyable command', async () => {
    const fixture = await open('/health?days=7&stale_days=1&limit=54');
    const snapshot = http.expectOne((r) => r.url === '/api/v1/health/snapshot');
    // limit 54 snaps to the 10-step grid: 10 + round(44 / 10) × 10 = 50.
    expect(snapshot.request.params.toString()).toBe('days=7&stale_days=1&limit=50');
    snapshot.flush(healthSnapshotFixture());
    await kick();
    const plan = http.expectOne((r) => r.url === '/api/v1/backfill/plan');
    expect(plan.request.params.toString()).toBe('stale_days=1&days=7');
    plan.flush(
      gapPlanFixture([
        { step: 1, priority: 10, asset_key: 'candles_daily', scope_key: 'SPY', reason: 'upstream for: derived_daily', command: 'options-helper ingest candles --symbol SPY' },
        { step: 2, priority: 50, asset_key: 'derived_daily', scope_key: 'SPY', reason: 'watermark stale (8d >= 1d)', command: 'options-helper derived update --symbol SPY --as-of latest' },
      ]),
    );
    http.expectOne('/api/v1/portal/meta').flush({ bootstrap_commands: ['options-helper db init'] });
    await kick();
    await fixture.whenStable();

    const el = fixture.nativeElement as HTMLElement;
    const kpis = [...el.querySelectorAll('oh-kpi')].map((k) => `${k.querySelector('.oh-kpi-label')?.textContent} ${k.querySelector('.oh-kpi-value')?.textContent}`);
    expect(kpis).toEqual(['Tracked Jobs 2', 'Latest Job Failures 1', 'Stale Watermarks (>= 1 d) 1', 'Recent Failed Checks 0']);
    expect([...el.querySelectorAll('caption')].map((c) => c.textContent)).toEqual([
      'Latest Runs',
      'Recurring Failures (Stack Hash)',
      'Watermark Freshness (days and sessions)',
      'Recent Failed Checks',
      'Backfill plan',
    ]);
    const steps = [...el.querySelectorAll('.oh-plan-steps li')];
    expect(steps.map((s) => s.querySelector('.oh-plan-step-title')?.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'Step 1: candles_daily (SPY)',
      'Step 2: derived_daily (SPY)',
    ]);
    expect(steps[1].querySelector('oh-command code')?.textContent).toBe('options-helper derived update --symbol SPY --as-of latest');
    expect(steps[1].querySelector('oh-copy-button button')).not.toBeNull();
    expect((el.querySelector('input[name=limit]') as HTMLInputElement).value).toBe('50');
  });

  it('says when the planner has nothing to suggest, and shows the guidance with bootstrap commands', async () => {
    const fixture = await open('/health');
    http.expectOne((r) => r.url === '/api/v1/health/snapshot' && r.params.get('days') === '30' && r.params.get('limit') === '200').flush(
      healthSnapshotFixture({ guidance: 'Observability tables are missing (meta.ingestion_runs).', latest_runs: [], watermarks: [], recurring_failures: [] }),
    );
    await kick();
    http.expectOne((r) => r.url === '/api/v1/backfill/plan').flush(gapPlanFixture([]));
    http.expectOne('/api/v1/portal/meta').flush({ bootstrap_commands: ['options-helper db init', 'options-helper ingest candles --watchlist positions --watchlist monitor'] });
    await kick();
    await fixture.whenStable();
    const text = (fixture.nativeElement as HTMLElement).textContent ?? '';
    expect(text).toContain('No immediate backfill actions suggested from current health signals.');
    expect(text).toContain('Observability tables are missing');
    expect(text).toContain('options-helper ingest candles --watchlist positions --watchlist monitor');
    expect(text).toContain('No run history available.');
  });
});
