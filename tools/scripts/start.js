#!/usr/bin/env node
// `npm start`: runs the stack as local processes with prefixed logs, waits until each is ready, prints the
// URLs, and stops everything on Ctrl-C. Today the stack is the ledger, checks and ingest services; compute and
// the orchestrator join this list as they land.
'use strict';
const { spawn } = require('node:child_process');
const path = require('node:path');
const readline = require('node:readline');

const root = path.resolve(__dirname, '../..');
const host = process.env.OPTIONS_HELPER_LEDGER_HOST || '127.0.0.1';
const ledgerPort = process.env.OPTIONS_HELPER_LEDGER_PORT || '7410';
const checksHost = process.env.OPTIONS_HELPER_CHECKS_HOST || '127.0.0.1';
const checksPort = process.env.OPTIONS_HELPER_CHECKS_PORT || '7413';
process.env.OPTIONS_HELPER_CHECKS_URL = process.env.OPTIONS_HELPER_CHECKS_URL || `http://${checksHost}:${checksPort}`;
const ingestHost = process.env.OPTIONS_HELPER_INGEST_HOST || '127.0.0.1';
const ingestPort = process.env.OPTIONS_HELPER_INGEST_PORT || '7411';
// Services reach the ledger this stack starts.
process.env.OPTIONS_HELPER_LEDGER_URL = process.env.OPTIONS_HELPER_LEDGER_URL || `http://${host}:${ledgerPort}`;

const services = [
  {
    name: 'ledger',
    entry: 'apps/ledger/src/main.ts',
    readyUrl: `http://${host}:${ledgerPort}/health/ready`,
    urls: {
      api: `http://${host}:${ledgerPort}/api/v1`,
      swagger: `http://${host}:${ledgerPort}/api/docs`,
      metrics: `http://${host}:${ledgerPort}/metrics`,
    },
  },
  {
    name: 'checks',
    entry: 'apps/checks/src/main.ts',
    readyUrl: `http://${checksHost}:${checksPort}/health/ready`,
    urls: { api: `http://${checksHost}:${checksPort}/api/v1/checks/runs`, swagger: `http://${checksHost}:${checksPort}/api/docs` },
  },
  {
    name: 'ingest',
    entry: 'apps/ingest/src/main.ts',
    readyUrl: `http://${ingestHost}:${ingestPort}/health/ready`,
    urls: {
      jobs: `http://${ingestHost}:${ingestPort}/api/v1/jobs`,
      swagger: `http://${ingestHost}:${ingestPort}/api/docs`,
    },
  },
];

const LEVELS = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

function pretty(name, line) {
  let text = line;
  try {
    const entry = JSON.parse(line);
    const { level, time, msg, service, context, pid, hostname, ...rest } = entry;
    const extra = Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : '';
    text = `${LEVELS[level] || level} ${context ? `[${context}] ` : ''}${msg ?? ''}${extra}`;
  } catch {
    // not a JSON log line: print as is
  }
  return `[${name.padEnd(7)}] ${text}`;
}

const children = [];
let stopping = false;

function start(service) {
  const child = spawn(process.execPath, [path.join(root, 'bin/run-ts.js'), path.join(root, service.entry)], {
    cwd: root,
    env: process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    readline.createInterface({ input: stream }).on('line', (line) => process.stdout.write(`${pretty(service.name, line)}\n`));
  }
  child.on('exit', (code, signal) => {
    if (!stopping) {
      process.stderr.write(`[${service.name}] exited (${signal || code}); stopping the stack\n`);
      stop(1);
    }
  });
  children.push(child);
  return child;
}

async function waitReady(service, child, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const res = await fetch(service.readyUrl, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return true;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

function stop(code) {
  if (stopping) return;
  stopping = true;
  process.stdout.write('Stopping…\n');
  let alive = children.filter((c) => c.exitCode === null && c.signalCode === null);
  if (alive.length === 0) process.exit(code);
  for (const child of alive) {
    child.once('exit', () => {
      alive = alive.filter((c) => c !== child);
      if (alive.length === 0) process.exit(code);
    });
    child.kill('SIGTERM');
  }
  setTimeout(() => {
    for (const child of alive) child.kill('SIGKILL');
    process.exit(code);
  }, 10_000).unref();
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

(async () => {
  process.stdout.write('options-helper — Not financial advice. For informational/educational use only.\n');
  for (const service of services) {
    const child = start(service);
    if (!(await waitReady(service, child))) {
      process.stderr.write(`${service.name} did not become ready\n`);
      return stop(1);
    }
  }
  process.stdout.write('\nReady:\n');
  for (const service of services) {
    for (const [label, url] of Object.entries(service.urls)) process.stdout.write(`  ${service.name} ${label.padEnd(8)} ${url}\n`);
  }
  process.stdout.write('\nTry: npx options-helper db health\nCtrl-C stops everything.\n\n');
})();
