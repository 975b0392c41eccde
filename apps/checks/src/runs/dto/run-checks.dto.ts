import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export const CHECKED_ASSETS = ['candles_daily', 'option_bars', 'options_snapshots', 'options_flow', 'derived_daily'] as const;

export class RunChecksDto {
  @ApiProperty({ enum: CHECKED_ASSETS })
  @IsIn(CHECKED_ASSETS)
  asset_key!: (typeof CHECKED_ASSETS)[number];

  @ApiPropertyOptional({
    type: [String],
    description: 'Partitions to check: symbols (candles), `SYMBOL|YYYY-MM-DD` (snapshots), contract symbols (option bars). Empty: every symbol / latest snapshots / all bars.',
  })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  partitions?: string[];

  @ApiPropertyOptional({ description: 'The producer run the results belong to (NULL for on-demand checks).' })
  @IsOptional()
  @IsString()
  run_id?: string;

  @ApiPropertyOptional({ description: 'When given and partitions are empty: why nothing was checked (persisted as skip results).' })
  @IsOptional()
  @IsString()
  skip_reason?: string;

  @ApiPropertyOptional({ default: true, description: 'false: return the results without persisting (the calling job persists them with its run).' })
  @IsOptional()
  @IsBoolean()
  persist?: boolean;
}
