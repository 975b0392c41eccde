import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHECK_SEVERITIES, CHECK_STATUSES, CheckSeverity, CheckStatus } from '@options-helper/domain';

/** One check result (documentation schema; values are validated by the ledger, see wire-items.ts). */
export class CheckDto {
  @ApiProperty({ example: 'candles_daily' })
  asset_key!: string;

  @ApiProperty({ example: 'candles_unique_symbol_date' })
  check_name!: string;

  @ApiProperty({ enum: CHECK_SEVERITIES })
  severity!: CheckSeverity;

  @ApiProperty({ enum: CHECK_STATUSES })
  status!: CheckStatus;

  @ApiPropertyOptional({ default: 'ALL' })
  partition_key?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  metrics?: unknown;

  @ApiPropertyOptional()
  message?: string;

  @ApiPropertyOptional()
  run_id?: string;

  @ApiPropertyOptional({ description: 'Generated (UUIDv4) when absent; upserted on it.' })
  check_id?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  checked_at?: string;
}

export class PersistChecksDto {
  @ApiProperty({ type: [CheckDto], minItems: 1, maxItems: 50_000 })
  checks!: Record<string, unknown>[];
}

export const CHECK_FIELDS = [
  'asset_key', 'check_name', 'severity', 'status', 'partition_key', 'metrics', 'message', 'run_id', 'check_id', 'checked_at',
] as const;
