import { CommonEnv } from '@options-helper/server';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, Max, Min } from 'class-validator';

/** The checks service's environment, validated at boot (README: Configuration). */
export class ChecksEnv extends CommonEnv {
  @IsString()
  OPTIONS_HELPER_CHECKS_HOST = '127.0.0.1';

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  OPTIONS_HELPER_CHECKS_PORT = 7413;

  /** The provider whose rows the checks read (snapshots and bars are stored per provider). */
  @IsIn(['synthetic', 'csv', 'alpaca'])
  OPTIONS_HELPER_PROVIDER = 'synthetic';
}
