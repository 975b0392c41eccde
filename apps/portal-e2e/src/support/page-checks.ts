import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; html: string }[];
}

/** axe-core (the installed package) injected into the page; returns the serious and critical violations. */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  // Runs in the page (a string, so this node-side file needs no DOM types).
  const violations = (await page.evaluate(`(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target, html: n.html.slice(0, 200) })) }));
  })()`)) as AxeViolation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export interface ConsoleError {
  page: string;
  text: string;
  /** The resource a network error is about (Chromium logs a failed request as a console error). */
  resource: string;
}

export interface PageWatch {
  consoleErrors: ConsoleError[];
  requests: { method: string; url: string }[];
}

/** Records console errors, uncaught page errors and every request the pages of a browser context make. */
export function watchContext(context: BrowserContext): PageWatch {
  const watch: PageWatch = { consoleErrors: [], requests: [] };
  const attach = (page: Page) => {
    page.on('console', (msg) => {
      if (msg.type() === 'error') watch.consoleErrors.push({ page: page.url(), text: msg.text(), resource: msg.location().url ?? '' });
    });
    page.on('pageerror', (err) => watch.consoleErrors.push({ page: page.url(), text: `uncaught ${err.message}`, resource: '' }));
    page.on('request', (req) => watch.requests.push({ method: req.method(), url: req.url() }));
  };
  context.pages().forEach(attach);
  context.on('page', attach);
  return watch;
}

export function screenshotDir(repoRoot: string): string {
  const dir = path.join(repoRoot, 'test-output/portal-screenshots');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
