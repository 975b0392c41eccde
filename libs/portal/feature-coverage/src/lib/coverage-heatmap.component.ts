import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { COVERAGE_STATES, type CoverageState, type PortalCoverage, type PortalCoverageCell } from '@options-helper/domain';

/** One letter per state, so the heatmap does not rely on colour alone. */
export const COVERAGE_MARK: Record<CoverageState, string> = { materialized: '✓', failed: '✗', skipped: 'S', missing: '·', waived: 'W' };

export function cellLabel(asset: string, cell: PortalCoverageCell): string {
  const parts = [`${asset} ${cell.session}: ${cell.state}`];
  if (cell.detail) parts.push(cell.detail);
  if (cell.run_id) parts.push(`open run ${cell.run_id}`);
  return parts.join(' — ');
}

/** Asset × trading session grid; a cell with a run links to it. */
@Component({
  selector: 'oh-coverage-heatmap',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ul class="oh-legend" aria-label="Legend">
      @for (s of states; track s) {
        <li><span class="cell cell-{{ s }}" aria-hidden="true">{{ marks[s] }}</span> {{ s }} ({{ coverage().counts[s] }})</li>
      }
    </ul>
    <div class="oh-heat-wrap" tabindex="0" role="region" aria-label="Coverage heatmap">
      <table class="oh-heat">
        <caption>Asset coverage by trading session, {{ coverage().from }} to {{ coverage().to }}</caption>
        <thead>
          <tr>
            <th scope="col">asset</th>
            @for (s of coverage().sessions; track s) {
              <th scope="col" class="session"><abbr [title]="s">{{ s.slice(5) }}</abbr></th>
            }
          </tr>
        </thead>
        <tbody>
          @for (a of coverage().assets; track a.asset_key) {
            <tr>
              <th scope="row">{{ a.asset_key }}</th>
              @for (c of a.cells; track c.session) {
                <td>
                  @if (c.run_id) {
                    <a class="cell cell-{{ c.state }}" [routerLink]="['/runs', c.run_id]" [attr.aria-label]="label(a.asset_key, c)" [title]="label(a.asset_key, c)" [attr.data-state]="c.state">{{ marks[c.state] }}</a>
                  } @else {
                    <span class="cell cell-{{ c.state }}" role="img" [attr.aria-label]="label(a.asset_key, c)" [title]="label(a.asset_key, c)" [attr.data-state]="c.state">{{ marks[c.state] }}</span>
                  }
                </td>
              }
            </tr>
          }
        </tbody>
      </table>
    </div>
  `,
  styles: `
    .oh-legend { display: flex; flex-wrap: wrap; gap: 16px; list-style: none; padding: 0; margin: 8px 0; }
    .oh-heat-wrap { overflow-x: auto; }
    .oh-heat { border-collapse: separate; border-spacing: 2px; font-size: 0.75rem; }
    caption { text-align: left; font-weight: 600; padding: 4px 0; }
    th { font-weight: 600; white-space: nowrap; color: #1b1b1b; }
    th[scope='row'] { text-align: left; padding-right: 8px; }
    th.session abbr { text-decoration: none; writing-mode: vertical-rl; transform: rotate(180deg); display: inline-block; }
    td { padding: 0; }
    .cell { display: inline-flex; align-items: center; justify-content: center; width: 22px; height: 22px; border-radius: 3px; text-decoration: none; font-weight: 700; }
    a.cell:focus-visible { outline: 2px solid #123b5a; outline-offset: 1px; }
    .cell-materialized { background: #cfe9d6; color: #14461f; }
    .cell-failed { background: #f7d4d1; color: #7a1712; }
    .cell-skipped { background: #fbe8b5; color: #5c4000; }
    .cell-missing { background: #e6e8eb; color: #3d3d3d; }
    .cell-waived { background: #d6e4f5; color: #0b3d62; }
  `,
})
export class CoverageHeatmapComponent {
  readonly coverage = input.required<PortalCoverage>();
  readonly states = COVERAGE_STATES;
  readonly marks = COVERAGE_MARK;

  label(asset: string, cell: PortalCoverageCell): string {
    return cellLabel(asset, cell);
  }
}
