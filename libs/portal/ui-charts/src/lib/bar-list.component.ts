import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { formatInt } from '@options-helper/portal/ui';

export interface BarInput {
  label: string;
  value: number;
}

/** A labelled horizontal bar chart (categories, not time): signed values grow left (red) or right (green) of zero. */
@Component({
  selector: 'oh-bar-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <figure class="oh-bars">
      <figcaption>{{ caption() }}</figcaption>
      <ul>
        @for (b of bars(); track $index) {
          <li>
            <span class="label" [title]="b.label">{{ b.label }}</span>
            <span class="track" aria-hidden="true">
              <span class="bar" [class.neg]="b.value < 0" [style.width.%]="b.width" [style.left.%]="b.left"></span>
            </span>
            <span class="value">{{ b.text }}</span>
          </li>
        }
      </ul>
    </figure>
  `,
  styles: `
    .oh-bars { margin: 8px 0; }
    figcaption { font-weight: 600; margin-bottom: 4px; }
    ul { list-style: none; margin: 0; padding: 0; }
    li { display: grid; grid-template-columns: 220px 1fr 120px; gap: 8px; align-items: center; font-size: 0.8rem; padding: 1px 0; }
    .label { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .track { position: relative; height: 14px; background: #f1f3f5; border-radius: 2px; }
    .bar { position: absolute; top: 0; height: 14px; background: #2e7d32; border-radius: 2px; }
    .bar.neg { background: #b3261e; }
    .value { text-align: right; font-variant-numeric: tabular-nums; }
  `,
})
export class BarListComponent {
  readonly caption = input.required<string>();
  readonly items = input.required<readonly BarInput[]>();
  readonly format = input<(v: number) => string>(formatInt);

  readonly bars = computed(() => {
    const items = this.items();
    const hasNeg = items.some((i) => i.value < 0);
    const max = Math.max(1e-12, ...items.map((i) => Math.abs(i.value)));
    const half = hasNeg ? 50 : 100;
    return items.map((i) => {
      const width = (Math.abs(i.value) / max) * half;
      const left = hasNeg ? (i.value < 0 ? 50 - width : 50) : 0;
      return { label: i.label, value: i.value, width, left, text: this.format()(i.value) };
    });
  });
}
