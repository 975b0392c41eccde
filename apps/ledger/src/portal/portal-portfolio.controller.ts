import { Controller, Get, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { PortalPortfolio } from '@options-helper/domain';
import { PortfolioQueryDto } from './dto/portal-queries';
import { PortalPortfolioService } from './portal-portfolio.service';

@ApiTags('portal')
@Controller('api/v1/portal/portfolio')
export class PortalPortfolioController {
  constructor(private readonly service: PortalPortfolioService) {}

  @Get()
  @ApiOkResponse({ description: 'PortalPortfolio: positions table, risk summary (§7.3), stress scenarios and warnings.' })
  @ApiNotFoundResponse({ description: 'reason portfolio_missing: the file does not exist.' })
  @ApiUnprocessableEntityResponse({ description: 'reason portfolio_invalid: issues [{path: "$.positions[2].strike", reason}].' })
  portfolio(@Query() q: PortfolioQueryDto): PortalPortfolio {
    return this.service.portfolio({ portfolioPath: q.portfolio_path, reportsDir: q.reports_dir });
  }
}
