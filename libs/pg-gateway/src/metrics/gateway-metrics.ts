import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { QueryOutcome } from '../session/pg-session';

/** The gateway's Prometheus metrics; labels are bounded (outcome, reason). */
export class GatewayMetrics {
  readonly connections: Gauge;
  readonly connectionsTotal: Counter;
  readonly queries: Counter;
  readonly duration: Histogram;
  readonly authFailures: Counter;
  readonly rejected: Counter;

  constructor(registry: Registry) {
    const registers = [registry];
    this.connections = new Gauge({ name: 'options_helper_gateway_connections', help: 'Open Postgres gateway connections (authenticated sessions).', registers });
    this.connectionsTotal = new Counter({ name: 'options_helper_gateway_connections_total', help: 'Postgres gateway sessions started after authentication.', registers });
    this.queries = new Counter({
      name: 'options_helper_gateway_queries_total',
      help: 'Statements run through the Postgres gateway by outcome (success, error, refused, cancelled, timeout).',
      labelNames: ['outcome'],
      registers,
    });
    this.duration = new Histogram({
      name: 'options_helper_gateway_query_duration_seconds',
      help: 'Duration of statements run through the Postgres gateway.',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.authFailures = new Counter({ name: 'options_helper_gateway_auth_failures_total', help: 'Failed Postgres gateway logins.', registers });
    this.rejected = new Counter({
      name: 'options_helper_gateway_connections_rejected_total',
      help: 'Connections the gateway turned away, by reason (too_many, tls_required, protocol).',
      labelNames: ['reason'],
      registers,
    });
  }

  queryFinished(outcome: QueryOutcome, seconds: number): void {
    this.queries.inc({ outcome });
    this.duration.observe(seconds);
  }
}
