import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ingestCandles, ingestOptionsBars, LaunchedRun, snapshotOptions } from '@options-helper/jobs';
import { IngestCandlesDto } from './dto/ingest-candles.dto';
import { IngestOptionsBarsDto } from './dto/ingest-options-bars.dto';
import { SnapshotOptionsDto } from './dto/snapshot-options.dto';
import { JobLaunchService, launchTrigger } from '@options-helper/job-service';

export const INGEST_JOBS = [
  { job: 'ingest_candles', asset_keys: ['candles_daily'], path: '/api/v1/jobs/ingest_candles/runs' },
  { job: 'ingest_options_bars', asset_keys: ['option_contracts', 'option_bars'], path: '/api/v1/jobs/ingest_options_bars/runs' },
  { job: 'snapshot_options', asset_keys: ['options_snapshots'], path: '/api/v1/jobs/snapshot_options/runs' },
] as const;

/** Job runs are asynchronous: 202 with the run id; the run's state is read from the ledger (GET /api/v1/runs/{id}). */
@ApiTags('jobs')
@Controller('api/v1/jobs')
export class JobsController {
  constructor(private readonly jobs: JobLaunchService) {}

  @Get()
  @ApiOkResponse({ description: 'The jobs this service runs.' })
  list(): typeof INGEST_JOBS {
    return INGEST_JOBS;
  }

  @Post('ingest_candles/runs')
  @HttpCode(202)
  @ApiAcceptedResponse({ description: '{run_id, job_name, status: started}' })
  candles(@Body() body: IngestCandlesDto): Promise<LaunchedRun> {
    return this.jobs.launch('ingest_candles', launchTrigger(body), (ctx) => ingestCandles(ctx, body.toArgs()));
  }

  @Post('ingest_options_bars/runs')
  @HttpCode(202)
  @ApiAcceptedResponse({ description: '{run_id, job_name, status: started}' })
  optionsBars(@Body() body: IngestOptionsBarsDto): Promise<LaunchedRun> {
    return this.jobs.launch('ingest_options_bars', launchTrigger(body), (ctx) => ingestOptionsBars(ctx, body.toArgs()));
  }

  @Post('snapshot_options/runs')
  @HttpCode(202)
  @ApiAcceptedResponse({ description: '{run_id, job_name, status: started}' })
  snapshots(@Body() body: SnapshotOptionsDto): Promise<LaunchedRun> {
    return this.jobs.launch('snapshot_options', launchTrigger(body), (ctx) => snapshotOptions(ctx, body.toArgs()));
  }
}
