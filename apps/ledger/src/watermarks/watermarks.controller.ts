import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { WatermarkRecord } from '@options-helper/domain';
import type { Ledger } from '@options-helper/ledger';
import { HealthQuery } from '../health-summary/dto/health.query';
import { LEDGER } from '../ledger.tokens';
import type { WatermarkInput } from '@options-helper/domain';
import { bulkBody } from '../wire/wire-items';
import { UpsertWatermarksDto, WATERMARK_FIELDS } from './dto/upsert-watermarks.dto';

@ApiTags('watermarks')
@Controller('api/v1/watermarks')
export class WatermarksController {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  @Post()
  @HttpCode(200)
  @ApiBody({ type: UpsertWatermarksDto })
  @ApiOkResponse({ description: '{written}: watermarks that parsed (null/unparseable ones are ignored).' })
  async upsert(@Body() body: unknown): Promise<{ written: number }> {
    return { written: await this.ledger.upsertWatermarks(bulkBody<WatermarkInput>(body, 'watermarks', WATERMARK_FIELDS)) };
  }

  @Get()
  @ApiOkResponse({ description: 'Watermarks with staleness in days and trading sessions.' })
  list(@Query() query: HealthQuery): Promise<WatermarkRecord[]> {
    return this.ledger.listWatermarks(query.stale_days ?? null, query.limit ?? 500);
  }
}
