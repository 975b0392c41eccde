import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type {
  CandleClose,
  CandleCoverage,
  OptionBarsMetaRecord,
  ReplaceFlowInput,
  SaveSnapshotInput,
  SaveSnapshotResult,
  UpsertContractsInput,
  UpsertContractsResult,
  WriteCandlesInput,
  WriteOptionBarsInput,
  WriteOptionBarsResult,
  FlowWindowsRequest,
  FlowWindowsResult,
} from '@options-helper/domain';
import { Ledger, LedgerValidationError } from '@options-helper/ledger';
import { ReadOnlyEndpoint } from '@options-helper/server';
import { LEDGER } from '../ledger.tokens';

// Market-table writes with their own semantics (candles + meta, snapshot days, contracts, bars + meta).
// Bodies are validated by the ledger's validators (field path and reason in the 400), like the bulk
// endpoints; the schemas are documented in docs/ledger-interface.md and libs/domain/src/market.

function objectBody<T>(body: unknown): T {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new LedgerValidationError('body', 'must be a JSON object');
  return body as T;
}

const objectSchema = { schema: { type: 'object', additionalProperties: true } };

@ApiTags('market')
@Controller('api/v1/market')
export class MarketController {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  @Post('candles')
  @HttpCode(200)
  @ApiBody({ ...objectSchema, description: '{symbol, interval?, auto_adjust?, back_adjust?, rows: [{ts, open, high, low, close, volume, …}], max_backfill_complete?}' })
  @ApiOkResponse({ description: '{symbol, rows_written}' })
  writeCandles(@Body() body: unknown): Promise<{ symbol: string; rows_written: number }> {
    return this.ledger.writeCandles(objectBody<WriteCandlesInput>(body));
  }

  @Get('candles/:symbol/coverage')
  @ApiOkResponse({ description: 'Stored rows, first and last session, full-history flag of the adjusted 1d series.' })
  coverage(@Param('symbol') symbol: string): Promise<CandleCoverage> {
    return this.ledger.candleCoverage(symbol);
  }

  @Get('candles/:symbol/closes')
  @ApiQuery({ name: 'start', required: false })
  @ApiQuery({ name: 'end', required: false })
  @ApiOkResponse({ description: 'Closes of the adjusted 1d series, ascending.' })
  closes(@Param('symbol') symbol: string, @Query('start') start?: string, @Query('end') end?: string): Promise<CandleClose[]> {
    for (const [field, value] of [['start', start], ['end', end]] as const) {
      if (value !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new LedgerValidationError(field, 'must be a date YYYY-MM-DD');
    }
    return this.ledger.candleCloses(symbol, start, end);
  }

  @Post('snapshots')
  @HttpCode(200)
  @ApiBody({ ...objectSchema, description: '{header: {symbol, snapshot_date, provider, spot, …}, rows: [{contract_symbol, osi, …}]} — replaces the day.' })
  @ApiOkResponse({ description: '{symbol, snapshot_date, provider, contracts}' })
  saveSnapshot(@Body() body: unknown): Promise<SaveSnapshotResult> {
    return this.ledger.saveSnapshot(objectBody<SaveSnapshotInput>(body));
  }

  @Post('flow')
  @HttpCode(200)
  @ApiBody({ ...objectSchema, description: '{symbol, as_of, from_date, to_date, window_size, group_by, snapshot_dates, generated_at, rows: [{row_key, …}]} — replaces the partition.' })
  @ApiOkResponse({ description: '{symbol, rows_written}' })
  replaceFlow(@Body() body: unknown): Promise<{ symbol: string; rows_written: number }> {
    return this.ledger.replaceFlow(objectBody<ReplaceFlowInput>(body));
  }

  @Post('flow/windows')
  @HttpCode(200)
  @ApiBody({
    ...objectSchema,
    description:
      '{provider, group_by, windows: [{symbol, snapshot_dates: [N+1 dates, oldest first]}], top, all_rows?, persist: null | {generated_at}} — computes the flow windows in DuckDB (DOMAIN.md §4.2–§4.3); with persist, replaces each options_flow partition (§4.5), one transaction.',
  })
  @ApiOkResponse({ description: '{windows: [{symbol, from_date, to_date, empty_dates, calls_delta_oi_notional, puts_delta_oi_notional, net_row_count, rows_written, net}]}' })
  computeFlowWindows(@Body() body: unknown): Promise<FlowWindowsResult> {
    return this.ledger.computeFlowWindows(objectBody<FlowWindowsRequest>(body));
  }

  @Post('option-contracts')
  @HttpCode(200)
  @ApiBody({ ...objectSchema, description: '{provider, as_of_date, contracts: [{contract_symbol, underlying, expiry, option_type, strike, multiplier, open_interest?, …}]}' })
  @ApiOkResponse({ description: '{contracts, snapshots}' })
  upsertContracts(@Body() body: unknown): Promise<UpsertContractsResult> {
    return this.ledger.upsertContracts(objectBody<UpsertContractsInput>(body));
  }

  @Post('option-bars')
  @HttpCode(200)
  @ApiBody({ ...objectSchema, description: '{provider, bars: [{contract_symbol, ts, open, high, low, close, volume, …}], success: [contract], errors: [{contract_symbol, status, error}]}' })
  @ApiOkResponse({ description: '{bars, success, errors}' })
  writeOptionBars(@Body() body: unknown): Promise<WriteOptionBarsResult> {
    return this.ledger.writeOptionBars(objectBody<WriteOptionBarsInput>(body));
  }

  @Post('option-bars/meta/query')
  @HttpCode(200)
  @ReadOnlyEndpoint()
  @ApiBody({ ...objectSchema, description: '{provider, contract_symbols: [...]}' })
  @ApiOkResponse({ description: 'option_bars_meta rows of the listed contracts.' })
  optionBarsMeta(@Body() body: unknown): Promise<OptionBarsMetaRecord[]> {
    const q = objectBody<{ provider?: unknown; contract_symbols?: unknown }>(body);
    if (typeof q.provider !== 'string' || !q.provider) throw new LedgerValidationError('provider', 'is required');
    if (!Array.isArray(q.contract_symbols) || q.contract_symbols.some((c) => typeof c !== 'string')) {
      throw new LedgerValidationError('contract_symbols', 'must be an array of strings');
    }
    return this.ledger.optionBarsMeta(q.provider, q.contract_symbols as string[]);
  }
}
