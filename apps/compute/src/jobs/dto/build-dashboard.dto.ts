import { ApiPropertyOptional } from '@nestjs/swagger';
import type { BuildDashboardArgs } from '@options-helper/jobs';
import { IsOptional, IsString, Matches } from 'class-validator';
import { JobTriggerDto } from '@options-helper/job-service';

export class BuildDashboardDto extends JobTriggerDto {
  @ApiPropertyOptional({ default: 'latest', example: '2026-11-25' })
  @IsOptional()
  @Matches(/^(latest|\d{4}-\d{2}-\d{2})$/, { message: 'date must be latest or YYYY-MM-DD' })
  date?: string;

  @ApiPropertyOptional({ description: 'Default data/reports.' })
  @IsOptional()
  @IsString()
  reports_dir?: string;

  toArgs(): BuildDashboardArgs {
    return { date: this.date, reportsDir: this.reports_dir };
  }
}
