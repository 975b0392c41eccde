import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ASSET_EVENT_STATUSES, ASSET_KIND_NAMES, AssetEventStatus, AssetKindName } from '@options-helper/domain';

/** One asset event (documentation schema; values are validated by the ledger, see wire-items.ts). */
export class AssetEventDto {
  @ApiProperty()
  run_id!: string;

  @ApiProperty({ example: 'candles_daily' })
  asset_key!: string;

  @ApiProperty({ enum: ASSET_KIND_NAMES })
  asset_kind!: AssetKindName;

  @ApiPropertyOptional({ default: 'ALL', example: 'SPY' })
  partition_key?: string;

  @ApiPropertyOptional({ enum: ASSET_EVENT_STATUSES, default: 'success' })
  status?: AssetEventStatus;

  @ApiPropertyOptional({ minimum: 0 })
  rows_inserted?: number;

  @ApiPropertyOptional({ minimum: 0 })
  rows_updated?: number;

  @ApiPropertyOptional({ minimum: 0 })
  rows_deleted?: number;

  @ApiPropertyOptional({ minimum: 0 })
  bytes_written?: number;

  @ApiPropertyOptional({ format: 'date-time' })
  min_event_ts?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  max_event_ts?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  extra?: unknown;

  @ApiPropertyOptional({ format: 'date-time' })
  started_at?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  ended_at?: string;

  @ApiPropertyOptional({ minimum: 0 })
  duration_ms?: number;
}

export class LogEventsDto {
  @ApiProperty({ type: [AssetEventDto], minItems: 1, maxItems: 50_000, description: 'Written in one transaction; upserted on (run_id, asset_key, partition_key).' })
  events!: Record<string, unknown>[];
}

export const ASSET_EVENT_FIELDS = [
  'run_id', 'asset_key', 'asset_kind', 'partition_key', 'status', 'rows_inserted', 'rows_updated', 'rows_deleted', 'bytes_written',
  'min_event_ts', 'max_event_ts', 'extra', 'started_at', 'ended_at', 'duration_ms',
] as const;
