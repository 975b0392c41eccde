import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHECK_SEVERITIES, CHECK_STATUSES, CheckInput, CheckSeverity, CheckStatus } from '@options-helper/domain';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, ValidateNested } from 'class-validator';

export class CheckDto {
  @ApiProperty({ example: 'candles_daily' })
  @IsString()
  @IsNotEmpty()
  asset_key!: string;

  @ApiProperty({ example: 'candles_unique_symbol_date' })
  @IsString()
  @IsNotEmpty()
  check_name!: string;

  @ApiProperty({ enum: CHECK_SEVERITIES })
  @IsIn(CHECK_SEVERITIES)
  severity!: CheckSeverity;

  @ApiProperty({ enum: CHECK_STATUSES })
  @IsIn(CHECK_STATUSES)
  status!: CheckStatus;

  @ApiPropertyOptional({ default: 'ALL' })
  @IsOptional()
  @IsString()
  partition_key?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  metrics?: unknown;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  message?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  run_id?: string;

  @ApiPropertyOptional({ description: 'Generated (UUIDv4) when absent; upserted on it.' })
  @IsOptional()
  @IsString()
  check_id?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601()
  checked_at?: string;

  toInput(): CheckInput {
    return {
      assetKey: this.asset_key,
      checkName: this.check_name,
      severity: this.severity,
      status: this.status,
      partitionKey: this.partition_key,
      metrics: this.metrics,
      message: this.message,
      runId: this.run_id,
      checkId: this.check_id,
      checkedAt: this.checked_at,
    };
  }
}

export class PersistChecksDto {
  @ApiProperty({ type: [CheckDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50_000)
  @ValidateNested({ each: true })
  @Type(() => CheckDto)
  checks!: CheckDto[];
}
