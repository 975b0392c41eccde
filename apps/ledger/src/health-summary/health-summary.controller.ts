import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { HealthReport } from '@options-helper/domain';
import type { Ledger } from '@options-helper/ledger';
import { LEDGER } from '../ledger.tokens';
import { HealthQuery } from './dto/health.query';

@ApiTags('health')
@Controller('api/v1/health')
export class HealthSummaryController {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  @Get()
  @ApiOkResponse({ description: 'The `options-helper db health --json` report (DOMAIN.md §9.1).' })
  report(@Query() query: HealthQuery): Promise<HealthReport> {
    return this.ledger.health(query.toInput());
  }
}
