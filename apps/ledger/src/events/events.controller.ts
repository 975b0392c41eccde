import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Ledger } from '@options-helper/ledger';
import { LEDGER } from '../ledger.tokens';
import { LogEventsDto } from './dto/log-events.dto';

@ApiTags('events')
@Controller('api/v1/events')
export class EventsController {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  @Post()
  @HttpCode(200)
  @ApiOkResponse({ description: '{written}: events upserted in one transaction.' })
  async log(@Body() body: LogEventsDto): Promise<{ written: number }> {
    return { written: await this.ledger.logAssetEvents(body.events.map((e) => e.toInput())) };
  }
}
