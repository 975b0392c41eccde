import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { PartitionMaterialization, PartitionWaiver, RangePlan } from '@options-helper/domain';
import { BackfillDetail, BackfillPartitionRecord, BackfillRecord, BackfillRepository, Ledger, MaterializationRunRecord, planRangeFromLedger } from '@options-helper/ledger';
import { LEDGER } from '../ledger.tokens';
import { BackfillPartitionDto, BackfillStatusDto, CreateBackfillDto, ListBackfillsQuery, WaiveDto } from './dto/backfill-writes.dto';
import { DateRangeQuery, RangePlanQuery } from './dto/range-plan.query';

/** Backfills of the daily graph and their progress (the orchestrator writes it), waivers and materialisation states. */
@ApiTags('backfill')
@Controller('api/v1')
export class BackfillsController {
  private readonly repo: BackfillRepository;

  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {
    this.repo = new BackfillRepository(ledger);
  }

  @Get('backfill/range-plan')
  @ApiOkResponse({ description: 'The range plan of the daily graph (DOMAIN.md §11) with its hash. Display only: planning changes nothing.' })
  rangePlan(@Query() q: RangePlanQuery): Promise<RangePlan> {
    return planRangeFromLedger(this.repo, this.ledger.calendar, q.toRequest(), q.partition_start);
  }

  @Get('backfill/materializations')
  @ApiOkResponse({ description: 'Latest state per (asset, partition) of the graph in [from, to].' })
  materializations(@Query() q: DateRangeQuery): Promise<PartitionMaterialization[]> {
    return this.repo.materializations(q.from, q.to);
  }

  @Get('backfill/materialization-runs')
  @ApiOkResponse({ description: 'Every job attempt the orchestrator started for partitions in [from, to].' })
  materializationRuns(@Query() q: DateRangeQuery): Promise<MaterializationRunRecord[]> {
    return this.repo.materializationRuns(q.from, q.to);
  }

  @Get('backfill/waivers')
  @ApiOkResponse({ description: 'Waived (asset, partition) cells.' })
  waivers(@Query() q: DateRangeQuery): Promise<PartitionWaiver[]> {
    return this.repo.waivers(q.from, q.to);
  }

  @Post('backfill/waivers')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The waiver (upsert on asset and partition).' })
  waive(@Body() body: WaiveDto): Promise<PartitionWaiver> {
    return this.repo.waive(body);
  }

  @Post('backfills')
  @ApiCreatedResponse({ description: 'The backfill with pending partitions; the open backfill of the same plan when there is one.' })
  create(@Body() body: CreateBackfillDto): Promise<BackfillDetail> {
    return this.repo.create(body.plan as unknown as RangePlan, body.triggered_by);
  }

  @Get('backfills')
  @ApiOkResponse({ description: 'Backfills, newest first.' })
  list(@Query() q: ListBackfillsQuery): Promise<BackfillRecord[]> {
    return this.repo.list({ status: q.status ? q.status.split(',').map((s) => s.trim()).filter(Boolean) : undefined, limit: q.limit });
  }

  @Get('backfills/:id')
  @ApiOkResponse({ description: 'One backfill with its partitions.' })
  @ApiNotFoundResponse()
  get(@Param('id') id: string): Promise<BackfillDetail> {
    return this.repo.get(id);
  }

  @Post('backfills/:id/status')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The backfill with its new status.' })
  setStatus(@Param('id') id: string, @Body() body: BackfillStatusDto): Promise<BackfillRecord> {
    return this.repo.setStatus(id, body.status, body.message ?? null);
  }

  @Post('backfills/:id/partitions/:partition')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The partition with its new progress.' })
  setPartition(@Param('id') id: string, @Param('partition') partition: string, @Body() body: BackfillPartitionDto): Promise<BackfillPartitionRecord> {
    return this.repo.setPartition(id, partition, body);
  }
}
