import { ChangeDetectionStrategy, Component, computed, inject, resource } from '@angular/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { CheckRecord, GapPlanStep, LatestRunRow, RecurringFailure, WatermarkRecord } from '@options-helper/domain';
import { injectQueryParams, injectQueryUpdater, parseIntParam, PortalApi, PortalMetaStore } from '@options-helper/portal/data-access';
import { CommandComponent, DataTableComponent, errorView, formatTimestamp, KpiComponent, StateComponent, TableColumn } from '@options-helper/portal/ui';

export const HEALTH_DAYS = { min: 1, max: 120, def: 30 };
export const HEALTH_STALE_DAYS = { min: 0, max: 45, def: 3 };
export const HEALTH_LIMIT = { min: 10, max: 500, def: 200, step: 10 };

type Watermark = WatermarkRecord & { freshness: string };

const runLink = (id: string | null | undefined) => (id ? { commands: ['/runs', id] } : null);

/** Health (DOMAIN.md §9.2, §10): KPIs, latest runs, recurring failures, watermark freshness, failed checks, gap backfill planner. */
@Component({
  selector: 'oh-health-page',
  imports: [MatFormFieldModule, MatInputModule, KpiComponent, DataTableComponent, StateComponent, CommandComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './health-page.component.html',
  styles: `
    .oh-plan-steps { list-style: none; padding: 0; margin: 0; }
    .oh-plan-steps li { padding: 8px 12px; border: 1px solid #d0d7de; border-radius: 6px; margin: 6px 0; background: #fff; }
    .oh-plan-step-title { font-weight: 600; }
    .oh-plan-reason { margin: 4px 0; color: #3d3d3d; }
  `,
})
export class HealthPageComponent {
  private readonly api = inject(PortalApi);
  readonly meta = inject(PortalMetaStore).meta;
  private readonly query = injectQueryParams();
  private readonly update = injectQueryUpdater({ days: HEALTH_DAYS.def, stale_days: HEALTH_STALE_DAYS.def, limit: HEALTH_LIMIT.def });

  readonly days = computed(() => parseIntParam(this.query().get('days'), HEALTH_DAYS));
  readonly staleDays = computed(() => parseIntParam(this.query().get('stale_days'), HEALTH_STALE_DAYS));
  readonly limit = computed(() => parseIntParam(this.query().get('limit'), HEALTH_LIMIT));

  readonly snapshot = resource({
    params: () => ({ days: this.days(), stale_days: this.staleDays(), limit: this.limit() }),
    loader: ({ params }) => this.api.healthSnapshot(params),
  });
  /** The plan is asked for once the snapshot has answered: on a large ledger the two would compete for the same CPU. */
  private readonly snapshotSettled = computed(() => this.snapshot.hasValue() || this.snapshot.status() === 'error');
  readonly plan = resource({
    params: () => (this.snapshotSettled() ? { stale_days: this.staleDays(), days: this.days() } : undefined),
    loader: ({ params }) => this.api.backfillPlan(params),
  });

  readonly snapshotError = computed(() => (this.snapshot.status() === 'error' ? errorView(this.snapshot.error()) : null));
  readonly planError = computed(() => (this.plan.status() === 'error' ? errorView(this.plan.error()) : null));
  readonly bootstrap = computed(() => (this.meta.hasValue() ? this.meta.value().bootstrap_commands : ['options-helper db init']));

  readonly kpis = computed(() => {
    if (!this.snapshot.hasValue()) return null;
    const s = this.snapshot.value();
    return {
      trackedJobs: new Set(s.latest_runs.map((r) => r.job_name)).size,
      latestFailures: s.latest_runs.filter((r) => r.status === 'failed').length,
      staleWatermarks: s.watermarks.filter((w) => w.freshness === 'stale').length,
      failedChecks: s.failed_checks.length,
    };
  });

  readonly latestRunColumns: TableColumn<LatestRunRow>[] = [
    { key: 'job_name', label: 'job' },
    { key: 'status', label: 'status', cellClass: (r) => `status-${r.status}` },
    { key: 'started_at', label: 'started_at', kind: 'ts' },
    { key: 'ended_at', label: 'ended_at', kind: 'ts' },
    { key: 'duration_ms', label: 'duration_ms', kind: 'int' },
    { key: 'triggered_by', label: 'triggered_by' },
    { key: 'provider', label: 'provider' },
    { key: 'error_type', label: 'error_type' },
    { key: 'run_id', label: 'run_id', link: (r) => runLink(r.run_id) },
  ];
  readonly failureColumns: TableColumn<RecurringFailure>[] = [
    { key: 'error_stack_hash', label: 'stack hash' },
    { key: 'failure_count', label: 'failures', kind: 'int' },
    { key: 'job_count', label: 'jobs #', kind: 'int' },
    { key: 'jobs', label: 'jobs' },
    { key: 'latest_started_at', label: 'latest', kind: 'ts' },
    { key: 'first_started_at', label: 'first', kind: 'ts' },
    { key: 'error_type', label: 'error_type' },
    { key: 'error_message', label: 'error_message' },
  ];
  readonly watermarkColumns: TableColumn<Watermark>[] = [
    { key: 'asset_key', label: 'asset_key' },
    { key: 'scope_key', label: 'scope_key' },
    { key: 'watermark_ts', label: 'watermark_ts', kind: 'ts' },
    { key: 'staleness_days', label: 'staleness_days', kind: 'int' },
    { key: 'staleness_sessions', label: 'staleness_sessions', kind: 'int' },
    { key: 'freshness', label: 'freshness', cellClass: (r) => `freshness-${r.freshness}` },
    { key: 'last_run_id', label: 'last_run_id', link: (r) => runLink(r.last_run_id) },
  ];
  readonly checkColumns: TableColumn<CheckRecord>[] = [
    { key: 'checked_at', label: 'checked_at', kind: 'ts' },
    { key: 'asset_key', label: 'asset_key' },
    { key: 'partition_key', label: 'partition_key' },
    { key: 'check_name', label: 'check_name' },
    { key: 'severity', label: 'severity' },
    { key: 'message', label: 'message' },
    { key: 'run_id', label: 'run_id', link: (r) => runLink(r.run_id) },
  ];
  readonly planColumns: TableColumn<GapPlanStep>[] = [
    { key: 'step', label: 'step', kind: 'int' },
    { key: 'priority', label: 'priority', kind: 'int' },
    { key: 'asset_key', label: 'asset_key' },
    { key: 'scope_key', label: 'scope_key' },
    { key: 'reason', label: 'reason' },
    { key: 'command', label: 'command' },
  ];

  readonly ts = formatTimestamp;

  setFilter(name: 'days' | 'stale_days' | 'limit', raw: string): void {
    const range = name === 'days' ? HEALTH_DAYS : name === 'stale_days' ? HEALTH_STALE_DAYS : HEALTH_LIMIT;
    void this.update({ [name]: parseIntParam(raw, range) });
  }
}
