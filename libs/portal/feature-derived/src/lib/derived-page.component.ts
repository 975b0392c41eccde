import { ChangeDetectionStrategy, Component, computed, inject, resource } from '@angular/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { PortalDerivedRow } from '@options-helper/domain';
import { DEFAULT_SYMBOL, injectQueryParams, injectQueryUpdater, parseChoice, parseIntParam, parseSymbol, PortalApi } from '@options-helper/portal/data-access';
import { DataTableComponent, derivedCommand, derivedRowColumns, errorView, formatNumber, formatPct, formatPp, formatSignedPct, KpiComponent, StateComponent, SymbolPickerComponent } from '@options-helper/portal/ui';
import { TimeChartComponent, type TimeSeriesInput } from '@options-helper/portal/ui-charts';

export const DERIVED_WINDOWS = [30, 60, 90, 180, 365, 730] as const;
export const DERIVED_DEFAULT_WINDOW = 180;
export const DERIVED_PREVIEW = { min: 5, max: 100, def: 20 };

type Field = keyof Omit<PortalDerivedRow, 'date'>;

export function seriesOf(rows: readonly PortalDerivedRow[], fields: readonly [Field, string][]): TimeSeriesInput[] {
  return fields.map(([field, name]) => ({ name, points: rows.map((r) => ({ date: r.date, value: r[field] })) }));
}

/** Derived History: price and strikes, volatility and ratio charts over a chosen window, with the latest summary. */
@Component({
  selector: 'oh-derived-page',
  imports: [MatFormFieldModule, MatInputModule, SymbolPickerComponent, TimeChartComponent, DataTableComponent, KpiComponent, StateComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Derived History: {{ symbol() }}</h1>
    <form class="oh-filters" aria-label="Derived history filters" (submit)="$event.preventDefault()">
      <oh-symbol-picker [symbol]="symbol()" [symbols]="symbolList()" (picked)="set({ symbol: $event })" />
      <mat-form-field>
        <mat-label>Window (days)</mat-label>
        <select matNativeControl name="window" (change)="set({ window: $any($event.target).value })">
          @for (w of windows; track w) { <option [value]="w" [selected]="w === windowDays()">{{ w }}</option> }
        </select>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Preview rows</mat-label>
        <input matInput type="number" name="rows" min="5" max="100" [value]="previewRows()" (change)="set({ rows: clampRows($any($event.target).value) })" />
        <mat-hint>5–100</mat-hint>
      </mat-form-field>
    </form>
    @if (history.isLoading() && !history.hasValue()) {
      <oh-state kind="loading" message="Loading derived history…" />
    } @else if (error(); as e) {
      <oh-state kind="error" [message]="e.message" [command]="e.command" />
    } @else if (history.hasValue()) {
      @let h = history.value();
      @if (h.rows.length === 0 || !h.summary) {
        <oh-state kind="empty" [message]="'No derived rows. Run ' + command() + ' first.'" [command]="command()" />
      } @else {
        @let s = h.summary;
        <p class="oh-muted">{{ h.start_date }} to {{ h.end_date }} · {{ h.rows.length }} row(s){{ h.truncated ? ' (newest 3000 shown)' : '' }}</p>
        <section class="oh-kpis" aria-label="Latest derived metrics" data-testid="derived-summary">
          <oh-kpi label="As of" [value]="s.as_of" />
          <oh-kpi label="Spot" [value]="num(s.spot)" [hint]="'1d ' + signedPct(s.spot_change_1d)" />
          <oh-kpi label="P/C OI" [value]="ratio(s.pc_oi)" />
          <oh-kpi label="P/C volume" [value]="ratio(s.pc_vol)" />
          <oh-kpi label="ATM IV (near)" [value]="pct(s.atm_iv_near)" [hint]="'1d ' + pp(s.atm_iv_change_1d)" />
          <oh-kpi label="IV/RV 20d" [value]="ratio(s.iv_rv_20d)" />
          <oh-kpi label="IV percentile" [value]="num(s.atm_iv_near_percentile)" />
          <oh-kpi label="Term slope" [value]="ratio(s.iv_term_slope)" />
          <oh-kpi label="Sample rows" [value]="s.sample_rows" />
        </section>
        <div class="oh-grid-2">
          <section aria-labelledby="price-title">
            <h2 id="price-title">Price and strikes</h2>
            <oh-time-chart [series]="priceSeries()" [label]="symbol() + ' spot, gamma peak, call wall and put wall'" />
          </section>
          <section aria-labelledby="vol-title">
            <h2 id="vol-title">Volatility</h2>
            <oh-time-chart [series]="volSeries()" [label]="symbol() + ' ATM IV, realised volatility 20d and 60d, IV/RV 20d'" />
          </section>
          <section aria-labelledby="ratio-title">
            <h2 id="ratio-title">Ratios</h2>
            <oh-time-chart [series]="ratioSeries()" [label]="symbol() + ' put/call OI and volume ratios, IV percentile and term slope'" />
          </section>
        </div>
        <section class="oh-section">
          <oh-table [caption]="'Recent rows (last ' + recent().length + ')'" [columns]="columns" [rows]="recent()" />
        </section>
      }
    }
  `,
})
export class DerivedPageComponent {
  private readonly api = inject(PortalApi);
  private readonly query = injectQueryParams();
  readonly set = injectQueryUpdater({ symbol: DEFAULT_SYMBOL, window: DERIVED_DEFAULT_WINDOW, rows: DERIVED_PREVIEW.def });
  readonly windows = DERIVED_WINDOWS;
  readonly columns = derivedRowColumns;

  readonly symbol = computed(() => parseSymbol(this.query().get('symbol')));
  readonly windowDays = computed(() => parseChoice<number>(this.query().get('window'), DERIVED_WINDOWS, DERIVED_DEFAULT_WINDOW));
  readonly previewRows = computed(() => parseIntParam(this.query().get('rows'), DERIVED_PREVIEW));
  readonly symbols = resource({ loader: () => this.api.symbols() });
  readonly symbolList = computed(() => (this.symbols.hasValue() ? this.symbols.value().symbols : []));
  readonly history = resource({
    params: () => ({ symbol: this.symbol(), window: this.windowDays() }),
    loader: ({ params }) => this.api.derivedHistory(params.symbol, params.window),
  });
  readonly error = computed(() => (this.history.status() === 'error' ? errorView(this.history.error()) : null));
  readonly command = computed(() => derivedCommand(this.symbol()));
  private readonly rows = computed(() => (this.history.hasValue() ? this.history.value().rows : []));
  readonly recent = computed(() => this.rows().slice(-this.previewRows()).reverse());
  readonly priceSeries = computed(() =>
    seriesOf(this.rows(), [['spot', 'spot'], ['gamma_peak_strike', 'gamma peak'], ['call_wall', 'call wall'], ['put_wall', 'put wall']]),
  );
  readonly volSeries = computed(() =>
    seriesOf(this.rows(), [['atm_iv_near', 'ATM IV near'], ['rv_20d', 'RV 20d'], ['rv_60d', 'RV 60d'], ['iv_rv_20d', 'IV/RV 20d']]),
  );
  readonly ratioSeries = computed(() =>
    seriesOf(this.rows(), [['pc_oi', 'P/C OI'], ['pc_vol', 'P/C volume'], ['atm_iv_near_percentile', 'IV percentile (÷100)'], ['iv_term_slope', 'term slope']]).map((s) =>
      s.name.startsWith('IV percentile') ? { ...s, points: s.points.map((p) => ({ date: p.date, value: p.value === null ? null : p.value / 100 })) } : s,
    ),
  );

  clampRows(raw: string): number {
    return parseIntParam(raw, DERIVED_PREVIEW);
  }

  num = formatNumber;
  pct = formatPct;
  pp = formatPp;
  signedPct = formatSignedPct;
  ratio = (v: number | null) => formatNumber(v, 4);
}
