import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  PORTAL_DEFAULT_SYMBOL,
  PortalCandles,
  PortalDerivedHistory,
  PortalDerivedSnippet,
  PortalSnapshotResponse,
  PortalSymbols,
} from '@options-helper/domain';
import type { PortalReads } from '@options-helper/ledger';
import { CandlesQueryDto, DerivedHistoryQueryDto } from './dto/portal-queries';
import { SymbolParams } from './dto/portal-params';
import { PORTAL_READS } from './portal.tokens';

@ApiTags('portal')
@Controller('api/v1/portal/symbols')
export class PortalSymbolsController {
  constructor(@Inject(PORTAL_READS) private readonly reads: PortalReads) {}

  @Get()
  @ApiOkResponse({ description: 'PortalSymbols: distinct symbols of candles_daily, options_snapshot_headers and derived_daily.' })
  async symbols(): Promise<PortalSymbols> {
    return { symbols: await this.reads.symbols(), default_symbol: PORTAL_DEFAULT_SYMBOL };
  }

  @Get(':symbol/candles')
  @ApiOkResponse({ description: 'PortalCandles: the last `limit` 1d candles, oldest first, one per ts (auto_adjust true, back_adjust false preferred).' })
  candles(@Param() p: SymbolParams, @Query() q: CandlesQueryDto): Promise<PortalCandles> {
    return this.reads.candles(p.symbol, q.limit ?? 365);
  }

  @Get(':symbol/snapshot')
  @ApiOkResponse({ description: 'PortalSnapshotResponse: the latest snapshot summary (null when none) with the top 15 strikes.' })
  snapshot(@Param() p: SymbolParams): Promise<PortalSnapshotResponse> {
    return this.reads.snapshot(p.symbol);
  }

  @Get(':symbol/derived')
  @ApiOkResponse({ description: 'PortalDerivedSnippet: summary from the last 120 derived rows and the last 10 rows.' })
  derived(@Param() p: SymbolParams): Promise<PortalDerivedSnippet> {
    return this.reads.derivedSnippet(p.symbol);
  }

  @Get(':symbol/derived/history')
  @ApiOkResponse({ description: 'PortalDerivedHistory: rows with date >= latest - (window_days - 1), oldest first, at most 3000.' })
  history(@Param() p: SymbolParams, @Query() q: DerivedHistoryQueryDto): Promise<PortalDerivedHistory> {
    return this.reads.derivedHistory(p.symbol, q.window_days ?? 180);
  }
}
