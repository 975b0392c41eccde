import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { JOB_SERVICE_CONFIG, JobServiceConfig } from '../jobs/job-launch.service';

/** Live: the process answers. Ready: the ledger answers (jobs cannot record anything without it). */
@ApiTags('probes')
@Controller('health')
export class ProbesController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(JOB_SERVICE_CONFIG) private readonly config: JobServiceConfig,
  ) {}

  @Get('live')
  @HealthCheck()
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  ready(): Promise<HealthCheckResult> {
    return this.health.check([
      async () => {
        const indicator = this.indicators.check('ledger');
        try {
          const info = await this.config.ledger.info();
          return indicator.up({ database_path: info.database_path });
        } catch (err) {
          return indicator.down({ message: err instanceof Error ? err.message : String(err) });
        }
      },
    ]);
  }
}
