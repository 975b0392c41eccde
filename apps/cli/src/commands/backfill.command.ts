import { Command, Option } from 'commander';
import type { RangePlan, RangePlanMode } from '@options-helper/domain';
import type { BackfillDetail, BackfillRecord } from '@options-helper/ledger';
import { printJson, withLedger } from '../cli-context';
import { UsageError } from '../exit-codes';
import type { GlobalOptions } from '../options';
import { intAtLeast, repeatable } from '../options';
import { withBackfillSource } from './backfill-source';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DEFAULT_ORCHESTRATOR_URL = 'http://127.0.0.1:7414';

interface RangeFlags {
  from?: string;
  to?: string;
  assets?: string[];
  onlyMissing?: boolean;
  onlyFailed?: boolean;
}

function dateFlag(flag: string) {
  return (value: string): string => {
    if (!DATE.test(value)) throw new UsageError(`${flag} must be YYYY-MM-DD, got ${JSON.stringify(value)}`);
    return value;
  };
}

function rangeOptions(cmd: Command): Command {
  return cmd
    .option('--from <date>', 'first session of the range (YYYY-MM-DD)', dateFlag('--from'))
    .option('--to <date>', 'last session of the range (YYYY-MM-DD)', dateFlag('--to'))
    .option('--assets <asset>', 'graph assets to plan (repeatable or comma-separated; default all)', repeatable)
    .option('--only-missing', 'only cells never materialised successfully')
    .option('--only-failed', 'only cells whose latest attempt failed or was skipped');
}

function rangeRequest(flags: RangeFlags): { from: string; to: string; assets?: string[]; mode: RangePlanMode } | null {
  const ranged = flags.from !== undefined || flags.to !== undefined || flags.assets !== undefined || flags.onlyMissing || flags.onlyFailed;
  if (!ranged) return null;
  if (!flags.from || !flags.to) throw new UsageError('--from and --to are both required for a range plan');
  if (flags.onlyMissing && flags.onlyFailed) throw new UsageError('--only-missing and --only-failed exclude each other');
  return { from: flags.from, to: flags.to, assets: flags.assets, mode: flags.onlyMissing ? 'only-missing' : flags.onlyFailed ? 'only-failed' : 'all' };
}

function partitionStart(): string {
  return process.env['OPTIONS_HELPER_PARTITION_START']?.trim() || '2024-01-02';
}

function rangeFlagsText(plan: RangePlan): string {
  const parts = [`--from ${plan.from}`, `--to ${plan.to}`];
  if (plan.assets.length !== 7) parts.push(`--assets ${plan.assets.join(',')}`);
  if (plan.mode !== 'all') parts.push(`--${plan.mode}`);
  return parts.join(' ');
}

function renderRangePlan(plan: RangePlan): string {
  const cells = plan.partitions.reduce((n, p) => n + p.assets.length, 0);
  const lines = [
    `Range backfill plan (dry run) — ${plan.from}..${plan.to}, mode ${plan.mode}, hash ${plan.hash}`,
    `${plan.partitions.length} partitions, ${cells} asset materialisations${plan.waived.length ? `, ${plan.waived.length} waived cells left out` : ''}`,
  ];
  if (plan.partitions.length === 0) lines.push('Nothing to backfill in this range.');
  else {
    const width = Math.max(...plan.partitions.map((p) => p.partition_key.length), 'partition'.length);
    lines.push(`${'partition'.padEnd(width)}  assets`);
    for (const p of plan.partitions) lines.push(`${p.partition_key.padEnd(width)}  ${p.assets.join(', ')}`);
    lines.push(`Apply: options-helper backfill apply ${plan.hash} ${rangeFlagsText(plan)}`);
  }
  return lines.join('\n');
}

function renderBackfill(b: BackfillRecord | BackfillDetail): string {
  const lines = [
    `Backfill ${b.backfill_id}: ${b.status} — ${b.partitions_done}/${b.partitions_total} partitions done, ${b.partitions_failed} failed (plan ${b.plan_hash.slice(0, 12)}…, ${b.plan.from}..${b.plan.to})`,
  ];
  if ('partitions' in b) {
    for (const p of b.partitions) lines.push(`  ${p.partition_key}  ${p.status.padEnd(7)}  ${p.assets.join(', ')}${p.message ? `  (${p.message})` : ''}`);
  }
  return lines.join('\n');
}

/** `options-helper backfill plan|apply|status|waive` (DOMAIN.md §9.3, §11). */
export function backfillCommand(globals: () => GlobalOptions): Command {
  const backfill = new Command('backfill').description('Plan and run backfills of the daily asset graph');
  rangeOptions(
    backfill
      .command('plan')
      .description('Gap plan from health signals, or with --from/--to the graph partitions of a range; runs nothing')
      .addOption(new Option('--stale-days <n>', 'staleness threshold in days').default(3).argParser(intAtLeast('--stale-days', 0)))
      .addOption(new Option('--days <n>', 'window in days for failed checks').default(7).argParser(intAtLeast('--days', 0))),
  ).action(async (flags: { staleDays: number; days: number } & RangeFlags) => {
    const opts = globals();
    const range = rangeRequest(flags);
    if (range) {
      const plan = await withBackfillSource(opts, (source) => source.rangePlan(range, partitionStart()));
      if (opts.json) return printJson(plan);
      process.stdout.write(`${renderRangePlan(plan)}\n`);
      return;
    }
    const { portfolioPath } = await import('@options-helper/domain');
    const plan = await withLedger(opts, (ledger) => ledger.backfillPlan({ staleDays: flags.staleDays, days: flags.days, portfolioPath: portfolioPath(process.env) }));
    if (opts.json) return printJson(plan);
    const { renderPlanTable } = await import('@options-helper/domain');
    const lines = [`Gap backfill plan (display only) — stale_days=${plan.stale_days}, hash ${plan.hash}`];
    lines.push(plan.steps.length ? renderPlanTable(plan) : 'No immediate backfill actions suggested from current health signals.');
    process.stdout.write(`${lines.join('\n')}\n`);
  });

  rangeOptions(
    backfill
      .command('apply')
      .description('Hands a range plan (by its hash) to the orchestrator, which works it oldest partition first')
      .argument('<hash>', 'the plan hash printed by `backfill plan --from … --to …`')
      .option('--orchestrator-url <url>', 'orchestrator (default $OPTIONS_HELPER_ORCHESTRATOR_URL or http://127.0.0.1:7414)')
      .option('--wait', 'wait until the backfill finishes, showing progress'),
  ).action(async (hash: string, flags: RangeFlags & { orchestratorUrl?: string; wait?: boolean }) => {
    const opts = globals();
    if (!/^[0-9a-f]{64}$/.test(hash)) throw new UsageError(`<hash> must be the 64-hex plan hash, got ${JSON.stringify(hash)}`);
    const range = rangeRequest(flags);
    if (!range) throw new UsageError('apply needs the range the plan was made for: --from D --to D [--assets …] [--only-missing|--only-failed]');
    const base = (flags.orchestratorUrl || process.env['OPTIONS_HELPER_ORCHESTRATOR_URL'] || DEFAULT_ORCHESTRATOR_URL).replace(/\/+$/, '');
    let res: Response;
    try {
      res = await fetch(`${base}/api/v1/backfills`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ hash, ...range }), signal: AbortSignal.timeout(60_000) });
    } catch (err) {
      throw new Error(`the orchestrator at ${base} is unreachable (${err instanceof Error ? err.message : String(err)}); start it with \`npm start\``);
    }
    const body = (await res.json().catch(() => ({}))) as BackfillDetail & { message?: unknown };
    if (res.status === 400) throw new UsageError(String(Array.isArray(body.message) ? body.message.join('; ') : body.message));
    if (res.status !== 202) throw new Error(String(body.message ?? `orchestrator answered ${res.status}`));
    let current: BackfillRecord | BackfillDetail = body;
    if (flags.wait) {
      const deadline = Date.now() + 24 * 3600_000;
      let shown = -1;
      while ((current.status === 'pending' || current.status === 'running') && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 1000));
        current = (await (await fetch(`${base}/api/v1/backfills/${current.backfill_id}`)).json()) as BackfillDetail;
        const done = current.partitions_done + current.partitions_failed;
        if (!opts.json && done !== shown) {
          shown = done;
          process.stderr.write(`backfill ${current.backfill_id}: ${done}/${current.partitions_total} partitions\n`);
        }
      }
    }
    if (opts.json) return printJson(current);
    process.stdout.write(`${renderBackfill(current)}\n${flags.wait ? '' : `Progress: options-helper backfill status ${current.backfill_id}\n`}`);
    if (flags.wait && current.status === 'failed') process.exitCode = 1;
  });

  backfill
    .command('status')
    .description('Backfills and their progress (newest first), or one backfill with its partitions')
    .argument('[id]', 'backfill id')
    .addOption(new Option('--limit <n>', 'backfills to list').default(20).argParser(intAtLeast('--limit', 1)))
    .action(async (id: string | undefined, flags: { limit: number }) => {
      const opts = globals();
      const result = await withBackfillSource<BackfillDetail | BackfillRecord[]>(opts, (source) => (id ? source.get(id) : source.list(flags.limit)));
      if (opts.json) return printJson(result);
      const list = Array.isArray(result) ? result : [result];
      process.stdout.write(`${list.length ? list.map(renderBackfill).join('\n') : 'No backfills yet.'}\n`);
    });

  backfill
    .command('waive')
    .description('Waives an (asset, partition) cell with a reason, so the planner stops proposing it')
    .requiredOption('--asset <asset>', 'graph asset')
    .requiredOption('--partition <date>', 'session date (YYYY-MM-DD)', dateFlag('--partition'))
    .requiredOption('--reason <text>', 'why this cell will not be backfilled')
    .action(async (flags: { asset: string; partition: string; reason: string }) => {
      const opts = globals();
      const { assertPartition, isDailyGraphAssetKey, nyseCalendar, DAILY_GRAPH_ASSET_KEYS } = await import('@options-helper/domain');
      if (!isDailyGraphAssetKey(flags.asset)) throw new UsageError(`--asset must be one of ${DAILY_GRAPH_ASSET_KEYS.join(', ')}, got ${JSON.stringify(flags.asset)}`);
      try {
        assertPartition(nyseCalendar, flags.partition, partitionStart());
      } catch (err) {
        throw new UsageError(`--partition: ${(err as Error).message}`);
      }
      if (!flags.reason.trim()) throw new UsageError('--reason must not be empty');
      const waiver = await withBackfillSource(opts, (source) => source.waive({ asset_key: flags.asset, partition_key: flags.partition, reason: flags.reason }));
      if (opts.json) return printJson(waiver);
      process.stdout.write(`Waived ${waiver.asset_key} for ${waiver.partition_key}: ${waiver.reason}\n`);
    });
  return backfill;
}
