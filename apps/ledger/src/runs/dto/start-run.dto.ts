import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RUN_TRIGGERS, StartRunInput } from '@options-helper/domain';
import { IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class StartRunDto {
  @ApiProperty({ example: 'ingest_candles' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  job_name!: string;

  @ApiPropertyOptional({ enum: RUN_TRIGGERS, default: 'cli' })
  @IsOptional()
  @IsIn(RUN_TRIGGERS)
  triggered_by?: string;

  @ApiPropertyOptional({ description: 'The orchestrator run that started this one.' })
  @IsOptional()
  @IsString()
  parent_run_id?: string;

  @ApiPropertyOptional({ example: 'synthetic' })
  @IsOptional()
  @IsString()
  provider?: string;

  @ApiPropertyOptional({ description: 'Effective arguments; stored as canonical JSON.', type: 'object', additionalProperties: true })
  @IsOptional()
  args?: unknown;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  git_sha?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  app_version?: string;

  @ApiPropertyOptional({ description: 'Supply to make the call idempotent; generated (UUIDv4) otherwise.' })
  @IsOptional()
  @IsString()
  run_id?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  started_at?: string;

  toInput(): StartRunInput {
    return {
      jobName: this.job_name,
      triggeredBy: this.triggered_by,
      parentRunId: this.parent_run_id,
      provider: this.provider,
      args: this.args,
      gitSha: this.git_sha,
      appVersion: this.app_version,
      runId: this.run_id,
      startedAt: this.started_at,
    };
  }
}
