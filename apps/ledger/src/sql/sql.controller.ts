import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Ledger } from '@options-helper/ledger';
import { ReadOnlyEndpoint } from '@options-helper/server';
import { LEDGER } from '../ledger.tokens';
import { RunSqlDto, SqlResult } from './dto/run-sql.dto';

@ApiTags('sql')
@Controller('api/v1/sql')
export class SqlController {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  @Post()
  @HttpCode(200)
  @ReadOnlyEndpoint()
  @ApiOkResponse({ description: 'Columns and rows of one read-only SELECT (Data Explorer).' })
  @ApiBadRequestResponse({ description: 'Refused or failed statement: message, reason and SQLSTATE.' })
  async run(@Body() body: RunSqlDto): Promise<SqlResult> {
    const result = await this.ledger.query(body.sql, { params: body.params, maxRows: body.max_rows ?? 500, timeoutMs: body.timeout_ms });
    return { columns: result.columns, rows: result.rows, row_count: result.rowCount, truncated: result.truncated, elapsed_ms: result.elapsedMs };
  }
}
