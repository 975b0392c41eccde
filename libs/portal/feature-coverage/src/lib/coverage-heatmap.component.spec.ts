import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { coverageFixture } from '@options-helper/portal/data-access/testing';
import { CoverageHeatmapComponent } from './coverage-heatmap.component';

describe('oh-coverage-heatmap', () => {
  it('draws one cell per asset and session; cells with a run link to it and every cell names its state', async () => {
    TestBed.configureTestingModule({ providers: [provideRouter([])] });
    const fixture = TestBed.createComponent(CoverageHeatmapComponent);
    fixture.componentRef.setInput('coverage', coverageFixture());
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;

    expect([...el.querySelectorAll('tbody th')].map((th) => th.textContent)).toEqual(['candles_daily', 'options_flow']);
    expect(el.querySelectorAll('thead th.session')).toHaveLength(3);
    const states = [...el.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('[data-state]')].map((c) => c.getAttribute('data-state')));
    expect(states).toEqual([
      ['missing', 'materialized', 'materialized'],
      ['waived', 'failed', 'missing'],
    ]);
    const links = [...el.querySelectorAll('a.cell')].map((a) => a.getAttribute('href'));
    expect(links).toEqual(['/runs/run-a', '/runs/run-b', '/runs/run-c']);
    expect(el.querySelector('a[href="/runs/run-c"]')?.getAttribute('aria-label')).toBe('options_flow 2026-11-24: failed — ProviderError: boom — open run run-c');
    expect(el.querySelector('span[data-state=waived]')?.getAttribute('aria-label')).toBe('options_flow 2026-11-21: waived — holiday data');
    expect(el.querySelector('.oh-legend')?.textContent).toContain('materialized (2)');
  });
});
