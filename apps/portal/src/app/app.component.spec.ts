import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { AppComponent } from './app.component';

describe('portal shell', () => {
  it('shows the disclaimer, links to every page and the database path from the ledger', async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(AppComponent);
    TestBed.tick();
    await new Promise((r) => setTimeout(r, 0));
    http.expectOne('/api/v1/portal/meta').flush({ database_path: '/srv/data/warehouse/options.duckdb' });
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;

    expect(el.querySelector('[data-testid=disclaimer]')?.textContent).toBe('Not financial advice. For informational/educational use only.');
    expect([...el.querySelectorAll('nav a')].map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['Health', '/health'],
      ['Runs', '/runs'],
      ['Portfolio', '/portfolio'],
      ['Symbol Explorer', '/symbols'],
      ['Flow', '/flow'],
      ['Derived History', '/derived'],
      ['Data Explorer', '/data'],
      ['Coverage', '/coverage'],
    ]);
    expect(el.querySelector('[data-testid=database-path]')?.textContent).toBe('/srv/data/warehouse/options.duckdb');
    http.verify();
  });

  it('says how to start the ledger when it does not answer', async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(AppComponent);
    TestBed.tick();
    await new Promise((r) => setTimeout(r, 0));
    http.expectOne('/api/v1/portal/meta').error(new ProgressEvent('error'), { status: 0 });
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).querySelector('footer')?.textContent).toContain('options-helper ui');
  });
});
