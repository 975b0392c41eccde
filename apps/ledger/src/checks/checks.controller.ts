import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { CheckRecord } from '@options-helper/domain';
import type { Ledger } from '@options-helper/ledger';
import { HealthQuery } from '../health-summary/dto/health.query';
import { LEDGER } from '../ledger.tokens';
import type { CheckInput } from '@options-helper/domain';
import { bulkBody } from '../wire/wire-items';
import { CHECK_FIELDS, PersistChecksDto } from './dto/persist-checks.dto';

@ApiTags('checks')
@Controller('api/v1/checks')
export class ChecksController {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  @Post()
  @HttpCode(200)
  @ApiBody({ type: PersistChecksDto })
  @ApiOkResponse({ description: '{check_ids}: the ids of the persisted results, in order.' })
  async persist(@Body() body: unknown): Promise<{ check_ids: string[] }> {
    return { check_ids: await this.ledger.persistChecks(bulkBody<CheckInput>(body, 'checks', CHECK_FIELDS)) };
  }

  @Get('failed')
  @ApiOkResponse({ description: 'Failed check results within the window, newest first.' })
  failed(@Query() query: HealthQuery): Promise<CheckRecord[]> {
    return this.ledger.listFailedChecks(query.days ?? 30, query.limit ?? 200);
  }
}
