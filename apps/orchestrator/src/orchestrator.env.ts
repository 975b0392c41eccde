import { CommonEnv } from '@options-helper/server';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsJSON, IsNumber, IsOptional, IsString, IsUrl, Matches, Max, Min } from 'class-validator';

const url = { require_tld: false, protocols: ['http', 'https'] };

/** The orchestrator's environment, validated at boot (README: Configuration). */
export class OrchestratorEnv extends CommonEnv {
  @IsString()
  OPTIONS_HELPER_ORCHESTRATOR_HOST = '127.0.0.1';

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  OPTIONS_HELPER_ORCHESTRATOR_PORT = 7414;

  @IsUrl(url)
  OPTIONS_HELPER_INGEST_URL = 'http://127.0.0.1:7411';

  @IsUrl(url)
  OPTIONS_HELPER_COMPUTE_URL = 'http://127.0.0.1:7412';

  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  OPTIONS_HELPER_SCHEDULE_ENABLED = true;

  /** How often the schedule looks at the clock (cron with 5 or 6 fields). */
  @Matches(/^\S+(\s+\S+){4,5}$/, { message: 'must be a cron expression with 5 or 6 fields' })
  OPTIONS_HELPER_SCHEDULE_CRON = '*/5 * * * *';

  @IsString()
  OPTIONS_HELPER_SCHEDULE_TZ = 'America/New_York';

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(24 * 60)
  OPTIONS_HELPER_SCHEDULE_DELAY_MINUTES = 15;

  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be YYYY-MM-DD' })
  OPTIONS_HELPER_PARTITION_START = '2024-01-02';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(20)
  OPTIONS_HELPER_RETRY_MAX_ATTEMPTS = 3;

  @Type(() => Number)
  @IsInt()
  @Min(0)
  OPTIONS_HELPER_RETRY_BASE_MS = 2000;

  @Type(() => Number)
  @IsInt()
  @Min(0)
  OPTIONS_HELPER_RETRY_MAX_MS = 60000;

  @Type(() => Number)
  @IsNumber()
  @Min(0)
  @Max(1)
  OPTIONS_HELPER_RETRY_JITTER = 0.5;

  /** JSON: extra job arguments per graph asset, e.g. {"option_bars": {"contracts_status": "active", "max_expiries": 4}}. */
  @IsOptional()
  @IsJSON({ message: 'must be a JSON object keyed by graph asset' })
  OPTIONS_HELPER_GRAPH_JOB_ARGS?: string;

  @Type(() => Number)
  @IsInt()
  @Min(10)
  OPTIONS_HELPER_ORCHESTRATOR_POLL_MS = 25;

  @Type(() => Number)
  @IsInt()
  @Min(500)
  OPTIONS_HELPER_JOB_LOST_AFTER_MS = 5000;

  @Type(() => Number)
  @IsInt()
  @Min(1000)
  OPTIONS_HELPER_JOB_TIMEOUT_MS = 3_600_000;

  @Type(() => Number)
  @IsInt()
  @Min(0)
  OPTIONS_HELPER_SERVICE_WAIT_MS = 60_000;
}
