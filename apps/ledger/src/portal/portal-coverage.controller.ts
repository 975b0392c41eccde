import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { PortalCoverage } from '@options-helper/domain';
import type { PortalReads } from '@options-helper/ledger';
import { CoverageQueryDto } from './dto/portal-queries';
import { PORTAL_READS } from './portal.tokens';

@ApiTags('portal')
@Controller('api/v1/portal/coverage')
export class PortalCoverageController {
  constructor(@Inject(PORTAL_READS) private readonly reads: PortalReads) {}

  @Get()
  @ApiOkResponse({ description: 'PortalCoverage: asset × trading session grid (materialized, failed, skipped, missing, waived) with the run to open.' })
  coverage(@Query() q: CoverageQueryDto): Promise<PortalCoverage> {
    return this.reads.coverage({ to: q.to, from: q.from, sessions: q.sessions, assets: q.assets });
  }
}
