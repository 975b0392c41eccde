import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { HealthReport, HealthSnapshot } from '@options-helper/domain';
import type { Ledger } from '@options-helper/ledger';
import { LEDGER } from '../ledger.tokens';
import { HealthQuery } from './dto/health.query';

@ApiTags('health')
@Controller('api/v1/health')
export class HealthSummaryController {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  @Get('snapshot')
  @ApiOkResponse({ description: 'The portal health snapshot (DOMAIN.md §9.2): latest runs, recurring failures by stack hash, watermark freshness, failed checks. Defaults days=30, stale_days=3, limit=200.' })
  snapshot(@Query() query: HealthQuery): Promise<HealthSnapshot> {
    return this.ledger.healthSnapshot({ days: query.days ?? 30, staleDays: query.stale_days ?? 3, limit: query.limit ?? 200 });
  }

  @Get()
  @ApiOkResponse({ description: 'The `options-helper db health --json` report (DOMAIN.md §9.1).' })
  report(@Query() query: HealthQuery): Promise<HealthReport> {
    return this.ledger.health(query.toInput());
  }
}
