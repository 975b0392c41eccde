import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ApiError } from './api-error';
import { PortalApi } from './portal-api.service';
import { healthSnapshotFixture } from '../testing';

describe('PortalApi (typed ledger read client)', () => {
  let api: PortalApi;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    api = TestBed.inject(PortalApi);
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => http.verify());

  it('GETs the health snapshot with the page filters as query parameters', async () => {
    const answer = api.healthSnapshot({ days: 7, stale_days: 1, limit: 50 });
    const req = http.expectOne((r) => r.url === '/api/v1/health/snapshot');
    expect(req.request.method).toBe('GET');
    expect(req.request.params.toString()).toBe('days=7&stale_days=1&limit=50');
    req.flush(healthSnapshotFixture());
    expect((await answer).watermarks).toHaveLength(2);
  });

  it('leaves empty filters out of the runs query and encodes path segments', async () => {
    const page = api.runs({ job: 'ingest_candles', status: null, text: '', limit: 25, offset: 50 });
    const req = http.expectOne((r) => r.url === '/api/v1/portal/runs');
    expect(req.request.params.toString()).toBe('job=ingest_candles&limit=25&offset=50');
    req.flush({ items: [], total: 0, limit: 25, offset: 50, next_cursor: null });
    await page;

    const detail = api.run('a/b c');
    http.expectOne('/api/v1/portal/runs/a%2Fb%20c').flush({});
    await detail;
    const table = api.preview('main', 'odd "name"', 20);
    http.expectOne((r) => r.url === '/api/v1/portal/data/schemas/main/tables/odd%20%22name%22/preview' && r.params.get('limit') === '20').flush({});
    await table;
  });

  it('runs SQL with POST /api/v1/sql (the only non-GET call) and surfaces a refusal with its reason', async () => {
    const refused = api.sql('DELETE FROM meta.ingestion_runs');
    const req = http.expectOne('/api/v1/sql');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ sql: 'DELETE FROM meta.ingestion_runs', max_rows: 500 });
    req.flush({ statusCode: 400, error: 'Bad Request', message: 'only SELECT statements are allowed', reason: 'not_select', sqlstate: '42501' }, { status: 400, statusText: 'Bad Request' });
    const err = await refused.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 400, message: 'only SELECT statements are allowed', reason: 'not_select' });
  });

  it('maps portfolio validation issues and an unreachable ledger', async () => {
    const invalid = api.portfolio({ portfolio_path: 'p.json' });
    http.expectOne((r) => r.url === '/api/v1/portal/portfolio').flush(
      { statusCode: 422, message: 'portfolio is invalid', reason: 'portfolio_invalid', issues: [{ path: '$.positions[0].strike', reason: 'must be > 0' }] },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    expect(await invalid.catch((e: unknown) => e)).toMatchObject({ reason: 'portfolio_invalid', issues: [{ path: '$.positions[0].strike', reason: 'must be > 0' }] });

    const down = api.meta();
    http.expectOne('/api/v1/portal/meta').error(new ProgressEvent('error'), { status: 0 });
    const err = (await down.catch((e: unknown) => e)) as ApiError;
    expect(err.unreachable).toBe(true);
    expect(err.message).toContain('options-helper ui');
  });
});
