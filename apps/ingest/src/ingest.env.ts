import { JobServiceEnv } from '@options-helper/job-service';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, Min } from 'class-validator';

/** The ingest service's environment, validated at boot (README: Configuration): the job-service settings plus its address. */
export class IngestEnv extends JobServiceEnv {
  @IsString()
  OPTIONS_HELPER_INGEST_HOST = '127.0.0.1';

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  OPTIONS_HELPER_INGEST_PORT = 7411;
}
