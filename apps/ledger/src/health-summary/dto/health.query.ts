import { ApiPropertyOptional } from '@nestjs/swagger';
import { HealthQuery as HealthInput } from '@options-helper/domain';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class HealthQuery {
  @ApiPropertyOptional({ default: 7, minimum: 0, description: 'Window in days for latest runs, failures and failed checks.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(36500)
  days?: number;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 10000, description: 'Rows per section.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10000)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, description: 'Only watermarks with staleness_days >= N.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  stale_days?: number;

  toInput(): HealthInput {
    return { days: this.days, limit: this.limit, staleDays: this.stale_days ?? null };
  }
}
