import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Ledger } from '@options-helper/ledger';
import { LEDGER } from '../ledger.tokens';
import type { AssetEventInput } from '@options-helper/domain';
import { bulkBody } from '../wire/wire-items';
import { ASSET_EVENT_FIELDS, LogEventsDto } from './dto/log-events.dto';

@ApiTags('events')
@Controller('api/v1/events')
export class EventsController {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  @Post()
  @HttpCode(200)
  @ApiBody({ type: LogEventsDto })
  @ApiOkResponse({ description: '{written}: events upserted in one transaction.' })
  async log(@Body() body: unknown): Promise<{ written: number }> {
    return { written: await this.ledger.logAssetEvents(bulkBody<AssetEventInput>(body, 'events', ASSET_EVENT_FIELDS)) };
  }
}
