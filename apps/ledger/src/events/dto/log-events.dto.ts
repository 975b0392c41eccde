import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ASSET_EVENT_STATUSES, ASSET_KIND_NAMES, AssetEventInput, AssetEventStatus, AssetKindName } from '@options-helper/domain';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, Min, ValidateNested } from 'class-validator';

export class AssetEventDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  run_id!: string;

  @ApiProperty({ example: 'candles_daily' })
  @IsString()
  @IsNotEmpty()
  asset_key!: string;

  @ApiProperty({ enum: ASSET_KIND_NAMES })
  @IsIn(ASSET_KIND_NAMES)
  asset_kind!: AssetKindName;

  @ApiPropertyOptional({ default: 'ALL', example: 'SPY' })
  @IsOptional()
  @IsString()
  partition_key?: string;

  @ApiPropertyOptional({ enum: ASSET_EVENT_STATUSES, default: 'success' })
  @IsOptional()
  @IsIn(ASSET_EVENT_STATUSES)
  status?: AssetEventStatus;

  @ApiPropertyOptional({ minimum: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  rows_inserted?: number;

  @ApiPropertyOptional({ minimum: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  rows_updated?: number;

  @ApiPropertyOptional({ minimum: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  rows_deleted?: number;

  @ApiPropertyOptional({ minimum: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  bytes_written?: number;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601()
  min_event_ts?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601()
  max_event_ts?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  extra?: unknown;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601()
  started_at?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601()
  ended_at?: string;

  @ApiPropertyOptional({ minimum: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  duration_ms?: number;

  toInput(): AssetEventInput {
    return {
      runId: this.run_id,
      assetKey: this.asset_key,
      assetKind: this.asset_kind,
      partitionKey: this.partition_key,
      status: this.status,
      rowsInserted: this.rows_inserted,
      rowsUpdated: this.rows_updated,
      rowsDeleted: this.rows_deleted,
      bytesWritten: this.bytes_written,
      minEventTs: this.min_event_ts,
      maxEventTs: this.max_event_ts,
      extra: this.extra,
      startedAt: this.started_at,
      endedAt: this.ended_at,
      durationMs: this.duration_ms,
    };
  }
}

export class LogEventsDto {
  @ApiProperty({ type: [AssetEventDto], description: 'Written in one transaction; upserted on (run_id, asset_key, partition_key).' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50_000)
  @ValidateNested({ each: true })
  @Type(() => AssetEventDto)
  events!: AssetEventDto[];
}
