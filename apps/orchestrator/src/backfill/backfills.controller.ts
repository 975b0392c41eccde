import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { BackfillDetail, BackfillRecord } from '@options-helper/ledger';
import { BackfillLedgerClient } from '../clients/backfill-ledger.client';
import { BackfillApplyService } from './backfill-apply.service';
import { ApplyBackfillDto } from './dto/apply-backfill.dto';

@ApiTags('backfills')
@Controller('api/v1/backfills')
export class BackfillsController {
  constructor(
    private readonly applier: BackfillApplyService,
    private readonly backfills: BackfillLedgerClient,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiAcceptedResponse({ description: 'The backfill, recorded and queued; progress: GET /api/v1/backfills/{id}.' })
  @ApiConflictResponse({ description: 'The plan changed since it was shown (hash mismatch).' })
  apply(@Body() body: ApplyBackfillDto): Promise<BackfillDetail> {
    return this.applier.apply(body.hash, { from: body.from, to: body.to, assets: body.assets, mode: body.mode });
  }

  @Get()
  @ApiOkResponse({ description: 'Backfills, newest first (from the ledger).' })
  list(@Query('status') status?: string): Promise<BackfillRecord[]> {
    return this.backfills.list(status ? status.split(',') : undefined);
  }

  @Get(':id')
  @ApiOkResponse({ description: 'One backfill with its partitions.' })
  get(@Param('id') id: string): Promise<BackfillDetail> {
    return this.backfills.get(id);
  }
}
