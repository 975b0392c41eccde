import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { ActivatedRoute, Router } from '@angular/router';
import { CellKind, formatCell, isNumericKind } from './format';

export interface TableColumn<R = Record<string, unknown>> {
  key: string;
  label: string;
  kind?: CellKind;
  /** Router link of the cell (commands array, optional query params); null ⇒ plain text. */
  link?: (row: R) => { commands: unknown[]; queryParams?: Record<string, string> } | null;
  /** Class of the cell (e.g. a status colour) from the row. */
  cellClass?: (row: R) => string | null;
}

/** A plain, accessible table: caption, column headers, numbers right-aligned, nulls as `-`. */
@Component({
  selector: 'oh-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="oh-table-wrap" [attr.tabindex]="0" [attr.aria-label]="caption()" role="region" (click)="follow($event)">
      <table class="oh-table">
        <caption>{{ caption() }}</caption>
        <thead>
          <tr>
            @for (h of headers(); track h.key) {
              <th scope="col" [class.num]="h.num">{{ h.label }}</th>
            }
          </tr>
        </thead>
        <tbody>
          @for (row of view(); track $index) {
            <tr>
              @for (cell of row; track $index) {
                <td [class]="cell.cls" [attr.title]="cell.title">
                  @if (cell.href; as href) {
                    <a [href]="href" data-spa="true">{{ cell.text }}</a>
                  } @else {
                    {{ cell.text }}
                  }
                </td>
              }
            </tr>
          } @empty {
            <tr><td [attr.colspan]="headers().length" class="oh-table-empty">{{ emptyText() }}</td></tr>
          }
        </tbody>
      </table>
    </div>
  `,
  styles: `
    .oh-table-wrap { overflow-x: auto; max-width: 100%; }
    .oh-table-wrap:focus-visible { outline: 2px solid #1f5f8b; }
    table { border-collapse: collapse; width: 100%; font-size: 0.85rem; background: #fff; }
    caption { text-align: left; font-weight: 600; padding: 6px 0; color: #1b1b1b; }
    th, td { padding: 4px 8px; border-bottom: 1px solid #e1e4e8; text-align: left; white-space: nowrap; color: #1b1b1b; }
    td { max-width: 420px; overflow: hidden; text-overflow: ellipsis; }
    th { background: #f1f3f5; position: sticky; top: 0; }
    .num { text-align: right; font-variant-numeric: tabular-nums; }
    .oh-table-empty { color: #4a4a4a; font-style: italic; }
    a { color: #0b5394; }
    td.status-failed { color: #8c1d18; font-weight: 600; }
    td.status-success { color: #1e5e2a; }
    td.status-started { color: #6b4a00; }
    td.freshness-stale { color: #8c1d18; font-weight: 600; }
  `,
})
export class DataTableComponent<R extends object = Record<string, unknown>> {
  readonly caption = input.required<string>();
  readonly columns = input.required<TableColumn<R>[]>();
  readonly rows = input.required<readonly R[]>();
  readonly emptyText = input('No rows.');

  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  /** Rows drawn in the first frame; the rest follow right after it (a Health page on a big ledger has 500). */
  static readonly FIRST_PAINT_ROWS = 25;
  private readonly drawn = signal(DataTableComponent.FIRST_PAINT_ROWS);

  constructor() {
    effect(() => {
      const total = this.rows().length;
      untracked(() => this.drawn.set(DataTableComponent.FIRST_PAINT_ROWS));
      if (total > DataTableComponent.FIRST_PAINT_ROWS) {
        const expand = () => setTimeout(() => this.drawn.set(total), 0);
        if (typeof requestAnimationFrame === 'function') requestAnimationFrame(expand);
        else expand();
      }
    });
  }

  readonly headers = computed(() => this.columns().map((c) => ({ key: c.key, label: c.label, num: isNumericKind(c.kind) })));

  /** Every cell formatted once per change of rows or columns (the template only reads strings). */
  readonly view = computed((): TableCell[][] => {
    const columns = this.columns();
    return this.rows().slice(0, this.drawn()).map((row) =>
      columns.map((c) => {
        const text = formatCell((row as Record<string, unknown>)[c.key], c.kind);
        const cls = [isNumericKind(c.kind) ? 'num' : '', c.cellClass?.(row) ?? ''].join(' ').trim();
        const link = c.link?.(row) ?? null;
        return { text, cls, title: text.length > 48 ? text : null, href: link ? this.toHref(link) : null };
      }),
    );
  });

  // Plain anchors with one delegated click handler instead of a RouterLink per cell: a Health page on a big ledger
  // renders several hundred linked cells, and each RouterLink would subscribe to every router event.
  private toHref(link: { commands: unknown[]; queryParams?: Record<string, string> }): string {
    return this.router.serializeUrl(this.router.createUrlTree(link.commands, { relativeTo: this.route, queryParams: link.queryParams }));
  }

  follow(event: MouseEvent): void {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    const anchor = (event.target as Element | null)?.closest?.('a[data-spa]');
    const href = anchor?.getAttribute('href');
    if (!href) return;
    event.preventDefault();
    void this.router.navigateByUrl(href);
  }
}

export interface TableCell {
  text: string;
  cls: string;
  /** Full text of a cell the width limit may cut (shown as a tooltip). */
  title: string | null;
  href: string | null;
}
