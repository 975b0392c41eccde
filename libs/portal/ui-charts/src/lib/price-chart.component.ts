import { afterNextRender, ChangeDetectionStrategy, Component, DestroyRef, effect, ElementRef, inject, input, viewChild } from '@angular/core';
import { CandlestickSeries, createChart, HistogramSeries, type IChartApi, type ISeriesApi, type UTCTimestamp } from 'lightweight-charts';
import { CHART_OPTIONS } from './chart-theme';

export interface CandleInput {
  date: string;
  open: number | null;
  high: number | null;
  low: number | null;
  close: number | null;
  volume: number | null;
}

export function dayTime(date: string): UTCTimestamp {
  return (Date.parse(`${date.slice(0, 10)}T00:00:00Z`) / 1000) as UTCTimestamp;
}

/** Candlesticks with a volume histogram underneath (lightweight-charts v5). */
@Component({
  selector: 'oh-price-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<figure class="oh-chart-figure"><figcaption class="oh-visually-hidden">{{ label() }}</figcaption><div #box class="oh-chart"></div></figure>`,
})
export class PriceChartComponent {
  readonly candles = input.required<readonly CandleInput[]>();
  readonly label = input('Price and volume chart');
  private readonly box = viewChild.required<ElementRef<HTMLElement>>('box');
  private chart: IChartApi | null = null;
  private price: ISeriesApi<'Candlestick'> | null = null;
  private volume: ISeriesApi<'Histogram'> | null = null;

  constructor() {
    afterNextRender(() => {
      this.chart = createChart(this.box().nativeElement, CHART_OPTIONS);
      this.price = this.chart.addSeries(CandlestickSeries, { upColor: '#2e7d32', downColor: '#b3261e', wickUpColor: '#2e7d32', wickDownColor: '#b3261e', borderVisible: false });
      this.volume = this.chart.addSeries(HistogramSeries, { priceScaleId: 'volume', priceFormat: { type: 'volume' }, color: '#9fb7cc' });
      this.chart.priceScale('volume').applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
      this.price.priceScale().applyOptions({ scaleMargins: { top: 0.05, bottom: 0.25 } });
      this.render();
    });
    effect(() => {
      this.candles();
      this.render();
    });
    inject(DestroyRef).onDestroy(() => this.chart?.remove());
  }

  private render(): void {
    if (!this.chart || !this.price || !this.volume) return;
    const rows = this.candles().filter((c) => c.open !== null && c.high !== null && c.low !== null && c.close !== null);
    this.price.setData(rows.map((c) => ({ time: dayTime(c.date), open: c.open as number, high: c.high as number, low: c.low as number, close: c.close as number })));
    this.volume.setData(rows.map((c) => ({ time: dayTime(c.date), value: c.volume ?? 0 })));
    this.chart.timeScale().fitContent();
  }
}
