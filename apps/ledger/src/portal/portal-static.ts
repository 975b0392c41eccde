import * as fs from 'node:fs';
import * as path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';

/** Paths the SPA fallback never answers: the APIs, probes and metrics keep their own 404s. */
const SERVER_PREFIXES = ['/api', '/health', '/metrics'];

interface Req {
  method: string;
  path: string;
}
interface Res {
  status(code: number): Res;
  type(t: string): Res;
  setHeader(name: string, value: string): void;
  send(body: string): void;
  sendFile(file: string, cb: (err?: Error) => void): void;
}

export function isServerPath(urlPath: string): boolean {
  // `/health` itself is the portal's Health page (a shared link or a reload lands here); the probes live below it.
  if (urlPath === '/health') return false;
  return SERVER_PREFIXES.some((p) => urlPath === p || urlPath.startsWith(`${p}/`));
}

export function notBuiltPage(portalDir: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>options-helper portal</title></head>
<body style="font-family: sans-serif; max-width: 48rem; margin: 2rem auto">
<h1>options-helper portal is not built</h1>
<p>The ledger serves the portal from <code>${escapeHtml(portalDir)}</code>, which has no <code>index.html</code>.</p>
<p>Build it with <code>npm run build:portal</code> (or <code>npx nx build portal</code>) and reload this page, or point
<code>OPTIONS_HELPER_PORTAL_DIR</code> at a built portal. The read API is at <a href="/api/v1/portal/meta">/api/v1/portal/meta</a>
and documented at <a href="/api/docs">/api/docs</a>.</p>
<p>Not financial advice. For informational/educational use only.</p>
</body></html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Serves the built Angular portal at `/` with the SPA fallback to index.html for every GET outside /api, /health
 * and /metrics. The folder is looked at per request, so building the portal while the ledger runs just works.
 */
export function servePortal(app: NestExpressApplication, portalDir: string): void {
  const root = path.resolve(portalDir);
  app.useStaticAssets(root, { index: false, fallthrough: true, redirect: false });
  app.use((req: Req, res: Res, next: () => void) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isServerPath(req.path)) return next();
    const index = path.join(root, 'index.html');
    if (!fs.existsSync(index)) {
      res.status(200).type('html').send(notBuiltPage(root));
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index, (err) => {
      if (err) next();
    });
  });
}
