import { Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { DbInfo } from '@options-helper/domain';
import type { Ledger } from '@options-helper/ledger';
import { LEDGER } from '../ledger.tokens';

@ApiTags('database')
@Controller('api/v1')
export class InfoController {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  @Get('info')
  @ApiOkResponse({ description: 'Database path, schema version and tables with row counts.' })
  info(): Promise<DbInfo> {
    return this.ledger.info();
  }

  @Post('migrations')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Applies pending migrations: {database_path, schema_version, applied}.' })
  async migrate(): Promise<{ database_path: string; schema_version: number; applied: number[] }> {
    const outcome = await this.ledger.migrate();
    return { database_path: this.ledger.databasePath, schema_version: await this.ledger.schemaVersion(), applied: outcome.applied };
  }
}
