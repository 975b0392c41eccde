import { InProcessLedger, startInProcessLedger } from './testing/ledger-server';

describe('ledger REST API', () => {
  let server: InProcessLedger;
  const token = 's3cret-token';
  beforeAll(async () => {
    server = await startInProcessLedger({ token });
  });
  afterAll(() => server.stop());

  const post = (path: string, body: unknown, auth = true) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });

  it('requires the bearer token on every write endpoint when one is set', async () => {
    const writes: [string, unknown][] = [
      ['/api/v1/runs', { job_name: 'x' }],
      ['/api/v1/runs/r/finalize', { status: 'success' }],
      ['/api/v1/events', { events: [] }],
      ['/api/v1/watermarks', { watermarks: [] }],
      ['/api/v1/checks', { checks: [] }],
      ['/api/v1/tables/candles_daily/rows', { rows: [] }],
      ['/api/v1/migrations', {}],
    ];
    for (const [path, body] of writes) {
      const res = await post(path, body, false);
      expect([path, res.status]).toEqual([path, 401]);
    }
    const wrong = await fetch(`${server.url}/api/v1/runs`, { method: 'POST', headers: { authorization: 'Bearer nope', 'content-type': 'application/json' }, body: '{"job_name":"x"}' });
    expect(wrong.status).toBe(401);
    expect((await server.ledger.listRuns({})).total).toBe(0);
    // Reads stay open.
    expect((await fetch(`${server.url}/api/v1/health`)).status).toBe(200);
  });

  it('answers a malformed body with 400 naming the field and the reason', async () => {
    const cases: [string, unknown, RegExp][] = [
      ['/api/v1/runs', {}, /job_name should not be empty|job_name must be a string/],
      ['/api/v1/runs', { job_name: 'x', triggered_by: 'cron' }, /triggered_by must be one of the following values/],
      ['/api/v1/runs', { job_name: 'x', started_at: 'yesterday' }, /started_at must be a valid ISO 8601 date string/],
      ['/api/v1/runs', { job_name: 'x', surprise: 1 }, /property surprise should not exist/],
      ['/api/v1/events', { events: [{ run_id: 'r', asset_key: 'a', asset_kind: 'disk' }] }, /events\[0\]\.asset_kind: must be one of table, file, view; got "disk"/],
      ['/api/v1/events', { events: [{ run_id: 'r', asset_key: 'a', asset_kind: 'table', rows_inserted: -1 }] }, /events\[0\]\.rows_inserted: must be a non-negative integer/],
      ['/api/v1/checks', { checks: [{ asset_key: 'a', check_name: 'c', severity: 'fatal', status: 'fail' }] }, /checks\[0\]\.severity: must be one of error, warn/],
      ['/api/v1/runs/abc/finalize', { status: 'failed' }, /error is required when status is failed/],
      ['/api/v1/events', { events: [{ run_id: 'r', asset_key: 'a', asset_kind: 'table', rowz: 1 }] }, /events\[0\]\.rowz: is not a known field/],
      ['/api/v1/events', { events: [{ asset_key: 'a', asset_kind: 'table' }] }, /events\[0\]\.run_id: is required/],
      ['/api/v1/events', { events: ['not an object'] }, /events\[0\]: must be an object/],
      ['/api/v1/events', {}, /events: must be an array/],
      ['/api/v1/events', { events: [] }, /events: must contain at least 1 item/],
      ['/api/v1/events', { events: [{}], more: 1 }, /more: is not a known field/],
      ['/api/v1/watermarks', { watermarks: [{ scope_key: 'SPY', watermark_ts: '2026-11-25' }] }, /watermarks\[0\]\.asset_key: is required/],
      ['/api/v1/checks', { checks: [{ asset_key: 'a', check_name: 'c', severity: 'warn', status: 'fail', checked_at: 'noon' }] }, /checks\[0\]\.checked_at: must be an ISO-8601/],
      ['/api/v1/tables/candles_daily/rows', { rows: [{ symbol: 'SPY', interval: '1d', auto_adjust: true, back_adjust: false, ts: '2026-11-25', close: 'x' }] }, /rows\[0\]\.close: must be a finite number/],
      ['/api/v1/tables/secrets/rows', { rows: [{}] }, /table: must be one of candles_daily/],
      ['/api/v1/events', { events: [{ run_id: 'no-such-run', asset_key: 'a', asset_kind: 'table' }] }, /start_run must be called before writing/],
    ];
    for (const [path, body, pattern] of cases) {
      const res = await post(path, body);
      const answer = (await res.json()) as { message: string | string[] };
      const text = Array.isArray(answer.message) ? answer.message.join('; ') : answer.message;
      expect([path, res.status]).toEqual([path, 400]);
      expect(text).toMatch(pattern);
    }
    const badJson = await fetch(`${server.url}/api/v1/runs`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: '{"job_name":' });
    expect(badJson.status).toBe(400);
    const badQuery = await fetch(`${server.url}/api/v1/health?days=-3`);
    expect(badQuery.status).toBe(400);
    expect(await badQuery.text()).toMatch(/days must not be less than 0/);
  });

  it('returns 404 for an unknown run and 201 for a started one', async () => {
    expect((await fetch(`${server.url}/api/v1/runs/missing`)).status).toBe(404);
    expect((await post('/api/v1/runs/missing/finalize', { status: 'success' })).status).toBe(404);
    const created = await post('/api/v1/runs', { job_name: 'ingest_candles', run_id: 'api-run' });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ run_id: 'api-run', status: 'started' });
  });

  it('serves probes, Swagger UI and Prometheus metrics', async () => {
    expect(await (await fetch(`${server.url}/health/live`)).json()).toMatchObject({ status: 'ok' });
    expect(await (await fetch(`${server.url}/health/ready`)).json()).toMatchObject({ status: 'ok', info: { duckdb: { status: 'up' } } });
    const docs = await fetch(`${server.url}/api/docs`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toMatch(/swagger/i);
    const spec = (await (await fetch(`${server.url}/api/docs-json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/v1/runs', '/api/v1/events', '/api/v1/health', '/api/v1/tables/{table}/rows']));
    const metrics = await fetch(`${server.url}/metrics`);
    expect(metrics.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await metrics.text();
    expect(text).toMatch(/^process_cpu_user_seconds_total\{service="ledger"\} /m);
    expect(text).toMatch(/^options_helper_build_info\{.*service="ledger".*\} 1$/m);
    expect(text).toMatch(/options_helper_http_request_duration_seconds_bucket\{.*route="\/api\/v1\/runs"/);
  });
});

describe('read-only SQL endpoint', () => {
  let server: InProcessLedger;
  beforeAll(async () => {
    server = await startInProcessLedger({ token: 'tok' });
    await server.ledger.startRun({ jobName: 'ingest_candles', runId: 'sql-run' });
  });
  afterAll(() => server.stop());

  const sql = (body: unknown) => fetch(`${server.url}/api/v1/sql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('answers a read without a token, with parameters and a row cap', async () => {
    const res = await sql({ sql: 'SELECT run_id, job_name FROM meta.ingestion_runs WHERE job_name = $1', params: ['ingest_candles'] });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ columns: [{ name: 'run_id' }, { name: 'job_name' }], rows: [{ run_id: 'sql-run', job_name: 'ingest_candles' }], row_count: 1, truncated: false });
    const capped = await (await sql({ sql: 'SELECT * FROM range(100)', max_rows: 10 })).json();
    expect(capped).toMatchObject({ row_count: 10, truncated: true });
  });

  it('refuses writes and escapes with the reason and SQLSTATE, and nothing changes or appears on disk', async () => {
    const fs = await import('node:fs');
    const target = `${server.dir}/escape.csv`;
    const probes: [string, string][] = [
      [`DELETE FROM meta.ingestion_runs`, '25006'],
      [`COPY meta.ingestion_runs TO '${target}'`, '25006'],
      [`ATTACH '${server.dir}/other.duckdb' AS other`, '25006'],
      [`SELECT * FROM read_csv('/etc/passwd')`, '42501'],
      [`SELECT * FROM '${target}'`, '42501'],
      [`SELECT 1; DROP TABLE meta.ingestion_runs`, '42601'],
      [`SET enable_external_access = true`, '25006'],
      [`INSTALL httpfs`, '25006'],
    ];
    for (const [statement, sqlstate] of probes) {
      const res = await sql({ sql: statement });
      const body = (await res.json()) as { sqlstate: string; message: string };
      expect([statement, res.status, body.sqlstate]).toEqual([statement, 400, sqlstate]);
      expect(body.message).toMatch(/read-only executor refused|refused/);
    }
    expect(fs.existsSync(target)).toBe(false);
    expect(fs.existsSync(`${server.dir}/other.duckdb`)).toBe(false);
    expect((await server.ledger.listRuns({})).total).toBe(1);
  });
});

describe('ledger metrics from meta.*', () => {
  let server: InProcessLedger;
  beforeAll(async () => {
    server = await startInProcessLedger();
  });
  afterAll(() => server.stop());

  const scrape = async () => (await fetch(`${server.url}/metrics`)).text();
  const value = (text: string, pattern: RegExp) => {
    const line = text.split('\n').find((l) => pattern.test(l));
    return line === undefined ? undefined : Number(line.split(' ').at(-1));
  };

  it('reflects runs, watermarks and checks on the next scrape, with bounded labels only', async () => {
    const ok = await server.ledger.startRun({ jobName: 'ingest_candles', runId: 'm-ok' });
    await server.ledger.finalizeSuccess({ runId: ok.run_id });
    let text = await scrape();
    expect(value(text, /^options_helper_job_last_run_status\{[^}]*job="ingest_candles"[^}]*status="success"/)).toBe(1);
    expect(value(text, /^options_helper_ledger_job_runs\{[^}]*job="ingest_candles"[^}]*status="success"/)).toBe(1);
    expect(value(text, /^options_helper_job_last_success_timestamp_seconds\{[^}]*job="ingest_candles"/)).toBeGreaterThan(1.7e9);

    const bad = await server.ledger.startRun({ jobName: 'ingest_candles', runId: 'm-bad' });
    await server.ledger.finalizeFailure({ runId: bad.run_id, error: { type: 'ProviderError', message: 'down' } });
    await server.ledger.upsertWatermark({ assetKey: 'candles_daily', watermarkTs: '2026-01-02' });
    await server.ledger.persistCheck({ assetKey: 'candles_daily', checkName: 'candles_no_negative_prices', severity: 'error', status: 'fail', partitionKey: 'SPY' });
    text = await scrape();
    expect(value(text, /^options_helper_job_last_run_status\{[^}]*job="ingest_candles"[^}]*status="failed"/)).toBe(1);
    expect(value(text, /^options_helper_job_last_run_status\{[^}]*job="ingest_candles"[^}]*status="success"/)).toBe(0);
    expect(value(text, /^options_helper_ledger_job_runs\{[^}]*job="ingest_candles"[^}]*status="failed"/)).toBe(1);
    expect(value(text, /^options_helper_stale_assets\{/)).toBe(1);
    expect(value(text, /^options_helper_asset_staleness_sessions\{[^}]*asset="candles_daily"/)).toBeGreaterThan(100);
    expect(value(text, /^options_helper_checks_failing\{[^}]*check="candles_no_negative_prices"/)).toBe(1);
    // No run id, symbol, partition or date ever becomes a label.
    expect(text).not.toMatch(/m-bad|m-ok|SPY|2026-01-02/);
  });

  it('shows the write side: the WAL a write leaves, then the idle checkpoint that clears it', async () => {
    await server.ledger.upsertWatermark({ assetKey: 'candles_daily', watermarkTs: '2026-01-05' });
    const before = await scrape();
    const counted = value(before, /^options_helper_ledger_checkpoints_total\{/) ?? -1;
    expect(counted).toBeGreaterThanOrEqual(0);
    expect(value(before, /^options_helper_ledger_write_queue_depth\{/)).toBe(0);
    expect(value(before, /^options_helper_ledger_wal_bytes\{/)).toBeGreaterThan(0);
    // The ledger checkpoints after a second of quiet (bounded wait).
    let text = before;
    for (let i = 0; i < 50 && (value(text, /^options_helper_ledger_checkpoints_total\{/) ?? 0) <= counted; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      text = await scrape();
    }
    expect(value(text, /^options_helper_ledger_checkpoints_total\{/)).toBeGreaterThan(counted);
    expect(value(text, /^options_helper_ledger_checkpoint_seconds_total\{/)).toBeGreaterThan(0);
    expect(value(text, /^options_helper_ledger_wal_bytes\{/)).toBe(0);
    expect(value(text, /^options_helper_ledger_checkpoint_failing\{/)).toBe(0);
  });
});
