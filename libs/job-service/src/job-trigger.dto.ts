import type { LaunchTrigger } from '@options-helper/jobs';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Min } from 'class-validator';

/** Fields every job-run request may carry: who triggered it and the orchestrator's parent run. */
export class JobTriggerDto {
  @ApiPropertyOptional({ enum: ['api', 'schedule', 'backfill'], default: 'api' })
  @IsOptional()
  @IsIn(['api', 'schedule', 'backfill'])
  triggered_by?: 'api' | 'schedule' | 'backfill';

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  parent_run_id?: string;

  @ApiPropertyOptional({ minimum: 1, description: 'Attempt number of an orchestrated retry (recorded in args).' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  attempt?: number;
}

/** The launch trigger a job-run request carries (defaults: triggered by `api`, no parent run). */
export function launchTrigger(body: JobTriggerDto): LaunchTrigger {
  return { triggeredBy: body.triggered_by ?? 'api', parentRunId: body.parent_run_id ?? null, attempt: body.attempt };
}
