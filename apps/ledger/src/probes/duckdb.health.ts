import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { Ledger } from '@options-helper/ledger';
import { LEDGER } from '../ledger.tokens';

/** Ready when DuckDB answers a query. */
@Injectable()
export class DuckDbHealthIndicator {
  constructor(
    @Inject(LEDGER) private readonly ledger: Ledger,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async check(key = 'duckdb') {
    const indicator = this.indicators.check(key);
    try {
      await this.ledger.ping();
      return indicator.up({ path: this.ledger.databasePath, write_queue_depth: this.ledger.queue.depth });
    } catch (err) {
      return indicator.down({ message: err instanceof Error ? err.message : String(err) });
    }
  }
}
