import { Controller, Get, Header, Inject, Injectable, NestMiddleware, Optional } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');
/** Optional `() => Promise<void>` run before each scrape (e.g. to refresh gauges derived from a database). */
export const METRICS_BEFORE_SCRAPE = Symbol('METRICS_BEFORE_SCRAPE');

/** One registry per service with process metrics and `options_helper_build_info`. */
export function createRegistry(service: string, version: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  // prom-client also exports three gauges with a `_total` suffix, which `promtool check metrics` rejects for
  // non-counters; the same numbers remain available per type in nodejs_active_{handles,requests,resources}.
  for (const name of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) registry.removeSingleMetric(name);
  const build = new Gauge({
    name: 'options_helper_build_info',
    help: 'Build information of the running service (value is always 1).',
    labelNames: ['version', 'node_version'],
    registers: [registry],
  });
  build.set({ version, node_version: process.version }, 1);
  return registry;
}

/** Request durations by method, matched route pattern and status class: bounded labels only. */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  private readonly histogram: Histogram<'method' | 'route' | 'status'>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.histogram =
      (registry.getSingleMetric('options_helper_http_request_duration_seconds') as Histogram<'method' | 'route' | 'status'>) ??
      new Histogram({
        name: 'options_helper_http_request_duration_seconds',
        help: 'HTTP request duration in seconds.',
        labelNames: ['method', 'route', 'status'],
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
        registers: [registry],
      });
  }

  use(req: { method: string; route?: { path?: string }; baseUrl?: string }, res: { statusCode: number; on(e: string, f: () => void): void }, next: () => void): void {
    const end = this.histogram.startTimer();
    res.on('finish', () => {
      const route = req.route?.path ? `${req.baseUrl ?? ''}${req.route.path}` : 'unmatched';
      end({ method: req.method, route, status: `${Math.floor(res.statusCode / 100)}xx` });
    });
    next();
  }
}

@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    @Optional() @Inject(METRICS_BEFORE_SCRAPE) private readonly beforeScrape?: () => Promise<void>,
  ) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async metrics(): Promise<string> {
    if (this.beforeScrape) await this.beforeScrape();
    return this.registry.metrics();
  }
}
