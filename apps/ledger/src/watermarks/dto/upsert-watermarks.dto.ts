import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One watermark update (documentation schema; values are validated by the ledger, see wire-items.ts). */
export class WatermarkDto {
  @ApiProperty({ example: 'candles_daily' })
  asset_key!: string;

  @ApiPropertyOptional({ default: 'ALL', example: 'SPY' })
  scope_key?: string;

  @ApiPropertyOptional({ description: 'Newest data period held (a date or instant). Null or unparseable values are ignored.', nullable: true })
  watermark_ts?: string | null;

  @ApiPropertyOptional()
  last_run_id?: string;
}

export class UpsertWatermarksDto {
  @ApiProperty({ type: [WatermarkDto], minItems: 1, maxItems: 50_000, description: 'Monotonic: a watermark never moves backwards.' })
  watermarks!: Record<string, unknown>[];
}

export const WATERMARK_FIELDS = ['asset_key', 'scope_key', 'watermark_ts', 'last_run_id'] as const;
