import type { JobName } from '../assets';

/** What the rule looks at: the job's per-symbol outcomes and its details (contract counts of ingest_options_bars). */
export interface MaterializationEvidence {
  outcomes: readonly { status: 'ok' | 'skipped' | 'failed' }[];
  details?: Record<string, unknown>;
}

/**
 * The materialisation rule of DOMAIN.md §11 for a job run started by the daily graph: the message naming the broken
 * rule, or null when the asset materialised. build_briefing and build_dashboard fail only when the job itself fails,
 * which the runner already records.
 */
export function materializationFailure(jobName: JobName, evidence: MaterializationEvidence): string | null {
  if (jobName === 'ingest_options_bars') {
    const errors = Number(evidence.details?.['error_contracts'] ?? 0);
    const ok = Number(evidence.details?.['ok_contracts'] ?? 0);
    return errors > 0 && ok === 0 ? `materialisation rule (ingest_options_bars): contracts errored and none succeeded (${errors} errored)` : null;
  }
  if (jobName === 'build_briefing' || jobName === 'build_dashboard') return null;
  const total = evidence.outcomes.length;
  const failed = evidence.outcomes.filter((o) => o.status === 'failed').length;
  return total > 0 && failed === total ? `materialisation rule (${jobName}): every symbol failed (${failed} of ${total})` : null;
}
