import { Controller, Get, Inject, Param, Query, UseFilters } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { PortalColumns, PortalPreview, PortalSchemas, PortalTables } from '@options-helper/domain';
import type { PortalReads } from '@options-helper/ledger';
import { PreviewQueryDto } from './dto/portal-queries';
import { SchemaParams, TableParams } from './dto/portal-params';
import { PortalErrorsFilter } from './portal-errors.filter';
import { PORTAL_READS } from './portal.tokens';

@ApiTags('portal')
@UseFilters(PortalErrorsFilter)
@Controller('api/v1/portal/data')
export class PortalDataController {
  constructor(@Inject(PORTAL_READS) private readonly reads: PortalReads) {}

  @Get('schemas')
  @ApiOkResponse({ description: 'PortalSchemas: schemas without information_schema and pg_catalog.' })
  async schemas(): Promise<PortalSchemas> {
    return { schemas: await this.reads.schemas(), default_schema: 'main' };
  }

  @Get('schemas/:schema/tables')
  @ApiOkResponse({ description: 'PortalTables: tables and views with exact row counts (null when counting failed).' })
  @ApiNotFoundResponse({ description: 'reason unknown_schema' })
  tables(@Param() p: SchemaParams): Promise<PortalTables> {
    return this.reads.tables(p.schema);
  }

  @Get('schemas/:schema/tables/:table/columns')
  @ApiOkResponse({ description: 'PortalColumns: column_name, data_type, is_nullable, column_default, ordinal_position.' })
  @ApiNotFoundResponse({ description: 'reason unknown_schema or unknown_table' })
  columns(@Param() p: TableParams): Promise<PortalColumns> {
    return this.reads.columns(p.schema, p.table);
  }

  @Get('schemas/:schema/tables/:table/preview')
  @ApiOkResponse({ description: 'PortalPreview: the first `limit` rows and the SELECT snippet (identifiers from the catalog, double-quoted).' })
  @ApiNotFoundResponse({ description: 'reason unknown_schema or unknown_table' })
  preview(@Param() p: TableParams, @Query() q: PreviewQueryDto): Promise<PortalPreview> {
    return this.reads.preview(p.schema, p.table, q.limit ?? 50);
  }
}
