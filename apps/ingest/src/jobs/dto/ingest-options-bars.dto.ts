import { ApiPropertyOptional } from '@nestjs/swagger';
import type { IngestOptionsBarsArgs } from '@options-helper/jobs';
import { IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Min } from 'class-validator';
import { JobTriggerDto } from '@options-helper/job-service';

export class IngestOptionsBarsDto extends JobTriggerDto {
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  symbols?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  watchlists?: string[];

  @ApiPropertyOptional({ description: 'Run day (the orchestrator passes its partition).', example: '2026-11-25' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'run_day must be YYYY-MM-DD' })
  run_day?: string;

  @ApiPropertyOptional({ default: 10 })
  @IsOptional()
  @IsInt()
  @Min(0)
  lookback_years?: number;

  @ApiPropertyOptional({ enum: ['all', 'active', 'inactive'], default: 'all' })
  @IsOptional()
  @IsIn(['all', 'active', 'inactive'])
  contracts_status?: 'all' | 'active' | 'inactive';

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  max_contracts?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  max_expiries?: number;

  @ApiPropertyOptional({ default: 8 })
  @IsOptional()
  @IsInt()
  @Min(1)
  bars_concurrency?: number;

  @ApiPropertyOptional({ default: 30 })
  @IsOptional()
  @IsNumber()
  @Min(0.01)
  bars_max_rps?: number;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  resume?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  contracts_only?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  dry_run?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  fail_fast?: boolean;

  toArgs(): IngestOptionsBarsArgs {
    return {
      symbols: this.symbols,
      watchlists: this.watchlists,
      runDay: this.run_day,
      lookbackYears: this.lookback_years,
      contractsStatus: this.contracts_status,
      maxContracts: this.max_contracts ?? null,
      maxExpiries: this.max_expiries ?? null,
      barsConcurrency: this.bars_concurrency,
      barsMaxRps: this.bars_max_rps,
      resume: this.resume,
      contractsOnly: this.contracts_only,
      dryRun: this.dry_run,
      failFast: this.fail_fast,
    };
  }
}
