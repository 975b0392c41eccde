import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CheckResult, nyseCalendar } from '@options-helper/domain';
import { runChecksForScopes } from '@options-helper/jobs';
import type { LedgerPort } from '@options-helper/ledger-client';
import type { MarketDataProvider } from '@options-helper/providers';
import { RunChecksDto } from './dto/run-checks.dto';

export const CHECKS_CONFIG = Symbol('CHECKS_CONFIG');

export interface ChecksConfig {
  ledger: LedgerPort;
  provider: MarketDataProvider;
}

/** Runs checks on request and persists every result with its metrics; a failing check is data, not an error. */
@ApiTags('checks')
@Controller('api/v1/checks')
export class ChecksRunsController {
  constructor(@Inject(CHECKS_CONFIG) private readonly config: ChecksConfig) {}

  @Post('runs')
  @HttpCode(200)
  @ApiOkResponse({ description: '{results, check_ids}: the results, persisted to the ledger.' })
  async run(@Body() body: RunChecksDto): Promise<{ results: CheckResult[]; check_ids: string[] }> {
    const ctx = { ledger: this.config.ledger, provider: this.config.provider, calendar: nyseCalendar };
    const results = await runChecksForScopes(ctx, body.asset_key, body.partitions ?? [], body.skip_reason);
    if (body.persist === false) return { results, check_ids: [] };
    const checkIds = await this.config.ledger.persistChecks(
      results.map((c) => ({ assetKey: c.asset_key, checkName: c.check_name, severity: c.severity, status: c.status, partitionKey: c.scope_key, metrics: c.metrics, message: c.message, runId: body.run_id ?? null })),
    );
    return { results, check_ids: checkIds };
  }
}
