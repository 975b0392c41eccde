import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PartitionWaiver, RangePlan, RangePlanRequest } from '@options-helper/domain';
import type { BackfillDetail, BackfillRecord, Ledger } from '@options-helper/ledger';
import { openLedger } from '../cli-context';
import { UsageError } from '../exit-codes';
import type { GlobalOptions } from '../options';

/**
 * Where `backfill` reads and writes backfills and waivers: the ledger service's endpoints when the CLI talks HTTP,
 * else the DuckDB file itself (read-only for plan and status, so planning never creates or migrates anything).
 */
export interface BackfillSource {
  rangePlan(request: RangePlanRequest, partitionStart: string): Promise<RangePlan>;
  list(limit: number): Promise<BackfillRecord[]>;
  get(id: string): Promise<BackfillDetail>;
  waive(input: { asset_key: string; partition_key: string; reason: string }): Promise<PartitionWaiver>;
  close(): Promise<void>;
}

export async function openBackfillSource(opts: GlobalOptions): Promise<BackfillSource> {
  const port = await openLedger(opts);
  const mode = port.mode;
  const file = port.databasePath;
  await port.close();
  if (mode === 'http') {
    const { configuredLedgerUrl, DEFAULT_LEDGER_URL } = await import('@options-helper/domain');
    return httpSource(configuredLedgerUrl(process.env, opts.ledgerUrl) ?? DEFAULT_LEDGER_URL, process.env['OPTIONS_HELPER_LEDGER_TOKEN'] || null);
  }
  return embeddedSource(path.resolve(file ?? ''));
}

function httpSource(baseUrl: string, token: string | null): BackfillSource {
  const request = async <T>(method: string, p: string, body?: unknown): Promise<T> => {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token && method !== 'GET') headers['authorization'] = `Bearer ${token}`;
    const res = await fetch(`${baseUrl.replace(/\/+$/, '')}${p}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(60_000) });
    const parsed = (await res.json().catch(() => ({}))) as { message?: unknown };
    if (res.status === 400) throw new UsageError(String(Array.isArray(parsed.message) ? parsed.message.join('; ') : parsed.message));
    if (!res.ok) throw new Error(`ledger answered ${res.status}: ${String(parsed.message ?? '')}`);
    return parsed as T;
  };
  return {
    rangePlan: (r, partitionStart) => {
      const q = new URLSearchParams({ from: r.from, to: r.to, partition_start: partitionStart });
      if (r.assets?.length) q.set('assets', r.assets.join(','));
      if (r.mode) q.set('mode', r.mode);
      return request('GET', `/api/v1/backfill/range-plan?${q}`);
    },
    list: (limit) => request('GET', `/api/v1/backfills?limit=${limit}`),
    get: (id) => request('GET', `/api/v1/backfills/${encodeURIComponent(id)}`),
    waive: (input) => request('POST', '/api/v1/backfill/waivers', input),
    close: async () => undefined,
  };
}

function embeddedSource(file: string): BackfillSource {
  type LedgerModule = typeof import('@options-helper/ledger');
  let lib: LedgerModule | null = null;
  let reader: Ledger | null = null;
  const load = async () => (lib ??= await import('@options-helper/ledger'));
  const read = async () => {
    const l = await load();
    if (!fs.existsSync(file)) return null;
    reader ??= await l.Ledger.open({ path: file, readOnly: true });
    return { l, repo: new l.BackfillRepository(reader), ledger: reader };
  };
  const usage = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (err) {
      if (err instanceof Error && (err.name === 'LedgerValidationError' || err.name === 'RangePlanError')) throw new UsageError(err.message);
      throw err;
    }
  };
  return {
    rangePlan: (r, partitionStart) =>
      usage(async () => {
        const opened = await read();
        const domain = await import('@options-helper/domain');
        if (!opened) return domain.planRangeBackfill({ ...r, calendar: domain.nyseCalendar, materializations: [], waivers: [], partitionStart });
        return opened.l.planRangeFromLedger(opened.repo, opened.ledger.calendar, r, partitionStart);
      }),
    list: async (limit) => {
      const opened = await read();
      return opened ? opened.repo.list({ limit }) : [];
    },
    get: async (id) => {
      const opened = await read();
      if (!opened) throw new Error(`backfill ${id} does not exist (no database at ${file})`);
      return opened.repo.get(id);
    },
    waive: (input) =>
      usage(async () => {
        const l = await load();
        if (reader) {
          await reader.close();
          reader = null;
        }
        const writer = await l.Ledger.open({ path: file });
        try {
          return await new l.BackfillRepository(writer).waive(input);
        } finally {
          await writer.close();
        }
      }),
    close: async () => {
      await reader?.close();
      reader = null;
    },
  };
}

export async function withBackfillSource<T>(opts: GlobalOptions, work: (source: BackfillSource) => Promise<T>): Promise<T> {
  const source = await openBackfillSource(opts);
  try {
    return await work(source);
  } finally {
    await source.close();
  }
}
