import { ChangeDetectionStrategy, Component, computed, inject, resource } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { PortalColumnInfo, PortalTableInfo } from '@options-helper/domain';
import { injectQueryParams, injectQueryUpdater, parseIntParam, parseText, PortalApi } from '@options-helper/portal/data-access';
import { CommandComponent, DataTableComponent, errorView, StateComponent, TableColumn } from '@options-helper/portal/ui';

export const PREVIEW_LIMIT = { min: 10, max: 200, def: 50, step: 10 };
const SQL_MAX_ROWS = 500;

function resultColumns(columns: { name: string; type: string }[]): TableColumn[] {
  return columns.map((c) => ({ key: c.name, label: `${c.name} (${c.type})` }));
}

/** Data Explorer: schemas, tables with row counts, columns, preview rows and a read-only SQL box. */
@Component({
  selector: 'oh-data-page',
  imports: [MatFormFieldModule, MatInputModule, MatButtonModule, DataTableComponent, StateComponent, CommandComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Data Explorer</h1>
    <form class="oh-filters" aria-label="Table selection" (submit)="$event.preventDefault()">
      <mat-form-field>
        <mat-label>Schema</mat-label>
        <select matNativeControl name="schema" (change)="set({ schema: $any($event.target).value, table: null })">
          @for (s of schemaNames(); track s) { <option [value]="s" [selected]="s === schema()">{{ s }}</option> }
        </select>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Preview rows</mat-label>
        <input matInput type="number" name="limit" min="10" max="200" step="10" [value]="limit()" (change)="set({ limit: parseLimit($any($event.target).value) })" />
        <mat-hint>10–200</mat-hint>
      </mat-form-field>
    </form>

    <div class="oh-data-grid">
      <section aria-label="Tables">
        @if (tables.isLoading() && !tables.hasValue()) {
          <oh-state kind="loading" message="Loading tables…" />
        } @else if (tablesError(); as e) {
          <oh-state kind="error" [message]="e.message" [command]="e.command" />
        } @else if (tables.hasValue()) {
          @if (tables.value().tables.length === 0) {
            <oh-state kind="empty" [message]="'Schema ' + schema() + ' has no tables. Create the warehouse:'" command="options-helper db init" />
          } @else {
            <oh-table [caption]="'Tables in ' + schema()" [columns]="tableColumns" [rows]="tables.value().tables" />
          }
        }
      </section>
      <section aria-label="Selected table">
        @if (table(); as t) {
          @if (columns.hasValue()) {
            <oh-table [caption]="'Columns of ' + schema() + '.' + t" [columns]="columnColumns" [rows]="columns.value().columns" />
          } @else if (columnsError(); as e) {
            <oh-state kind="error" [message]="e.message" [command]="e.command" />
          }
        } @else {
          <oh-state kind="info" message="Choose a table to see its columns and a preview." />
        }
      </section>
    </div>

    @if (table()) {
      <section class="oh-section" aria-labelledby="preview-title" data-testid="preview">
        <h2 id="preview-title">Preview</h2>
        @if (preview.isLoading() && !preview.hasValue()) {
          <oh-state kind="loading" message="Loading preview…" />
        } @else if (previewError(); as e) {
          <oh-state kind="error" [message]="e.message" [command]="e.command" />
        } @else if (preview.hasValue()) {
          @let p = preview.value();
          <p><oh-command [command]="p.snippet" /></p>
          <oh-table [caption]="p.row_count + ' row(s) of ' + p.schema + '.' + p.table" [columns]="previewColumns()" [rows]="p.rows" emptyText="The table is empty." />
        }
      </section>
    }

    <section class="oh-section" aria-labelledby="sql-title">
      <h2 id="sql-title">Read-only SQL</h2>
      <p class="oh-muted">One SELECT on the ledger's read-only executor (at most {{ maxRows }} rows). Writes, files, network and extensions are refused.</p>
      <form (submit)="$event.preventDefault(); runSql(sqlBox.value)" aria-label="SQL query">
        <mat-form-field class="oh-sql-field">
          <mat-label>SQL</mat-label>
          <textarea matInput #sqlBox name="sql" rows="4" data-testid="sql-box" [value]="sql() ?? ''"></textarea>
        </mat-form-field>
        <div><button mat-flat-button type="submit" data-testid="sql-run">Run query</button></div>
      </form>
      @if (sql()) {
        @if (result.isLoading()) {
          <oh-state kind="loading" message="Running…" />
        } @else if (sqlError(); as e) {
          <oh-state kind="error" data-testid="sql-error" [message]="'Refused: ' + e.message" />
        } @else if (result.hasValue()) {
          @let r = result.value();
          <p class="oh-muted" data-testid="sql-summary">{{ r.row_count }} row(s) in {{ r.elapsed_ms }} ms{{ r.truncated ? ' (truncated)' : '' }}</p>
          <oh-table caption="Query result" [columns]="sqlColumns()" [rows]="r.rows" emptyText="The query returned no rows." />
        }
      }
    </section>
  `,
  styles: `
    .oh-data-grid { display: grid; grid-template-columns: minmax(280px, 1fr) 2fr; gap: 16px; align-items: start; }
    .oh-sql-field { width: 100%; }
    textarea { font-family: ui-monospace, Menlo, Consolas, monospace; }
  `,
})
export class DataPageComponent {
  private readonly api = inject(PortalApi);
  private readonly query = injectQueryParams();
  readonly set = injectQueryUpdater({ schema: 'main', limit: PREVIEW_LIMIT.def });
  readonly maxRows = SQL_MAX_ROWS;

  readonly schema = computed(() => parseText(this.query().get('schema')) ?? 'main');
  readonly table = computed(() => parseText(this.query().get('table')));
  readonly limit = computed(() => parseIntParam(this.query().get('limit'), PREVIEW_LIMIT));
  readonly sql = computed(() => parseText(this.query().get('sql')));

  readonly schemas = resource({ loader: () => this.api.schemas() });
  readonly schemaNames = computed(() => {
    const names = this.schemas.hasValue() ? this.schemas.value().schemas : [];
    return names.includes(this.schema()) ? names : [...names, this.schema()];
  });
  readonly tables = resource({ params: () => this.schema(), loader: ({ params }) => this.api.tables(params) });
  readonly columns = resource({
    params: () => (this.table() ? { schema: this.schema(), table: this.table() as string } : undefined),
    loader: ({ params }) => this.api.columns(params.schema, params.table),
  });
  readonly preview = resource({
    params: () => (this.table() ? { schema: this.schema(), table: this.table() as string, limit: this.limit() } : undefined),
    loader: ({ params }) => this.api.preview(params.schema, params.table, params.limit),
  });
  readonly result = resource({ params: () => this.sql() ?? undefined, loader: ({ params }) => this.api.sql(params, SQL_MAX_ROWS) });

  readonly tablesError = computed(() => (this.tables.status() === 'error' ? errorView(this.tables.error()) : null));
  readonly columnsError = computed(() => (this.columns.status() === 'error' ? errorView(this.columns.error()) : null));
  readonly previewError = computed(() => (this.preview.status() === 'error' ? errorView(this.preview.error()) : null));
  readonly sqlError = computed(() => (this.result.status() === 'error' ? errorView(this.result.error()) : null));
  readonly previewColumns = computed(() => (this.preview.hasValue() ? resultColumns(this.preview.value().columns) : []));
  readonly sqlColumns = computed(() => (this.result.hasValue() ? resultColumns(this.result.value().columns) : []));

  readonly tableColumns: TableColumn<PortalTableInfo>[] = [
    { key: 'name', label: 'table', link: (t) => ({ commands: [], queryParams: this.linkParams(t.name) }) },
    { key: 'kind', label: 'kind' },
    { key: 'rows', label: 'rows', kind: 'int' },
  ];
  readonly columnColumns: TableColumn<PortalColumnInfo>[] = [
    { key: 'ordinal_position', label: '#', kind: 'int' },
    { key: 'column_name', label: 'column_name' },
    { key: 'data_type', label: 'data_type' },
    { key: 'is_nullable', label: 'is_nullable' },
    { key: 'column_default', label: 'column_default' },
  ];

  private linkParams(table: string): Record<string, string> {
    const q = this.query();
    const out: Record<string, string> = {};
    for (const key of q.keys) out[key] = q.get(key) as string;
    out['table'] = table;
    return out;
  }

  parseLimit(raw: string): number {
    return parseIntParam(raw, PREVIEW_LIMIT);
  }

  runSql(text: string): void {
    if (text.trim() === this.sql()) this.result.reload();
    else void this.set({ sql: text.trim() });
  }
}
