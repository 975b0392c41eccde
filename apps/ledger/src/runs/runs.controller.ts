import { Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AssetEventRecord, Page, RunRecord } from '@options-helper/domain';
import type { Ledger } from '@options-helper/ledger';
import { LEDGER } from '../ledger.tokens';
import { ErrorInfoDto, FinalizeRunDto } from './dto/finalize-run.dto';
import { ListRunsQuery } from './dto/list-runs.query';
import { StartRunDto } from './dto/start-run.dto';

@ApiTags('runs')
@Controller('api/v1/runs')
export class RunsController {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  @Post()
  @ApiCreatedResponse({ description: 'The run, status started (idempotent for an existing run_id).' })
  start(@Body() body: StartRunDto): Promise<RunRecord> {
    return this.ledger.startRun(body.toInput());
  }

  @Get()
  @ApiOkResponse({ description: 'Runs, newest first: {items, total, limit, offset}.' })
  list(@Query() query: ListRunsQuery): Promise<Page<RunRecord>> {
    return this.ledger.listRuns(query.toQuery());
  }

  @Get(':runId')
  @ApiOkResponse({ description: 'One run.' })
  @ApiNotFoundResponse()
  async get(@Param('runId') runId: string): Promise<RunRecord> {
    const run = await this.ledger.getRun(runId);
    if (!run) throw new NotFoundException(`run ${runId} does not exist`);
    return run;
  }

  @Get(':runId/events')
  @ApiOkResponse({ description: 'Asset events of the run.' })
  events(@Param('runId') runId: string): Promise<AssetEventRecord[]> {
    return this.ledger.listRunEvents(runId);
  }

  @Post(':runId/finalize')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The finalised run; a run already finalised is returned unchanged.' })
  @ApiNotFoundResponse()
  finalize(@Param('runId') runId: string, @Body() body: FinalizeRunDto): Promise<RunRecord> {
    return body.status === 'success'
      ? this.ledger.finalizeSuccess({ runId, endedAt: body.ended_at })
      : this.ledger.finalizeFailure({ runId, endedAt: body.ended_at, error: body.error as ErrorInfoDto, stackText: body.stack_text });
  }
}
