import { CommonEnv } from '@options-helper/server';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

/** The compute service's environment, validated at boot (README: Configuration). */
export class ComputeEnv extends CommonEnv {
  @IsString()
  OPTIONS_HELPER_COMPUTE_HOST = '127.0.0.1';

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  OPTIONS_HELPER_COMPUTE_PORT = 7412;

  /** Names the snapshots jobs read (rows are stored per provider); compute jobs fetch nothing. */
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
