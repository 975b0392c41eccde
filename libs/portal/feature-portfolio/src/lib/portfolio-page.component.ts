import { ChangeDetectionStrategy, Component, computed, inject, resource } from '@angular/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { PortalStressRow, PositionRow } from '@options-helper/domain';
import { ApiError, injectQueryParams, injectQueryUpdater, parseText, PortalApi, PortalMetaStore } from '@options-helper/portal/data-access';
import { DataTableComponent, errorView, formatInt, formatMoney, formatNumber, formatPct, KpiComponent, StateComponent, TableColumn } from '@options-helper/portal/ui';

const positionColumns: TableColumn<PositionRow>[] = [
  { key: 'id', label: 'id' },
  { key: 'symbol', label: 'symbol', link: (p) => ({ commands: ['/symbols'], queryParams: { symbol: p.symbol } }) },
  { key: 'structure', label: 'structure' },
  { key: 'option_type', label: 'option_type' },
  { key: 'expiry', label: 'expiry' },
  { key: 'strike', label: 'strike', kind: 'number' },
  { key: 'contracts', label: 'contracts', kind: 'int' },
  { key: 'cost_basis', label: 'cost_basis', kind: 'number' },
  { key: 'premium_at_risk', label: 'premium_at_risk', kind: 'money' },
  { key: 'opened_at', label: 'opened_at' },
  { key: 'notes', label: 'notes' },
];

const stressColumns: TableColumn<PortalStressRow>[] = [
  { key: 'label', label: 'scenario' },
  { key: 'pnl', label: 'pnl', kind: 'money' },
  { key: 'pnl_pct', label: 'pnl_pct', kind: 'pct' },
  { key: 'warnings', label: 'warnings' },
];

/** Portfolio: positions (§7.3), the risk summary (latest briefing or computed), stress scenarios and risk warnings. */
@Component({
  selector: 'oh-portfolio-page',
  imports: [MatFormFieldModule, MatInputModule, DataTableComponent, KpiComponent, StateComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Portfolio</h1>
    <form class="oh-filters" aria-label="Portfolio files" (submit)="$event.preventDefault()">
      <mat-form-field class="oh-wide">
        <mat-label>Portfolio path</mat-label>
        <input matInput name="portfolio_path" [value]="portfolioPath() ?? defaultPortfolio()" (change)="setPath('portfolio_path', $any($event.target).value, defaultPortfolio())" />
      </mat-form-field>
      <mat-form-field class="oh-wide">
        <mat-label>Reports folder</mat-label>
        <input matInput name="reports_dir" [value]="reportsDir() ?? defaultReports()" (change)="setPath('reports_dir', $any($event.target).value, defaultReports())" />
        <mat-hint>briefings are read from daily/</mat-hint>
      </mat-form-field>
    </form>
    @if (portfolio.isLoading() && !portfolio.hasValue()) {
      <oh-state kind="loading" message="Loading the portfolio…" />
    } @else if (error(); as e) {
      <oh-state kind="error" [message]="e.message" [command]="e.command" />
      @if (issues().length) {
        <ul class="oh-issues" aria-label="Validation issues">
          @for (i of issues(); track i.path) { <li><code>{{ i.path }}</code>: {{ i.reason }}</li> }
        </ul>
      }
    } @else if (portfolio.hasValue()) {
      @let p = portfolio.value();
      @let r = p.risk_summary;
      <p class="oh-muted">File <code>{{ p.portfolio_path }}</code> · base currency {{ p.base_currency }}</p>
      <section class="oh-section" aria-labelledby="risk-title" data-testid="risk-summary">
        <h2 id="risk-title">Risk Summary</h2>
        <p class="oh-muted" data-testid="risk-source">
          Source: {{ r.source }}@if (r.source === 'briefing') { — briefing {{ r.report_date }} (as of {{ r.as_of ?? '-' }})}
          @if (r.note) { <br />{{ r.note }} }
        </p>
        <div class="oh-kpis">
          <oh-kpi label="Positions" [value]="int(r.position_count)" />
          <oh-kpi label="Symbols" [value]="int(r.symbol_count)" />
          <oh-kpi label="Premium At Risk" [value]="money(r.premium_at_risk)" />
          <oh-kpi label="Capital Basis" [value]="money(r.capital_cost_basis)" />
          <oh-kpi label="Portfolio Delta" [value]="num(r.total_delta_shares)" hint="shares" />
          <oh-kpi label="Theta/Day" [value]="money(r.total_theta_dollars_per_day)" />
          <oh-kpi label="Vega/1.00 IV" [value]="money(r.total_vega_dollars_per_iv)" />
          <oh-kpi label="Missing Greeks" [value]="int(r.missing_greeks)" />
          <oh-kpi label="Cash" [value]="money(r.cash)" />
          <oh-kpi label="Next Expiry" [value]="r.next_expiry ?? '-'" />
          <oh-kpi label="Take Profit" [value]="pct(r.take_profit_pct)" />
          <oh-kpi label="Stop Loss" [value]="pct(r.stop_loss_pct)" />
        </div>
      </section>
      <section class="oh-section" data-testid="positions">
        @if (p.positions.length === 0) {
          <oh-state kind="empty" [message]="'The portfolio ' + p.portfolio_path + ' has no positions.'" />
        }
        <oh-table caption="Positions" [columns]="positionColumns" [rows]="p.positions" emptyText="No positions." />
      </section>
      <section class="oh-section">
        <oh-table caption="Stress Scenarios" [columns]="stressColumns" [rows]="p.stress" emptyText="No stress results: they come from the latest briefing (options-helper briefing)." />
      </section>
      <section class="oh-section" aria-labelledby="warn-title">
        <h2 id="warn-title">Risk Warnings</h2>
        @if (p.warnings.length === 0) {
          <p class="oh-muted">No risk warnings.</p>
        } @else {
          <ul>
            @for (w of p.warnings; track $index) { <li>{{ w }}</li> }
          </ul>
        }
      </section>
    }
  `,
  styles: `.oh-wide { width: 360px !important; } .oh-issues { color: #5f1410; }`,
})
export class PortfolioPageComponent {
  private readonly api = inject(PortalApi);
  private readonly meta = inject(PortalMetaStore).meta;
  private readonly query = injectQueryParams();
  private readonly update = injectQueryUpdater();
  readonly positionColumns = positionColumns;
  readonly stressColumns = stressColumns;

  readonly portfolioPath = computed(() => parseText(this.query().get('portfolio_path')));
  readonly reportsDir = computed(() => parseText(this.query().get('reports_dir')));
  readonly defaultPortfolio = computed(() => (this.meta.hasValue() ? this.meta.value().portfolio_path : 'data/portfolio.json'));
  readonly defaultReports = computed(() => (this.meta.hasValue() ? this.meta.value().reports_dir : 'data/reports'));

  readonly portfolio = resource({
    params: () => ({ portfolio_path: this.portfolioPath(), reports_dir: this.reportsDir() }),
    loader: ({ params }) => this.api.portfolio(params),
  });
  readonly error = computed(() => {
    if (this.portfolio.status() !== 'error') return null;
    const err = this.portfolio.error();
    if (err instanceof ApiError && err.reason === 'portfolio_missing') {
      return { message: `${err.message} Create the portfolio JSON (DOMAIN.md §7.1) at that path, or start the demo stack (it seeds one):`, command: 'npm start' };
    }
    return errorView(err);
  });
  readonly issues = computed(() => {
    const err = this.portfolio.status() === 'error' ? this.portfolio.error() : null;
    return err instanceof ApiError ? err.issues : [];
  });

  setPath(name: 'portfolio_path' | 'reports_dir', value: string, def: string): void {
    const v = value.trim();
    void this.update({ [name]: v && v !== def ? v : null });
  }

  int = formatInt;
  money = formatMoney;
  num = formatNumber;
  pct = formatPct;
}
