import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import type { RowWriteResult } from '@options-helper/domain';
import { Ledger, MARKET_TABLE_NAMES } from '@options-helper/ledger';
import { LEDGER } from '../ledger.tokens';
import { WriteRowsDto } from './dto/write-rows.dto';

@ApiTags('tables')
@Controller('api/v1/tables')
export class TablesController {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  @Post(':table/rows')
  @HttpCode(200)
  @ApiParam({ name: 'table', enum: MARKET_TABLE_NAMES })
  @ApiOkResponse({ description: '{table, rows_written}' })
  write(@Param('table') table: string, @Body() body: WriteRowsDto): Promise<RowWriteResult> {
    return this.ledger.writeRows(table, body.rows);
  }
}
