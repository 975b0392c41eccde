import { IsIn, IsOptional, IsString, IsUrl } from 'class-validator';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Variables every service reads (README: Configuration). */
export class CommonEnv {
  @IsString()
  OPTIONS_HELPER_DATA_DIR = 'data';

  @IsIn(LOG_LEVELS)
  OPTIONS_HELPER_LOG_LEVEL: LogLevel = 'info';

  @IsOptional()
  @IsString()
  OPTIONS_HELPER_LEDGER_TOKEN?: string;

  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  OPTIONS_HELPER_LEDGER_URL?: string;

  @IsString()
  OPTIONS_HELPER_TZ = 'America/Chicago';
}
