import { ApiPropertyOptional } from '@nestjs/swagger';
import type { BuildBriefingArgs } from '@options-helper/jobs';
import { IsArray, IsBoolean, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { JobTriggerDto } from '@options-helper/job-service';

export class BuildBriefingDto extends JobTriggerDto {
  @ApiPropertyOptional({ description: 'Default: OPTIONS_HELPER_PORTFOLIO_PATH / data/portfolio.json when it exists.' })
  @IsOptional()
  @IsString()
  portfolio_path?: string;

  @ApiPropertyOptional({ type: [String], description: 'Watchlists whose symbols are added to the portfolio symbols.' })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  watchlists?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Override the portfolio and watchlist symbols.' })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  symbols?: string[];

  @ApiPropertyOptional({ default: 'latest', example: '2026-11-25' })
  @IsOptional()
  @Matches(/^(latest|\d{4}-\d{2}-\d{2})$/, { message: 'as_of must be latest or YYYY-MM-DD' })
  as_of?: string;

  @ApiPropertyOptional({ default: '-1', description: '-N (N-th earlier snapshot date), YYYY-MM-DD, or none|off|false|0' })
  @IsOptional()
  @Matches(/^(-\d+|\d{4}-\d{2}-\d{2}|none|off|false|0)$/i, { message: 'compare must be -N, YYYY-MM-DD or none|off|false|0' })
  compare?: string;

  @ApiPropertyOptional({ default: 3, minimum: 1, maximum: 10 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  top?: number;

  @ApiPropertyOptional({ description: 'A .md file or a folder (default data/reports/daily/{date}.md).' })
  @IsOptional()
  @IsString()
  out?: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  write_json?: boolean;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  update_derived?: boolean;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  strict?: boolean;

  toArgs(): BuildBriefingArgs {
    return {
      portfolioPath: this.portfolio_path ?? null,
      watchlists: this.watchlists,
      symbols: this.symbols,
      asOf: this.as_of,
      compare: this.compare,
      top: this.top,
      out: this.out ?? null,
      writeJson: this.write_json,
      updateDerived: this.update_derived,
      strict: this.strict,
    };
  }
}
