import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DAILY_GRAPH_ASSET_KEYS, RANGE_PLAN_MODES, RangePlanMode } from '@options-helper/domain';
import { IsArray, IsIn, IsOptional, Matches } from 'class-validator';

/** `backfill apply <hash>`: the plan's parameters and the hash it had when it was shown. */
export class ApplyBackfillDto {
  @ApiProperty({ description: 'Hash of the plan as shown by `backfill plan`.' })
  @Matches(/^[0-9a-f]{64}$/, { message: 'hash must be the 64-hex plan hash' })
  hash!: string;

  @ApiProperty({ example: '2026-10-01' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be YYYY-MM-DD' })
  from!: string;

  @ApiProperty({ example: '2026-11-25' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'to must be YYYY-MM-DD' })
  to!: string;

  @ApiPropertyOptional({ type: [String], enum: DAILY_GRAPH_ASSET_KEYS })
  @IsOptional()
  @IsArray()
  @IsIn(DAILY_GRAPH_ASSET_KEYS, { each: true, message: `assets must be among ${DAILY_GRAPH_ASSET_KEYS.join(', ')}` })
  assets?: string[];

  @ApiPropertyOptional({ enum: RANGE_PLAN_MODES, default: 'all' })
  @IsOptional()
  @IsIn(RANGE_PLAN_MODES)
  mode?: RangePlanMode;
}
