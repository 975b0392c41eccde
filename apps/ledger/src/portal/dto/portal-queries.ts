import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { ASSET_KEYS, DAILY_GRAPH_ASSET_KEYS, FLOW_GROUP_BYS, FlowGroupBy, RUN_STATUSES, RUN_TRIGGERS, RunStatus } from '@options-helper/domain';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, Validate, ValidatorConstraint, ValidatorConstraintInterface, ValidationArguments } from 'class-validator';
import { isRealDate } from './portal-params';

@ValidatorConstraint({ name: 'isRealDate' })
class RealDate implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return isRealDate(value);
  }
  defaultMessage(args: ValidationArguments): string {
    return `${args.property} must be a date YYYY-MM-DD`;
  }
}

export class PortalRunsQueryDto {
  @ApiPropertyOptional({ description: 'job_name (exact).' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  job?: string;

  @ApiPropertyOptional({ enum: RUN_STATUSES })
  @IsOptional()
  @IsIn(RUN_STATUSES)
  status?: RunStatus;

  @ApiPropertyOptional({ enum: RUN_TRIGGERS })
  @IsOptional()
  @IsIn(RUN_TRIGGERS)
  triggered_by?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'started_at >= since' })
  @IsOptional()
  @IsISO8601()
  since?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'started_at < until' })
  @IsOptional()
  @IsISO8601()
  until?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  parent_run_id?: string;

  @ApiPropertyOptional({ description: 'Case-insensitive substring of run_id, job_name, error_type, error_message or args.' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  text?: string;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ default: 0, minimum: 0, maximum: 100000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100_000)
  offset?: number;

  @ApiPropertyOptional({ description: 'next_cursor of the previous page (keyset paging; offset is then ignored).' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}

export class PortfolioQueryDto {
  @ApiPropertyOptional({ description: 'A .json file; default OPTIONS_HELPER_PORTFOLIO_PATH, else {data dir}/portfolio.json.' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(4096)
  @Matches(/\.json$/i, { message: 'portfolio_path must name a .json file' })
  portfolio_path?: string;

  @ApiPropertyOptional({ description: 'Default {data dir}/reports; briefings are read from {reports_dir}/daily/.' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(4096)
  reports_dir?: string;
}

export class CandlesQueryDto {
  @ApiPropertyOptional({ default: 365, minimum: 1, maximum: 2000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2000)
  limit?: number;
}

export class DerivedHistoryQueryDto {
  @ApiPropertyOptional({ default: 180, minimum: 30, maximum: 730 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(30)
  @Max(730)
  window_days?: number;
}

export class FlowPartitionsQueryDto {
  @ApiPropertyOptional({ enum: FLOW_GROUP_BYS, default: 'expiry-strike' })
  @IsOptional()
  @IsIn(FLOW_GROUP_BYS)
  group_by?: FlowGroupBy;

  @ApiPropertyOptional({ format: 'date', description: 'First as_of (default max(min as_of, max as_of − 30 d)).' })
  @IsOptional()
  @Validate(RealDate)
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Last as_of (default max as_of).' })
  @IsOptional()
  @Validate(RealDate)
  to?: string;
}

export class FlowRowsQueryDto {
  @ApiProperty({ format: 'date' })
  @Validate(RealDate)
  as_of!: string;

  @ApiProperty({ format: 'date' })
  @Validate(RealDate)
  from_date!: string;

  @ApiProperty({ format: 'date' })
  @Validate(RealDate)
  to_date!: string;

  @ApiProperty({ minimum: 1, maximum: 30 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(30)
  window!: number;

  @ApiProperty({ enum: FLOW_GROUP_BYS })
  @IsIn(FLOW_GROUP_BYS)
  group_by!: FlowGroupBy;

  @ApiPropertyOptional({ default: 60, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  top?: number;
}

export class PreviewQueryDto {
  @ApiPropertyOptional({ default: 50, minimum: 10, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(500)
  limit?: number;
}

export class CoverageQueryDto {
  @ApiPropertyOptional({ format: 'date', description: 'Last session (default: the last completed session).' })
  @IsOptional()
  @Validate(RealDate)
  to?: string;

  @ApiPropertyOptional({ format: 'date', description: 'First session; when given, every session in [from, to] (at most 400).' })
  @IsOptional()
  @Validate(RealDate)
  from?: string;

  @ApiPropertyOptional({ default: 30, minimum: 1, maximum: 400, description: 'Sessions ending at `to` (ignored when from is given).' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(400)
  sessions?: number;

  @ApiPropertyOptional({ description: `Comma-separated asset keys (default ${DAILY_GRAPH_ASSET_KEYS.join(',')}).`, type: String })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value))
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsIn(ASSET_KEYS, { each: true, message: `assets must be comma-separated asset keys from: ${ASSET_KEYS.join(', ')}` })
  assets?: string[];
}
