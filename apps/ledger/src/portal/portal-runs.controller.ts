import { Controller, Get, Inject, NotFoundException, Param, Query, UseFilters } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { PortalRunDetail, PortalRunFacets, PortalRunsPage } from '@options-helper/domain';
import type { PortalReads } from '@options-helper/ledger';
import { PortalRunsQueryDto } from './dto/portal-queries';
import { RunIdParams } from './dto/portal-params';
import { PortalErrorsFilter } from './portal-errors.filter';
import { PORTAL_READS } from './portal.tokens';

@ApiTags('portal')
@UseFilters(PortalErrorsFilter)
@Controller('api/v1/portal/runs')
export class PortalRunsController {
  constructor(@Inject(PORTAL_READS) private readonly reads: PortalReads) {}

  @Get()
  @ApiOkResponse({ description: 'PortalRunsPage: runs newest first with filters, total, offset or keyset (cursor) paging.' })
  list(@Query() q: PortalRunsQueryDto): Promise<PortalRunsPage> {
    return this.reads.runs({
      job: q.job,
      status: q.status,
      triggeredBy: q.triggered_by,
      since: q.since,
      until: q.until,
      parentRunId: q.parent_run_id,
      text: q.text,
      limit: q.limit,
      offset: q.offset,
      cursor: q.cursor,
    });
  }

  @Get('facets')
  @ApiOkResponse({ description: 'PortalRunFacets: jobs present, statuses, triggers, first/last started_at.' })
  facets(): Promise<PortalRunFacets> {
    return this.reads.runFacets();
  }

  @Get(':runId')
  @ApiOkResponse({ description: 'PortalRunDetail: the run with args and error, parent, asset events, checks and child runs.' })
  @ApiNotFoundResponse()
  async detail(@Param() p: RunIdParams): Promise<PortalRunDetail> {
    const detail = await this.reads.runDetail(p.runId);
    if (!detail) throw new NotFoundException({ statusCode: 404, error: 'Not Found', message: `run ${p.runId} does not exist`, reason: 'run_missing' });
    return detail;
  }
}
