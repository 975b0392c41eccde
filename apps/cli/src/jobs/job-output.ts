import type { JobResult } from '@options-helper/jobs';
import { DISCLAIMER } from '../program';
import { textTable } from '../output/text-table';

/** Prints a job's result: JSON with --json, else warnings, the per-symbol outcomes and the summary line. */
export function printJobResult(result: JobResult, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify({ ...result, disclaimer: DISCLAIMER }, null, 2)}\n`);
    return;
  }
  for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
  if (result.outcomes.length) {
    const rows = result.outcomes.map((o) => ({ symbol: o.symbol, status: o.status, data_date: o.dataDate, rows: o.rows, detail: o.reason ?? o.error?.message ?? '' }));
    process.stdout.write(`${textTable(['symbol', 'status', 'data_date', 'rows', 'detail'], rows)}\n`);
  }
  process.stdout.write(`${result.jobName} run ${result.runId}: ${result.summary}\n${DISCLAIMER}\n`);
}
