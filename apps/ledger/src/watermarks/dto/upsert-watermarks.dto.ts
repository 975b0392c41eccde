import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { WatermarkInput } from '@options-helper/domain';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsNotEmpty, IsOptional, IsString, ValidateNested } from 'class-validator';

export class WatermarkDto {
  @ApiProperty({ example: 'candles_daily' })
  @IsString()
  @IsNotEmpty()
  asset_key!: string;

  @ApiPropertyOptional({ default: 'ALL', example: 'SPY' })
  @IsOptional()
  @IsString()
  scope_key?: string;

  @ApiPropertyOptional({ description: 'Newest data period held (a date or instant). Null or unparseable values are ignored.', nullable: true })
  @IsOptional()
  @IsString()
  watermark_ts?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  last_run_id?: string;

  toInput(): WatermarkInput {
    return { assetKey: this.asset_key, scopeKey: this.scope_key, watermarkTs: this.watermark_ts, lastRunId: this.last_run_id };
  }
}

export class UpsertWatermarksDto {
  @ApiProperty({ type: [WatermarkDto], description: 'Monotonic: a watermark never moves backwards.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50_000)
  @ValidateNested({ each: true })
  @Type(() => WatermarkDto)
  watermarks!: WatermarkDto[];
}
