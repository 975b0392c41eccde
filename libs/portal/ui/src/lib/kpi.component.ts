import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** One key figure: a label and its value. */
@Component({
  selector: 'oh-kpi',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'oh-kpi', '[class.oh-kpi-alert]': 'alert()' },
  template: `<div class="oh-kpi-label">{{ label() }}</div><div class="oh-kpi-value">{{ value() }}</div>
    @if (hint()) { <div class="oh-kpi-hint">{{ hint() }}</div> }`,
  styles: `
    :host { display: block; min-width: 150px; padding: 12px 16px; border: 1px solid #d0d7de; border-radius: 8px; background: #fff; }
    :host(.oh-kpi-alert) { border-color: #b3261e; }
    .oh-kpi-label { font-size: 0.8rem; color: #4a4a4a; }
    .oh-kpi-value { font-size: 1.5rem; font-weight: 600; color: #1b1b1b; }
    :host(.oh-kpi-alert) .oh-kpi-value { color: #8c1d18; }
    .oh-kpi-hint { font-size: 0.75rem; color: #4a4a4a; }
  `,
})
export class KpiComponent {
  readonly label = input.required<string>();
  readonly value = input.required<string | number>();
  readonly hint = input<string | null>(null);
  readonly alert = input(false);
}
