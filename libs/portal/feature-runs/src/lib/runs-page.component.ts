import { ChangeDetectionStrategy, Component, computed, inject, resource } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RUN_STATUSES, RUN_TRIGGERS, type PortalRunRow } from '@options-helper/domain';
import { injectQueryParams, injectQueryUpdater, parseChoice, parseIntParam, parseText, PortalApi } from '@options-helper/portal/data-access';
import { DataTableComponent, errorView, StateComponent, TableColumn } from '@options-helper/portal/ui';

export const RUNS_PAGE_SIZES = [25, 50, 100, 200] as const;
export const RUNS_DEFAULT_SIZE = 50;

export const runColumns: TableColumn<PortalRunRow>[] = [
  { key: 'started_at', label: 'started_at', kind: 'ts' },
  { key: 'job_name', label: 'job' },
  { key: 'status', label: 'status', cellClass: (r) => `status-${r.status}` },
  { key: 'triggered_by', label: 'triggered_by' },
  { key: 'duration_ms', label: 'duration_ms', kind: 'int' },
  { key: 'provider', label: 'provider' },
  { key: 'error_type', label: 'error_type' },
  { key: 'error_message', label: 'error_message' },
  { key: 'child_count', label: 'children', kind: 'int' },
  { key: 'run_id', label: 'run_id', link: (r) => ({ commands: ['/runs', r.run_id] }) },
];

/** Runs: a paginated, filterable list; every filter and the page live in the URL. */
@Component({
  selector: 'oh-runs-page',
  imports: [MatFormFieldModule, MatInputModule, MatButtonModule, DataTableComponent, StateComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Runs</h1>
    <form class="oh-filters" aria-label="Run filters" (submit)="$event.preventDefault(); setText(textInput.value)">
      <mat-form-field>
        <mat-label>Job</mat-label>
        <select matNativeControl name="job" [value]="job() ?? ''" (change)="set({ job: $any($event.target).value, page: null })">
          <option value="">All jobs</option>
          @for (j of jobs(); track j) { <option [value]="j" [selected]="j === job()">{{ j }}</option> }
        </select>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Status</mat-label>
        <select matNativeControl name="status" (change)="set({ status: $any($event.target).value, page: null })">
          <option value="">Any status</option>
          @for (s of statuses; track s) { <option [value]="s" [selected]="s === status()">{{ s }}</option> }
        </select>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Triggered by</mat-label>
        <select matNativeControl name="triggered_by" (change)="set({ triggered_by: $any($event.target).value, page: null })">
          <option value="">Any trigger</option>
          @for (t of triggers; track t) { <option [value]="t" [selected]="t === trigger()">{{ t }}</option> }
        </select>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Search</mat-label>
        <input matInput #textInput name="text" [value]="text() ?? ''" (change)="setText(textInput.value)" />
        <mat-hint>run id, job, error or args</mat-hint>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Rows per page</mat-label>
        <select matNativeControl name="size" (change)="set({ size: $any($event.target).value, page: null })">
          @for (n of sizes; track n) { <option [value]="n" [selected]="n === size()">{{ n }}</option> }
        </select>
      </mat-form-field>
    </form>

    @if (runs.isLoading() && !runs.hasValue()) {
      <oh-state kind="loading" message="Loading runs…" />
    } @else if (error(); as e) {
      <oh-state kind="error" [message]="e.message" [command]="e.command" />
    } @else if (runs.hasValue()) {
      @let p = runs.value();
      @if (p.total === 0) {
        <oh-state kind="empty" [message]="filtered() ? 'No run matches these filters.' : 'No runs recorded yet. Run a producer job, e.g.:'" [command]="filtered() ? null : 'options-helper ingest candles --watchlist positions --watchlist monitor'" />
      } @else {
        <p class="oh-muted" data-testid="runs-range" aria-live="polite">Runs {{ p.offset + 1 }}–{{ p.offset + p.items.length }} of {{ p.total }}</p>
        <oh-table caption="Runs, newest first" [columns]="columns" [rows]="p.items" />
        <nav class="oh-pager" aria-label="Pages of runs">
          <button mat-stroked-button type="button" [disabled]="page() <= 1" (click)="set({ page: page() - 1 })">Previous page</button>
          <span>Page {{ page() }} of {{ pages() }}</span>
          <button mat-stroked-button type="button" [disabled]="page() >= pages()" (click)="set({ page: page() + 1 })">Next page</button>
        </nav>
      }
    }
  `,
  styles: `.oh-pager { display: flex; gap: 12px; align-items: center; margin: 12px 0; }`,
})
export class RunsPageComponent {
  private readonly api = inject(PortalApi);
  private readonly query = injectQueryParams();
  readonly set = injectQueryUpdater({ size: RUNS_DEFAULT_SIZE, page: 1 });
  readonly statuses = RUN_STATUSES;
  readonly triggers = RUN_TRIGGERS;
  readonly sizes = RUNS_PAGE_SIZES;
  readonly columns = runColumns;

  readonly job = computed(() => parseText(this.query().get('job')));
  readonly status = computed(() => parseChoice(this.query().get('status'), [...RUN_STATUSES, ''] as const, ''));
  readonly trigger = computed(() => parseChoice(this.query().get('triggered_by'), [...RUN_TRIGGERS, ''] as const, ''));
  readonly text = computed(() => parseText(this.query().get('text')));
  readonly size = computed(() => parseChoice<number>(this.query().get('size'), RUNS_PAGE_SIZES, RUNS_DEFAULT_SIZE));
  readonly page = computed(() => parseIntParam(this.query().get('page'), { min: 1, max: 100_000, def: 1 }));
  readonly filtered = computed(() => !!(this.job() || this.status() || this.trigger() || this.text()));

  readonly facets = resource({ loader: () => this.api.runFacets() });
  readonly jobs = computed(() => {
    const known = this.facets.hasValue() ? this.facets.value().jobs : [];
    const current = this.job();
    return current && !known.includes(current) ? [...known, current] : known;
  });

  readonly runs = resource({
    params: () => ({
      job: this.job(),
      status: this.status() || null,
      triggered_by: this.trigger() || null,
      text: this.text(),
      limit: this.size(),
      offset: Math.min(100_000, (this.page() - 1) * this.size()),
    }),
    loader: ({ params }) => this.api.runs(params),
  });
  readonly error = computed(() => (this.runs.status() === 'error' ? errorView(this.runs.error()) : null));
  readonly pages = computed(() => (this.runs.hasValue() ? Math.max(1, Math.ceil(this.runs.value().total / this.size())) : 1));

  setText(value: string): void {
    void this.set({ text: value.trim().slice(0, 200), page: null });
  }
}
