import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { CHECKS_CONFIG, ChecksConfig } from '../runs/checks-runs.controller';

/** Live: the process answers. Ready: the ledger answers. */
@ApiTags('probes')
@Controller('health')
export class ProbesController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(CHECKS_CONFIG) private readonly config: ChecksConfig,
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
          await this.config.ledger.info();
          return indicator.up();
        } catch (err) {
          return indicator.down({ message: err instanceof Error ? err.message : String(err) });
        }
      },
    ]);
  }
}
