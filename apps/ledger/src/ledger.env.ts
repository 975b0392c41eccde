import { CommonEnv } from '@options-helper/server';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

/** The ledger service's environment, validated at boot (README: Configuration). */
export class LedgerEnv extends CommonEnv {
  @IsOptional()
  @IsString()
  OPTIONS_HELPER_DUCKDB_PATH?: string;

  @IsString()
  OPTIONS_HELPER_LEDGER_HOST = '127.0.0.1';

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  OPTIONS_HELPER_LEDGER_PORT = 7410;

  @IsOptional()
  @IsString()
  OPTIONS_HELPER_MIGRATIONS_DIR?: string;
}
