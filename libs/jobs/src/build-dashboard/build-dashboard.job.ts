import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_SCOPE, buildDashboardView, DashboardView, dashboardViewJsonText, IsoDate, isIsoDate, renderDashboard } from '@options-helper/domain';
import { executeJob, JobBody } from '../runner/job-runner';
import { JobContext, JobResult, JobUsageError } from '../runner/job.types';
import { readJsonFile, writeFileAtomic } from '../util/atomic-write';

export interface BuildDashboardArgs {
  /** `latest` (the greatest ISO-named `daily/{date}.json`) or a date. */
  date?: 'latest' | IsoDate;
  /** Default `{dataDir}/reports`. */
  reportsDir?: string;
}

export interface DashboardDetails {
  report_date: IsoDate;
  source_path: string;
  view_path: string;
  view: DashboardView;
  text: string;
}

/** The greatest `YYYY-MM-DD.json` in `dir`, or null. */
export function latestBriefingDate(dir: string): IsoDate | null {
  if (!fs.existsSync(dir)) return null;
  return fs.readdirSync(dir).map((f) => /^(\d{4}-\d{2}-\d{2})\.json$/.exec(f)?.[1]).filter((d): d is string => !!d && isIsoDate(d)).sort().at(-1) ?? null;
}

/**
 * build_dashboard (DOMAIN.md §3.6, §6.4): reads a briefing JSON, repairs missing top-level fields, writes the view
 * JSON to `{reports}/dashboard/{date}.json` (atomically) and renders it for the console.
 */
export function buildDashboard(ctx: JobContext, args: BuildDashboardArgs = {}): Promise<JobResult> {
  const date = args.date ?? 'latest';
  if (date !== 'latest' && !isIsoDate(date)) throw new JobUsageError(`--date must be latest or YYYY-MM-DD, got ${JSON.stringify(date)}`);
  const reportsDir = args.reportsDir ?? path.join(ctx.paths.dataDir, 'reports');
  return executeJob(ctx, 'build_dashboard', { date, reports_dir: reportsDir }, async (run): Promise<JobBody> => {
    const dailyDir = path.join(reportsDir, 'daily');
    const reportDate = date === 'latest' ? latestBriefingDate(dailyDir) : date;
    if (!reportDate) throw new Error(`no briefing JSON in ${dailyDir} (run options-helper briefing first)`);
    const source = path.join(dailyDir, `${reportDate}.json`);
    if (!fs.existsSync(source)) throw new Error(`briefing JSON not found: ${source}`);
    const view = buildDashboardView(readJsonFile(source, null), reportDate);
    const viewPath = path.join(reportsDir, 'dashboard', `${reportDate}.json`);
    const bytes = writeFileAtomic(viewPath, dashboardViewJsonText(view));
    const details: DashboardDetails = { report_date: reportDate, source_path: source, view_path: viewPath, view, text: renderDashboard(view) };
    return {
      outcomes: [{ symbol: reportDate, status: 'ok', dataDate: reportDate, bytes }],
      events: [{ runId: run.run_id, assetKey: 'dashboard_view', assetKind: 'view', partitionKey: reportDate, status: 'success', bytesWritten: bytes, minEventTs: reportDate, maxEventTs: reportDate, extra: { path: viewPath, repaired_fields: view.repaired_fields } }],
      watermarks: [{ assetKey: 'dashboard_view', scopeKey: ALL_SCOPE, watermarkTs: reportDate, lastRunId: run.run_id }],
      checkScopes: [],
      summaryExtra: `report ${reportDate}`,
      warnings: view.repaired_fields.length ? [`repaired missing fields: ${view.repaired_fields.join(', ')}`] : [],
      details: { ...details },
    };
  });
}
