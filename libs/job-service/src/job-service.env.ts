import { CommonEnv } from '@options-helper/server';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Min } from 'class-validator';

/**
 * The environment every job service (ingest, compute) reads, validated at boot (README: Configuration); each service's
 * own class adds its host and port.
 */
export class JobServiceEnv extends CommonEnv {
  /** The provider ingest fetches from; for compute it names the snapshots jobs read (rows are stored per provider). */
  @IsIn(['synthetic', 'csv', 'alpaca'])
  OPTIONS_HELPER_PROVIDER = 'synthetic';

  @Type(() => Number)
  @IsInt()
  @Min(0)
  OPTIONS_HELPER_SYNTHETIC_SEED = 42;

  @IsOptional()
  @IsString()
  OPTIONS_HELPER_CSV_DIR?: string;

  /** Checks service; unset ⇒ checks run in-process against the ledger. */
  @IsOptional()
  @IsString()
  OPTIONS_HELPER_CHECKS_URL?: string;

  @IsOptional()
  @IsString()
  OPTIONS_HELPER_WATCHLISTS_PATH?: string;

  @IsOptional()
  @IsString()
  OPTIONS_HELPER_PORTFOLIO_PATH?: string;
}
