import { ApiPropertyOptional } from '@nestjs/swagger';
import type { IngestCandlesArgs } from '@options-helper/jobs';
import { IsArray, IsInt, IsNumber, IsOptional, IsString, Max, Min } from 'class-validator';
import { JobTriggerDto } from '@options-helper/job-service';

export class IngestCandlesDto extends JobTriggerDto {
  @ApiPropertyOptional({ type: [String], example: ['SPY', 'AAPL'] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  symbols?: string[];

  @ApiPropertyOptional({ type: [String], example: ['positions', 'monitor'] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  watchlists?: string[];

  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: 32 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(32)
  candles_concurrency?: number;

  @ApiPropertyOptional({ default: 8 })
  @IsOptional()
  @IsNumber()
  @Min(0.01)
  candles_max_rps?: number;

  toArgs(): IngestCandlesArgs {
    return { symbols: this.symbols, watchlists: this.watchlists, concurrency: this.candles_concurrency, maxRps: this.candles_max_rps };
  }
}
