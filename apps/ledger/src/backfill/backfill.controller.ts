import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { GapPlan } from '@options-helper/domain';
import type { Ledger } from '@options-helper/ledger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { LEDGER } from '../ledger.tokens';

export class BackfillPlanQuery {
  @ApiPropertyOptional({ default: 3, minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3650)
  stale_days?: number;

  @ApiPropertyOptional({ default: 7, minimum: 0, description: 'Window in days for failed checks.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(36500)
  days?: number;

  @ApiPropertyOptional({ description: 'Portfolio path used in the commands (default data/portfolio.json).' })
  @IsOptional()
  @IsString()
  portfolio_path?: string;
}

@ApiTags('backfill')
@Controller('api/v1/backfill')
export class BackfillController {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  @Get('plan')
  @ApiOkResponse({ description: 'The gap backfill plan (DOMAIN.md §9.3): ordered steps with commands and the plan hash. Display only.' })
  plan(@Query() q: BackfillPlanQuery): Promise<GapPlan> {
    return this.ledger.backfillPlan({ staleDays: q.stale_days, days: q.days, portfolioPath: q.portfolio_path });
  }
}
