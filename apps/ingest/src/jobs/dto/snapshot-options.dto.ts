import { ApiPropertyOptional } from '@nestjs/swagger';
import type { SnapshotOptionsArgs } from '@options-helper/jobs';
import { IsArray, IsBoolean, IsInt, IsNumber, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { JobTriggerDto } from '@options-helper/job-service';

export class SnapshotOptionsDto extends JobTriggerDto {
  @ApiPropertyOptional({ default: 'latest', example: '2026-11-25' })
  @IsOptional()
  @Matches(/^(latest|\d{4}-\d{2}-\d{2})$/, { message: 'as_of must be latest or YYYY-MM-DD' })
  as_of?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  watchlists?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  all_watchlists?: boolean;

  @ApiPropertyOptional({ type: [String], description: 'Restrict to these symbols of the selection.' })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  symbols?: string[];

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  all_expiries?: boolean;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  full_chain?: boolean;

  @ApiPropertyOptional({ default: 1.0, minimum: 0, maximum: 2 })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(2)
  window_pct?: number;

  @ApiPropertyOptional({ minimum: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  max_expiries?: number;

  @ApiPropertyOptional({ example: '2026-11-25', description: 'ISO date, today or now' })
  @IsOptional()
  @IsString()
  require_data_date?: string;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @IsNumber()
  risk_free_rate?: number;

  @ApiPropertyOptional({ default: 1, minimum: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  symbol_retries?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  strict_completeness?: boolean;

  toArgs(): SnapshotOptionsArgs {
    return {
      asOf: this.as_of,
      watchlists: this.watchlists,
      allWatchlists: this.all_watchlists,
      symbols: this.symbols,
      allExpiries: this.all_expiries,
      fullChain: this.full_chain,
      windowPct: this.window_pct,
      maxExpiries: this.max_expiries ?? null,
      requireDataDate: this.require_data_date ?? null,
      riskFreeRate: this.risk_free_rate,
      symbolRetries: this.symbol_retries,
      strictCompleteness: this.strict_completeness,
    };
  }
}
