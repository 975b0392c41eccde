import { afterNextRender, ChangeDetectionStrategy, Component, DestroyRef, effect, ElementRef, inject, input, viewChild } from '@angular/core';
import { createChart, HistogramSeries, LineSeries, type IChartApi, type ISeriesApi } from 'lightweight-charts';
import { CHART_OPTIONS, SERIES_COLORS } from './chart-theme';
import { dayTime } from './price-chart.component';

export interface TimeSeriesInput {
  name: string;
  points: readonly { date: string; value: number | null }[];
  /** Line (default) or histogram bars (e.g. net flow per day; negative bars are drawn red). */
  type?: 'line' | 'histogram';
}

/** One or more day-keyed series (lines or bars) with an HTML legend. */
@Component({
  selector: 'oh-time-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ul class="oh-legend" [attr.aria-label]="label() + ' legend'">
      @for (s of series(); track s.name; let i = $index) {
        <li><span class="swatch" [style.background]="color(i)" aria-hidden="true"></span>{{ s.name }}</li>
      }
    </ul>
    <figure class="oh-chart-figure"><figcaption class="oh-visually-hidden">{{ label() }}</figcaption><div #box class="oh-chart" [class.oh-chart-small]="small()"></div></figure>
  `,
  styles: `
    .oh-legend { display: flex; flex-wrap: wrap; gap: 12px; list-style: none; padding: 0; margin: 4px 0; font-size: 0.8rem; }
    .swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 4px; vertical-align: middle; }
  `,
})
export class TimeChartComponent {
  readonly series = input.required<readonly TimeSeriesInput[]>();
  readonly label = input.required<string>();
  readonly small = input(false);
  private readonly box = viewChild.required<ElementRef<HTMLElement>>('box');
  private chart: IChartApi | null = null;
  private drawn: ISeriesApi<'Line' | 'Histogram'>[] = [];

  constructor() {
    afterNextRender(() => {
      this.chart = createChart(this.box().nativeElement, CHART_OPTIONS);
      this.render();
    });
    effect(() => {
      this.series();
      this.render();
    });
    inject(DestroyRef).onDestroy(() => this.chart?.remove());
  }

  color(i: number): string {
    return SERIES_COLORS[i % SERIES_COLORS.length];
  }

  private render(): void {
    const chart = this.chart;
    if (!chart) return;
    for (const s of this.drawn) chart.removeSeries(s);
    this.drawn = this.series().map((s, i) => {
      const points = s.points.filter((p) => p.value !== null && Number.isFinite(p.value));
      if (s.type === 'histogram') {
        const series = chart.addSeries(HistogramSeries, { color: this.color(i) });
        series.setData(points.map((p) => ({ time: dayTime(p.date), value: p.value as number, color: (p.value as number) < 0 ? '#b3261e' : '#2e7d32' })));
        return series;
      }
      const series = chart.addSeries(LineSeries, { color: this.color(i), lineWidth: 2 });
      series.setData(points.map((p) => ({ time: dayTime(p.date), value: p.value as number })));
      return series;
    });
    chart.timeScale().fitContent();
  }
}
