import { Controller, Get, Inject, Param, Query, UseFilters } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { PortalFlowPartitions, PortalFlowRows, PortalFlowSymbols } from '@options-helper/domain';
import type { PortalReads } from '@options-helper/ledger';
import { FlowPartitionsQueryDto, FlowRowsQueryDto } from './dto/portal-queries';
import { SymbolParams } from './dto/portal-params';
import { PortalErrorsFilter } from './portal-errors.filter';
import { PORTAL_READS } from './portal.tokens';

@ApiTags('portal')
@UseFilters(PortalErrorsFilter)
@Controller('api/v1/portal/flow')
export class PortalFlowController {
  constructor(@Inject(PORTAL_READS) private readonly reads: PortalReads) {}

  @Get('symbols')
  @ApiOkResponse({ description: 'PortalFlowSymbols: distinct symbols of options_flow.' })
  async symbols(): Promise<PortalFlowSymbols> {
    return { symbols: await this.reads.flowSymbols() };
  }

  @Get(':symbol/partitions')
  @ApiOkResponse({ description: 'PortalFlowPartitions: groups present and partition summaries (as_of desc, to desc, from desc, window asc; at most 400).' })
  partitions(@Param() p: SymbolParams, @Query() q: FlowPartitionsQueryDto): Promise<PortalFlowPartitions> {
    return this.reads.flowPartitions(p.symbol, q.group_by ?? 'expiry-strike', { from: q.from, to: q.to });
  }

  @Get(':symbol/rows')
  @ApiOkResponse({ description: 'PortalFlowRows: one partition: KPIs, call/put/other summary, top rows by |ΔOI$|, |volume notional|, row_key.' })
  @ApiNotFoundResponse({ description: 'reason flow_partition_missing' })
  rows(@Param() p: SymbolParams, @Query() q: FlowRowsQueryDto): Promise<PortalFlowRows> {
    return this.reads.flowRows(p.symbol, { asOf: q.as_of, fromDate: q.from_date, toDate: q.to_date, window: q.window, groupBy: q.group_by }, q.top ?? 60);
  }
}
