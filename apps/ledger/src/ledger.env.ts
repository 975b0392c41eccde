import { CommonEnv } from '@options-helper/server';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

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

  /** The built portal served at `/` (default dist/apps/portal/browser). */
  @IsOptional()
  @IsString()
  OPTIONS_HELPER_PORTAL_DIR?: string;

  // ---- Postgres wire gateway (README: Postgres gateway) ----

  @IsString()
  OPTIONS_HELPER_GATEWAY_HOST = '127.0.0.1';

  /** 0 turns the gateway off. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  OPTIONS_HELPER_GATEWAY_PORT = 5433;

  @IsIn(['off', 'optional', 'required'])
  OPTIONS_HELPER_GATEWAY_TLS: 'off' | 'optional' | 'required' = 'off';

  @IsOptional()
  @IsString()
  OPTIONS_HELPER_GATEWAY_TLS_CERT?: string;

  @IsOptional()
  @IsString()
  OPTIONS_HELPER_GATEWAY_TLS_KEY?: string;

  /** Default {data dir}/gateway/credentials.json. */
  @IsOptional()
  @IsString()
  OPTIONS_HELPER_GATEWAY_CREDENTIALS?: string;

  /** Loopback clients without a password; never applies to other addresses. */
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  OPTIONS_HELPER_GATEWAY_TRUST = false;

  /** 0 = no timeout. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  OPTIONS_HELPER_GATEWAY_STATEMENT_TIMEOUT_MS = 30_000;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  OPTIONS_HELPER_GATEWAY_MAX_CONNECTIONS = 32;

  /** Most rows per result; 0 = no limit. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  OPTIONS_HELPER_GATEWAY_MAX_ROWS = 5_000_000;

  /** Most bytes of row data per result; 0 = no limit. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  OPTIONS_HELPER_GATEWAY_MAX_BYTES = 1_073_741_824;
}
