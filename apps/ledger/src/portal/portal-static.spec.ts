import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '@options-helper/ledger/testing';
import { InProcessLedger, startInProcessLedger } from '../testing/ledger-server';

// The ledger serves the built portal at `/` with an SPA fallback; API, probe and metrics paths stay server paths.

describe('serving the built portal', () => {
  const dir = tempDir('oh-portal-dist-');
  const portalDir = path.join(dir, 'browser');
  let server: InProcessLedger;
  beforeAll(async () => {
    fs.mkdirSync(portalDir, { recursive: true });
    fs.writeFileSync(path.join(portalDir, 'index.html'), '<!doctype html><title>portal</title><app-root></app-root>');
    fs.writeFileSync(path.join(portalDir, 'main-ABC.js'), 'console.log("portal")');
    server = await startInProcessLedger({ token: 'write-secret', portal: { portalDir } });
  });
  afterAll(async () => {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const fetchText = async (p: string) => {
    const res = await fetch(`${server.url}${p}`);
    return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
  };

  it('serves index.html at / and for client-side routes, and the built assets as files', async () => {
    for (const p of ['/', '/health', '/health?days=14', '/runs', '/runs/abc?status=failed', '/symbol-explorer/deep/link']) {
      const res = await fetchText(p);
      expect([p, res.status, res.type.startsWith('text/html'), res.text]).toEqual([p, 200, true, expect.stringContaining('<app-root>')]);
    }
    const js = await fetchText('/main-ABC.js');
    expect(js).toMatchObject({ status: 200, text: 'console.log("portal")' });
    expect(js.type).toMatch(/javascript/);
  });

  it('leaves /api, /health and /metrics to the server (JSON 404s, probes, metrics text)', async () => {
    const api = await fetchText('/api/v1/nope');
    expect(api.status).toBe(404);
    expect(api.type).toMatch(/json/);
    expect((await fetchText('/api/v1/portal/meta')).type).toMatch(/json/);
    expect((await fetchText('/health/ready')).status).toBe(200);
    expect((await fetchText('/health/unknown')).status).toBe(404);
    expect((await fetchText('/metrics')).text).toMatch(/# HELP/);
  });

  it('lets the portal read without the write token: every GET and the read-only SQL box; writes still need it', async () => {
    expect((await fetch(`${server.url}/api/v1/portal/runs`)).status).toBe(200);
    const sql = await fetch(`${server.url}/api/v1/sql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sql: 'SELECT 42 AS answer' }) });
    expect(sql.status).toBe(200);
    expect(((await sql.json()) as { rows: unknown[] }).rows).toEqual([{ answer: 42 }]);
    const write = await fetch(`${server.url}/api/v1/runs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ job_name: 'x' }) });
    expect(write.status).toBe(401);
  });

  it('answers a page saying how to build the portal when the folder has no index.html', async () => {
    fs.rmSync(path.join(portalDir, 'index.html'));
    try {
      const res = await fetchText('/');
      expect(res.status).toBe(200);
      expect(res.text).toContain('npm run build:portal');
      expect(res.text).toContain(portalDir);
      expect((await fetchText('/api/v1/nope')).status).toBe(404);
    } finally {
      fs.writeFileSync(path.join(portalDir, 'index.html'), '<!doctype html><title>portal</title><app-root></app-root>');
    }
    expect((await fetchText('/')).text).toContain('<app-root>');
  });
});
