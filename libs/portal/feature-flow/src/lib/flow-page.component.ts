import { ChangeDetectionStrategy, Component, computed, inject, resource } from '@angular/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { FLOW_GROUP_BYS, type FlowGroupBy, type PortalFlowPartition, type PortalFlowRow, type PortalFlowTypeSummary } from '@options-helper/domain';
import { DEFAULT_SYMBOL, injectQueryParams, injectQueryUpdater, parseChoice, parseIntParam, parseSymbol, parseText, PortalApi, PortalMetaStore } from '@options-helper/portal/data-access';
import { DataTableComponent, errorView, formatInt, formatMoney, KpiComponent, StateComponent, SymbolPickerComponent, TableColumn } from '@options-helper/portal/ui';
import { BarListComponent, TimeChartComponent } from '@options-helper/portal/ui-charts';
import { netFlowByAsOf, partitionKey, partitionLabel } from './flow-partitions';

export const FLOW_TOP = { min: 10, max: 200, def: 60, step: 10 };
export const FLOW_DEFAULT_GROUP: FlowGroupBy = 'expiry-strike';
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const partitionColumns: TableColumn<PortalFlowPartition>[] = [
  { key: 'as_of', label: 'as_of' },
  { key: 'from_date', label: 'from' },
  { key: 'to_date', label: 'to' },
  { key: 'window', label: 'window', kind: 'int' },
  { key: 'rows', label: 'rows', kind: 'int' },
  { key: 'net_delta_oi_notional', label: 'net ΔOI$', kind: 'money' },
  { key: 'total_volume_notional', label: 'volume notional', kind: 'money' },
  { key: 'net_delta_notional', label: 'net delta notional', kind: 'money' },
  { key: 'updated_at', label: 'updated_at', kind: 'ts' },
];

const typeColumns: TableColumn<PortalFlowTypeSummary>[] = [
  { key: 'option_type', label: 'type' },
  { key: 'rows', label: 'rows', kind: 'int' },
  { key: 'delta_oi_notional', label: 'ΔOI$', kind: 'money' },
  { key: 'volume_notional', label: 'volume notional', kind: 'money' },
  { key: 'delta_notional', label: 'delta notional', kind: 'money' },
];

/** Flow: persisted partitions, net flow over time, one partition's top rows (bar chart, table) and a row drill-down. */
@Component({
  selector: 'oh-flow-page',
  imports: [MatFormFieldModule, MatInputModule, SymbolPickerComponent, DataTableComponent, KpiComponent, StateComponent, TimeChartComponent, BarListComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './flow-page.component.html',
  styles: `
    .oh-partition-field { width: 640px; max-width: 100%; }
    .oh-drill { border: 1px solid #d0d7de; border-radius: 6px; padding: 8px 16px; background: #fff; margin: 8px 0; }
    .oh-drill dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; }
    .oh-drill dd { margin: 0; }
  `,
})
export class FlowPageComponent {
  private readonly api = inject(PortalApi);
  private readonly meta = inject(PortalMetaStore).meta;
  private readonly query = injectQueryParams();
  readonly set = injectQueryUpdater({ symbol: DEFAULT_SYMBOL, group_by: FLOW_DEFAULT_GROUP, top: FLOW_TOP.def });
  readonly groupBys = FLOW_GROUP_BYS;
  readonly partitionColumns = partitionColumns;
  readonly typeColumns = typeColumns;

  readonly symbol = computed(() => parseSymbol(this.query().get('symbol')));
  readonly groupBy = computed(() => parseChoice<FlowGroupBy>(this.query().get('group_by'), FLOW_GROUP_BYS, FLOW_DEFAULT_GROUP));
  readonly top = computed(() => parseIntParam(this.query().get('top'), FLOW_TOP));
  readonly from = computed(() => this.date('from'));
  readonly to = computed(() => this.date('to'));
  readonly partitionParam = computed(() => parseText(this.query().get('partition')));
  readonly rowParam = computed(() => parseText(this.query().get('row')));

  readonly symbols = resource({ loader: () => this.api.flowSymbols() });
  readonly symbolList = computed(() => (this.symbols.hasValue() ? this.symbols.value().symbols : []));
  readonly partitions = resource({
    params: () => ({ symbol: this.symbol(), group_by: this.groupBy(), from: this.from(), to: this.to() }),
    loader: ({ params: { symbol, ...query } }) => this.api.flowPartitions(symbol, query),
  });
  readonly partitionsError = computed(() => (this.partitions.status() === 'error' ? errorView(this.partitions.error()) : null));
  readonly list = computed(() => (this.partitions.hasValue() ? this.partitions.value().partitions : []));
  readonly selected = computed(() => {
    const list = this.list();
    const want = this.partitionParam();
    return list.find((p) => partitionKey(p) === want) ?? list[0] ?? null;
  });
  readonly netSeries = computed(() => [{ name: 'Net ΔOI$ per as-of date', type: 'histogram' as const, points: netFlowByAsOf(this.list()) }]);
  readonly flowCommand = computed(
    () => `options-helper flow ${this.meta.hasValue() ? this.meta.value().portfolio_path : 'data/portfolio.json'} --window 1 --group-by expiry-strike`,
  );

  readonly rows = resource({
    params: () => {
      const p = this.selected();
      const g = this.partitions.hasValue() ? this.partitions.value().group_by : null;
      return p && g ? { symbol: this.symbol(), as_of: p.as_of, from_date: p.from_date, to_date: p.to_date, window: p.window, group_by: g, top: this.top() } : undefined;
    },
    loader: ({ params: { symbol, ...query } }) => this.api.flowRows(symbol, query),
  });
  readonly rowsError = computed(() => (this.rows.status() === 'error' ? errorView(this.rows.error()) : null));
  readonly bars = computed(() =>
    this.rows.hasValue() ? this.rows.value().rows.slice(0, 20).map((r) => ({ label: r.label, value: r.delta_oi_notional ?? 0 })) : [],
  );
  readonly drillRow = computed(() => {
    const key = this.rowParam();
    return key && this.rows.hasValue() ? (this.rows.value().rows.find((r) => r.row_key === key) ?? null) : null;
  });
  readonly rowColumns: TableColumn<PortalFlowRow>[] = [
    { key: 'row_key', label: 'row_key', link: (r) => ({ commands: [], queryParams: this.withParam('row', r.row_key) }) },
    { key: 'label', label: 'label' },
    { key: 'option_type', label: 'type' },
    { key: 'expiry', label: 'expiry' },
    { key: 'strike', label: 'strike', kind: 'number' },
    { key: 'delta_oi', label: 'ΔOI', kind: 'int' },
    { key: 'delta_oi_notional', label: 'ΔOI$', kind: 'money' },
    { key: 'volume_notional', label: 'volume notional', kind: 'money' },
    { key: 'delta_notional', label: 'delta notional', kind: 'money' },
    { key: 'n_pairs', label: 'pairs', kind: 'int' },
  ];
  readonly drillEntries = computed(() => {
    const r = this.drillRow();
    return r ? Object.entries(r).map(([k, v]) => ({ k, v: v === null || v === undefined ? '-' : String(v) })) : [];
  });

  readonly money = formatMoney;
  readonly int = formatInt;
  readonly label = partitionLabel;
  readonly key = partitionKey;

  private date(name: string): string | null {
    const v = parseText(this.query().get(name));
    return v && DATE.test(v) ? v : null;
  }

  private withParam(name: string, value: string): Record<string, string> {
    const q = this.query();
    const out: Record<string, string> = {};
    for (const k of q.keys) out[k] = q.get(k) as string;
    out[name] = value;
    return out;
  }

  setDate(name: 'from' | 'to', value: string): void {
    void this.set({ [name]: DATE.test(value) ? value : null, partition: null, row: null });
  }
}
