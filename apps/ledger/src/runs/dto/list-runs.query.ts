import { ApiPropertyOptional } from '@nestjs/swagger';
import { RUN_STATUSES, RUN_TRIGGERS, RunListQuery, RunStatus } from '@options-helper/domain';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, Min } from 'class-validator';

export class ListRunsQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  job_name?: string;

  @ApiPropertyOptional({ enum: RUN_STATUSES })
  @IsOptional()
  @IsIn(RUN_STATUSES)
  status?: RunStatus;

  @ApiPropertyOptional({ enum: RUN_TRIGGERS })
  @IsOptional()
  @IsIn(RUN_TRIGGERS)
  triggered_by?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  parent_run_id?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'started_at >= since' })
  @IsOptional()
  @IsISO8601()
  since?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'started_at < until' })
  @IsOptional()
  @IsISO8601()
  until?: string;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ default: 0, minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;

  toQuery(): RunListQuery {
    return {
      jobName: this.job_name,
      status: this.status,
      triggeredBy: this.triggered_by,
      parentRunId: this.parent_run_id,
      since: this.since,
      until: this.until,
      limit: this.limit,
      offset: this.offset,
    };
  }
}
