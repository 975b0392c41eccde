import { ChangeDetectionStrategy, Component, computed, inject, resource } from '@angular/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { injectQueryParams, injectQueryUpdater, parseChoice, parseText, PortalApi } from '@options-helper/portal/data-access';
import { errorView, StateComponent } from '@options-helper/portal/ui';
import { CoverageHeatmapComponent } from './coverage-heatmap.component';

export const COVERAGE_SESSIONS = [10, 20, 30, 60, 90, 120, 250] as const;
export const COVERAGE_DEFAULT_SESSIONS = 30;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Coverage: asset × trading session heatmap (materialized, failed, skipped, missing, waived); a cell opens its run. */
@Component({
  selector: 'oh-coverage-page',
  imports: [MatFormFieldModule, MatInputModule, StateComponent, CoverageHeatmapComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Coverage</h1>
    <form class="oh-filters" aria-label="Coverage range" (submit)="$event.preventDefault()">
      <mat-form-field>
        <mat-label>Last session</mat-label>
        <input matInput type="date" name="to" [value]="to() ?? ''" (change)="setTo($any($event.target).value)" />
        <mat-hint>empty: the last completed session</mat-hint>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Sessions</mat-label>
        <select matNativeControl name="sessions" (change)="set({ sessions: $any($event.target).value })">
          @for (n of sessionChoices; track n) { <option [value]="n" [selected]="n === sessions()">{{ n }}</option> }
        </select>
      </mat-form-field>
    </form>
    @if (coverage.isLoading() && !coverage.hasValue()) {
      <oh-state kind="loading" message="Loading coverage…" />
    } @else if (error(); as e) {
      <oh-state kind="error" [message]="e.message" [command]="e.command" />
    } @else if (coverage.hasValue()) {
      @let c = coverage.value();
      @if (c.sessions.length === 0 || c.assets.length === 0) {
        <oh-state kind="empty" message="No trading sessions in this range." />
      } @else {
        @if (c.counts.materialized === 0) {
          <oh-state kind="empty" message="Nothing materialized in this range yet. Fill it with, e.g.:" command="options-helper ingest candles --watchlist positions --watchlist monitor" />
        }
        <oh-coverage-heatmap [coverage]="c" />
        @if (!c.waivers_available) {
          <p class="oh-muted">No waiver table in this warehouse: nothing is shown as waived.</p>
        }
      }
    }
  `,
})
export class CoveragePageComponent {
  private readonly api = inject(PortalApi);
  private readonly query = injectQueryParams();
  readonly set = injectQueryUpdater({ sessions: COVERAGE_DEFAULT_SESSIONS });
  readonly sessionChoices = COVERAGE_SESSIONS;

  readonly to = computed(() => {
    const t = parseText(this.query().get('to'));
    return t && DATE.test(t) ? t : null;
  });
  readonly sessions = computed(() => parseChoice<number>(this.query().get('sessions'), COVERAGE_SESSIONS, COVERAGE_DEFAULT_SESSIONS));
  readonly coverage = resource({
    params: () => ({ to: this.to(), sessions: this.sessions() }),
    loader: ({ params }) => this.api.coverage(params),
  });
  readonly error = computed(() => (this.coverage.status() === 'error' ? errorView(this.coverage.error()) : null));

  setTo(value: string): void {
    void this.set({ to: DATE.test(value) ? value : null });
  }
}
