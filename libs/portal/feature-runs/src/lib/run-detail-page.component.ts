import { ChangeDetectionStrategy, Component, computed, inject, input, resource } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { AssetEventRecord, CheckRecord } from '@options-helper/domain';
import { PortalApi } from '@options-helper/portal/data-access';
import { DataTableComponent, errorView, formatTimestamp, StateComponent, TableColumn } from '@options-helper/portal/ui';
import { runColumns } from './runs-page.component';

const eventColumns: TableColumn<AssetEventRecord>[] = [
  { key: 'asset_key', label: 'asset_key' },
  { key: 'partition_key', label: 'partition_key' },
  { key: 'status', label: 'status', cellClass: (r) => `status-${r.status}` },
  { key: 'rows_inserted', label: 'rows_inserted', kind: 'int' },
  { key: 'rows_updated', label: 'rows_updated', kind: 'int' },
  { key: 'rows_deleted', label: 'rows_deleted', kind: 'int' },
  { key: 'min_event_ts', label: 'min_event_ts', kind: 'ts' },
  { key: 'max_event_ts', label: 'max_event_ts', kind: 'ts' },
  { key: 'duration_ms', label: 'duration_ms', kind: 'int' },
  { key: 'extra_json', label: 'extra', kind: 'json' },
];

const checkColumns: TableColumn<CheckRecord>[] = [
  { key: 'checked_at', label: 'checked_at', kind: 'ts' },
  { key: 'asset_key', label: 'asset_key' },
  { key: 'partition_key', label: 'partition_key' },
  { key: 'check_name', label: 'check_name' },
  { key: 'severity', label: 'severity' },
  { key: 'status', label: 'status', cellClass: (r) => (r.status === 'fail' ? 'status-failed' : null) },
  { key: 'message', label: 'message' },
];

/** One run: its fields and args, the error, asset events, checks, parent and child runs. */
@Component({
  selector: 'oh-run-detail-page',
  imports: [RouterLink, DataTableComponent, StateComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p><a routerLink="/runs">← All runs</a></p>
    <h1>Run <code>{{ runId() }}</code></h1>
    @if (detail.isLoading() && !detail.hasValue()) {
      <oh-state kind="loading" message="Loading the run…" />
    } @else if (error(); as e) {
      <oh-state kind="error" [message]="e.message" [command]="e.command" />
    } @else if (detail.hasValue()) {
      @let d = detail.value();
      <dl class="oh-fields" data-testid="run-fields">
        <dt>job</dt><dd>{{ d.run.job_name }}</dd>
        <dt>status</dt><dd [class]="'status-' + d.run.status">{{ d.run.status }}</dd>
        <dt>triggered_by</dt><dd>{{ d.run.triggered_by }}</dd>
        <dt>started_at</dt><dd>{{ ts(d.run.started_at) }}</dd>
        <dt>ended_at</dt><dd>{{ ts(d.run.ended_at) }}</dd>
        <dt>duration_ms</dt><dd>{{ d.run.duration_ms ?? '-' }}</dd>
        <dt>provider</dt><dd>{{ d.run.provider ?? '-' }}</dd>
        <dt>storage</dt><dd>{{ d.run.storage_backend ?? '-' }}</dd>
        <dt>app_version</dt><dd>{{ d.run.app_version ?? '-' }}</dd>
        <dt>git_sha</dt><dd>{{ d.run.git_sha ?? '-' }}</dd>
        <dt>parent</dt>
        <dd>
          @if (d.parent; as parent) { <a [routerLink]="['/runs', parent.run_id]">{{ parent.job_name }} {{ parent.run_id }}</a> } @else { - }
        </dd>
      </dl>
      @if (d.run.status === 'failed') {
        <section class="oh-error" aria-labelledby="err-title" data-testid="run-error">
          <h2 id="err-title">Error</h2>
          <p><strong>{{ d.run.error_type }}</strong>: {{ d.run.error_message }}</p>
          <p class="oh-muted">Stack hash <code>{{ d.run.error_stack_hash ?? '-' }}</code> ·
            <a routerLink="/runs" [queryParams]="{ text: d.run.error_type }">runs with this error type</a></p>
        </section>
      }
      <h2>Arguments</h2>
      <pre class="oh-args" tabindex="0" aria-label="Run arguments (JSON)">{{ args() }}</pre>
      <section class="oh-section">
        <oh-table caption="Asset events" [columns]="eventColumns" [rows]="d.events" emptyText="This run logged no asset events." />
      </section>
      <section class="oh-section">
        <oh-table caption="Checks" [columns]="checkColumns" [rows]="d.checks" emptyText="No checks were persisted by this run." />
      </section>
      <section class="oh-section">
        <oh-table [caption]="'Child runs (' + d.children_total + ')'" [columns]="runColumns" [rows]="d.children" emptyText="No child runs." />
      </section>
    }
  `,
  styles: `
    .oh-fields { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 8px 0 16px; }
    dt { font-weight: 600; color: #3d3d3d; }
    dd { margin: 0; }
    .status-failed { color: #8c1d18; font-weight: 600; }
    .status-success { color: #1e5e2a; }
    .oh-error { border: 1px solid #b3261e; background: #fdecea; padding: 8px 16px; border-radius: 6px; }
    .oh-error h2 { margin-top: 4px; }
    .oh-args { background: #f6f8fa; border: 1px solid #d0d7de; padding: 8px 12px; border-radius: 6px; overflow: auto; max-height: 320px; }
  `,
})
export class RunDetailPageComponent {
  private readonly api = inject(PortalApi);
  /** The `:runId` route parameter (component input binding). */
  readonly runId = input.required<string>();
  readonly eventColumns = eventColumns;
  readonly checkColumns = checkColumns;
  readonly runColumns = runColumns;

  readonly detail = resource({ params: () => this.runId(), loader: ({ params }) => this.api.run(params) });
  readonly error = computed(() => {
    if (this.detail.status() !== 'error') return null;
    const e = errorView(this.detail.error());
    return (this.detail.error() as { status?: number }).status === 404 ? { message: `Run ${this.runId()} does not exist.`, command: null } : e;
  });
  readonly args = computed(() => (this.detail.hasValue() ? JSON.stringify(this.detail.value().run.args_json, null, 2) ?? 'null' : ''));

  ts(value: string | null): string {
    return formatTimestamp(value);
  }
}
