import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';

/** A dependency a service needs to be ready (DuckDB for the ledger, the ledger for the others). */
export interface ReadinessCheck {
  name: string;
  /** Resolves with details when the dependency answers; throws otherwise. */
  check: () => Promise<Record<string, unknown> | void>;
}

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

/** `/health/live`: the process answers. `/health/ready`: every readiness check passes (one indicator each). */
@ApiTags('probes')
@Controller('health')
export class ProbesController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Optional() @Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[] = [],
  ) {}

  @Get('live')
  @HealthCheck()
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  ready(): Promise<HealthCheckResult> {
    return this.health.check(
      (this.checks ?? []).map((c) => async () => {
        const indicator = this.indicators.check(c.name);
        try {
          return indicator.up((await c.check()) ?? {});
        } catch (err) {
          return indicator.down({ message: err instanceof Error ? err.message : String(err) });
        }
      }),
    );
  }
}
