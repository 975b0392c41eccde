import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { PortalMeta } from '@options-helper/domain';
import { PortalMetaService } from './portal-meta.service';

@ApiTags('portal')
@Controller('api/v1/portal/meta')
export class PortalMetaController {
  constructor(private readonly service: PortalMetaService) {}

  @Get()
  @ApiOkResponse({ description: 'PortalMeta: disclaimer, database path, schema version, guidance, form defaults and bootstrap commands.' })
  meta(): Promise<PortalMeta> {
    return this.service.meta();
  }
}
