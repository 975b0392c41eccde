import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BACKFILL_STATUSES } from '@options-helper/ledger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export class CreateBackfillDto {
  @ApiProperty({ description: 'A range plan (GET /api/v1/backfill/range-plan) with its hash.', type: 'object', additionalProperties: true })
  @IsObject()
  plan!: Record<string, unknown>;

  @ApiPropertyOptional({ enum: ['backfill', 'api', 'cli', 'schedule'], default: 'backfill' })
  @IsOptional()
  @IsIn(['backfill', 'api', 'cli', 'schedule'])
  triggered_by?: string;
}

export class BackfillStatusDto {
  @ApiProperty({ enum: BACKFILL_STATUSES })
  @IsIn(BACKFILL_STATUSES)
  status!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  message?: string;
}

export class BackfillPartitionDto extends BackfillStatusDto {
  @ApiPropertyOptional({ description: 'The daily_graph run materialising the partition.' })
  @IsOptional()
  @IsString()
  daily_run_id?: string;
}

export class ListBackfillsQuery {
  @ApiPropertyOptional({ description: 'Comma-separated statuses.', example: 'pending,running' })
  @IsOptional()
  @IsString()
  status?: string;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class WaiveDto {
  @ApiProperty({ example: 'option_bars' })
  @IsString()
  @IsNotEmpty()
  asset_key!: string;

  @ApiProperty({ example: '2026-11-25' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'partition_key must be YYYY-MM-DD' })
  partition_key!: string;

  @ApiProperty({ example: 'vendor outage; data will never exist' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}
