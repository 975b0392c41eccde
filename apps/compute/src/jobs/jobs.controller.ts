import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { buildBriefing, buildDashboard, computeDerivedSelection, computeFlow, LaunchedRun } from '@options-helper/jobs';
import { BuildBriefingDto } from './dto/build-briefing.dto';
import { BuildDashboardDto } from './dto/build-dashboard.dto';
import { ComputeDerivedDto } from './dto/compute-derived.dto';
import { ComputeFlowDto } from './dto/compute-flow.dto';
import { JobLaunchService, launchTrigger } from '@options-helper/job-service';

export const COMPUTE_JOBS = [
  { job: 'compute_flow', asset_keys: ['options_flow'], path: '/api/v1/jobs/compute_flow/runs' },
  { job: 'compute_derived', asset_keys: ['derived_daily'], path: '/api/v1/jobs/compute_derived/runs' },
  { job: 'build_briefing', asset_keys: ['briefing_markdown', 'briefing_json'], path: '/api/v1/jobs/build_briefing/runs' },
  { job: 'build_dashboard', asset_keys: ['dashboard_view'], path: '/api/v1/jobs/build_dashboard/runs' },
] as const;

/** Job runs are asynchronous: 202 with the run id; the run's state is read from the ledger (GET /api/v1/runs/{id}). */
@ApiTags('jobs')
@Controller('api/v1/jobs')
export class JobsController {
  constructor(private readonly jobs: JobLaunchService) {}

  @Get()
  @ApiOkResponse({ description: 'The jobs this service runs.' })
  list(): typeof COMPUTE_JOBS {
    return COMPUTE_JOBS;
  }

  @Post('compute_flow/runs')
  @HttpCode(202)
  @ApiAcceptedResponse({ description: '{run_id, job_name, status: started}' })
  flow(@Body() body: ComputeFlowDto): Promise<LaunchedRun> {
    return this.jobs.launch('compute_flow', launchTrigger(body), (ctx) => computeFlow(ctx, body.toArgs()));
  }

  @Post('compute_derived/runs')
  @HttpCode(202)
  @ApiAcceptedResponse({ description: '{run_id, job_name, status: started}' })
  derived(@Body() body: ComputeDerivedDto): Promise<LaunchedRun> {
    return this.jobs.launch('compute_derived', launchTrigger(body), (ctx) => computeDerivedSelection(ctx, body.toArgs()));
  }

  @Post('build_briefing/runs')
  @HttpCode(202)
  @ApiAcceptedResponse({ description: '{run_id, job_name, status: started}' })
  briefing(@Body() body: BuildBriefingDto): Promise<LaunchedRun> {
    return this.jobs.launch('build_briefing', launchTrigger(body), (ctx) => buildBriefing(ctx, body.toArgs()));
  }

  @Post('build_dashboard/runs')
  @HttpCode(202)
  @ApiAcceptedResponse({ description: '{run_id, job_name, status: started}' })
  dashboard(@Body() body: BuildDashboardDto): Promise<LaunchedRun> {
    return this.jobs.launch('build_dashboard', launchTrigger(body), (ctx) => buildDashboard(ctx, body.toArgs()));
  }
}
