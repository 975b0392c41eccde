import type { DeepPartial, ChartOptions } from 'lightweight-charts';

/** Shared look of every time chart: light theme, UTC day scale, sized by its container. */
export const CHART_OPTIONS: DeepPartial<ChartOptions> = {
  autoSize: true,
  layout: { background: { color: '#ffffff' }, textColor: '#1b1b1b', fontSize: 11 },
  grid: { vertLines: { color: '#eef0f2' }, horzLines: { color: '#eef0f2' } },
  rightPriceScale: { borderColor: '#d0d7de' },
  timeScale: { borderColor: '#d0d7de' },
};

export const SERIES_COLORS = ['#1f5f8b', '#b3261e', '#2e7d32', '#8e5a00', '#6a3d9a', '#00796b'];
