import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DAILY_GRAPH_ASSET_KEYS, RANGE_PLAN_MODES, RangePlanMode, RangePlanRequest } from '@options-helper/domain';
import { Transform } from 'class-transformer';
import { IsArray, IsIn, IsOptional, Matches } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const list = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').map((v) => v.trim()).filter(Boolean) : value);

export class DateRangeQuery {
  @ApiProperty({ example: '2026-10-01' })
  @Matches(DATE, { message: 'from must be YYYY-MM-DD' })
  from!: string;

  @ApiProperty({ example: '2026-11-25' })
  @Matches(DATE, { message: 'to must be YYYY-MM-DD' })
  to!: string;
}

export class RangePlanQuery extends DateRangeQuery {
  @ApiPropertyOptional({ description: 'Comma-separated graph assets (default: all).', example: 'candles_daily,options_snapshots' })
  @IsOptional()
  @Transform(list)
  @IsArray()
  @IsIn(DAILY_GRAPH_ASSET_KEYS, { each: true, message: `assets must be among ${DAILY_GRAPH_ASSET_KEYS.join(', ')}` })
  assets?: string[];

  @ApiPropertyOptional({ enum: RANGE_PLAN_MODES, default: 'all' })
  @IsOptional()
  @IsIn(RANGE_PLAN_MODES)
  mode?: RangePlanMode;

  @ApiPropertyOptional({ description: 'First partition of the graph (OPTIONS_HELPER_PARTITION_START, default 2024-01-02).' })
  @IsOptional()
  @Matches(DATE, { message: 'partition_start must be YYYY-MM-DD' })
  partition_start?: string;

  toRequest(): RangePlanRequest {
    return { from: this.from, to: this.to, assets: this.assets, mode: this.mode };
  }
}
