import { ChangeDetectionStrategy, Component, computed, inject, resource } from '@angular/core';
import { DEFAULT_SYMBOL, injectQueryParams, injectQueryUpdater, parseSymbol, PortalApi, PortalMetaStore } from '@options-helper/portal/data-access';
import type { PortalStrikeRow } from '@options-helper/domain';
import { DataTableComponent, derivedCommand, derivedRowColumns, errorView, formatInt, formatMoney, formatNumber, formatPct, formatPp, formatSignedPct, KpiComponent, StateComponent, SymbolPickerComponent, TableColumn } from '@options-helper/portal/ui';
import { BarListComponent, PriceChartComponent } from '@options-helper/portal/ui-charts';

const strikeColumns: TableColumn<PortalStrikeRow>[] = [
  { key: 'strike', label: 'strike', kind: 'number' },
  { key: 'call_oi', label: 'call_oi', kind: 'int' },
  { key: 'put_oi', label: 'put_oi', kind: 'int' },
  { key: 'total_oi', label: 'total_oi', kind: 'int' },
  { key: 'total_volume', label: 'total_volume', kind: 'int' },
  { key: 'avg_iv', label: 'avg_iv', kind: 'pct' },
];

/** Symbol Explorer: candlesticks and volume, the latest snapshot, open interest by strike and the derived snippet. */
@Component({
  selector: 'oh-symbols-page',
  imports: [SymbolPickerComponent, PriceChartComponent, BarListComponent, DataTableComponent, KpiComponent, StateComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Symbol Explorer: {{ symbol() }}</h1>
    <form class="oh-filters" aria-label="Symbol" (submit)="$event.preventDefault()">
      <oh-symbol-picker [symbol]="symbol()" [symbols]="symbolList()" (picked)="set({ symbol: $event })" />
    </form>

    <section class="oh-section" aria-labelledby="candles-title" data-testid="candles">
      <h2 id="candles-title">Daily candles</h2>
      @if (candles.isLoading() && !candles.hasValue()) {
        <oh-state kind="loading" message="Loading candles…" />
      } @else if (candlesError(); as e) {
        <oh-state kind="error" [message]="e.message" [command]="e.command" />
      } @else if (candles.hasValue()) {
        @let c = candles.value();
        @if (c.rows.length === 0) {
          <oh-state kind="empty" [message]="'No daily candles for ' + symbol() + '.'" [command]="'options-helper ingest candles --symbol ' + symbol()" />
        } @else {
          @if (c.latest; as l) {
            <div class="oh-kpis">
              <oh-kpi [label]="'Close ' + l.date" [value]="num(l.close)" />
              <oh-kpi label="Open" [value]="num(l.open)" />
              <oh-kpi label="High" [value]="num(l.high)" />
              <oh-kpi label="Low" [value]="num(l.low)" />
              <oh-kpi label="Volume" [value]="int(l.volume)" />
            </div>
          }
          <oh-price-chart [candles]="c.rows" [label]="symbol() + ' daily candlesticks and volume, last ' + c.rows.length + ' sessions'" />
        }
      }
    </section>

    <section class="oh-section" aria-labelledby="snap-title" data-testid="snapshot">
      <h2 id="snap-title">Latest option snapshot</h2>
      @if (snapshot.isLoading() && !snapshot.hasValue()) {
        <oh-state kind="loading" message="Loading the snapshot…" />
      } @else if (snapshotError(); as e) {
        <oh-state kind="error" [message]="e.message" [command]="e.command" />
      } @else if (snapshot.hasValue()) {
        @if (snapshot.value().snapshot; as s) {
          <p class="oh-muted">{{ s.snapshot_date }} · provider {{ s.provider }}</p>
          <div class="oh-kpis">
            <oh-kpi label="Contracts" [value]="int(s.contracts)" />
            <oh-kpi label="Spot" [value]="num(s.spot)" />
            <oh-kpi label="Total OI" [value]="int(s.total_oi)" />
            <oh-kpi label="Call OI" [value]="int(s.call_oi)" />
            <oh-kpi label="Put OI" [value]="int(s.put_oi)" />
            <oh-kpi label="Put/Call OI" [value]="ratio(s.put_call_oi_ratio)" />
            <oh-kpi label="Total volume" [value]="int(s.total_volume)" />
            <oh-kpi label="Average IV" [value]="pct(s.avg_iv)" />
            <oh-kpi label="ATM IV" [value]="pct(s.atm_iv)" [hint]="s.atm_strike !== null ? 'strike ' + num(s.atm_strike) : null" />
          </div>
          <div class="oh-grid-2">
            <oh-bar-list caption="Open interest by strike (top 15 by total OI)" [items]="oiBars()" />
            <oh-table caption="Top strikes by open interest" [columns]="strikeColumns" [rows]="s.top_strikes" />
          </div>
        } @else {
          <oh-state kind="empty" [message]="'No option snapshot for ' + symbol() + '.'" [command]="snapshotCommand()" />
        }
      }
    </section>

    <section class="oh-section" aria-labelledby="derived-title" data-testid="derived-snippet">
      <h2 id="derived-title">Derived metrics</h2>
      @if (derived.isLoading() && !derived.hasValue()) {
        <oh-state kind="loading" message="Loading derived metrics…" />
      } @else if (derivedError(); as e) {
        <oh-state kind="error" [message]="e.message" [command]="e.command" />
      } @else if (derived.hasValue()) {
        @if (derived.value().summary; as d) {
          <div class="oh-kpis">
            <oh-kpi label="As of" [value]="d.as_of" />
            <oh-kpi label="Spot" [value]="num(d.spot)" [hint]="'1d ' + signedPct(d.spot_change_1d)" />
            <oh-kpi label="P/C OI" [value]="ratio(d.pc_oi)" />
            <oh-kpi label="P/C volume" [value]="ratio(d.pc_vol)" />
            <oh-kpi label="ATM IV (near)" [value]="pct(d.atm_iv_near)" [hint]="'1d ' + pp(d.atm_iv_change_1d)" />
            <oh-kpi label="IV/RV 20d" [value]="ratio(d.iv_rv_20d)" />
            <oh-kpi label="IV percentile" [value]="num(d.atm_iv_near_percentile)" />
            <oh-kpi label="Term slope" [value]="ratio(d.iv_term_slope)" />
          </div>
          <oh-table caption="Last 10 derived rows" [columns]="derivedColumns" [rows]="derived.value().recent_rows" />
        } @else {
          <oh-state kind="empty" [message]="'No derived rows. Run ' + derivedCmd() + ' first.'" [command]="derivedCmd()" />
        }
      }
    </section>
  `,
})
export class SymbolsPageComponent {
  private readonly api = inject(PortalApi);
  private readonly meta = inject(PortalMetaStore).meta;
  private readonly query = injectQueryParams();
  readonly set = injectQueryUpdater({ symbol: DEFAULT_SYMBOL });
  readonly strikeColumns = strikeColumns;
  readonly derivedColumns = derivedRowColumns;

  readonly symbol = computed(() => parseSymbol(this.query().get('symbol')));
  readonly symbols = resource({ loader: () => this.api.symbols() });
  readonly symbolList = computed(() => (this.symbols.hasValue() ? this.symbols.value().symbols : []));
  readonly candles = resource({ params: () => this.symbol(), loader: ({ params }) => this.api.candles(params) });
  readonly snapshot = resource({ params: () => this.symbol(), loader: ({ params }) => this.api.snapshot(params) });
  readonly derived = resource({ params: () => this.symbol(), loader: ({ params }) => this.api.derivedSnippet(params) });

  readonly candlesError = computed(() => (this.candles.status() === 'error' ? errorView(this.candles.error()) : null));
  readonly snapshotError = computed(() => (this.snapshot.status() === 'error' ? errorView(this.snapshot.error()) : null));
  readonly derivedError = computed(() => (this.derived.status() === 'error' ? errorView(this.derived.error()) : null));
  readonly derivedCmd = computed(() => derivedCommand(this.symbol()));
  readonly snapshotCommand = computed(
    () => `options-helper snapshot-options ${this.meta.hasValue() ? this.meta.value().portfolio_path : 'data/portfolio.json'} --all-expiries --full-chain`,
  );
  readonly oiBars = computed(() => {
    const s = this.snapshot.hasValue() ? this.snapshot.value().snapshot : null;
    if (!s) return [];
    return [...s.top_strikes].sort((a, b) => a.strike - b.strike).map((r) => ({ label: `strike ${formatNumber(r.strike)}`, value: r.total_oi }));
  });

  num = formatNumber;
  int = formatInt;
  pct = formatPct;
  pp = formatPp;
  signedPct = formatSignedPct;
  money = formatMoney;
  ratio = (v: number | null) => formatNumber(v, 4);
}
