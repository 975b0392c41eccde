import { ApiPropertyOptional } from '@nestjs/swagger';
import type { ComputeFlowArgs } from '@options-helper/jobs';
import { IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { JobTriggerDto } from '@options-helper/job-service';

export class ComputeFlowDto extends JobTriggerDto {
  @ApiPropertyOptional({ type: [String], description: 'Symbols (win over watchlists and the portfolio).' })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  symbols?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  watchlists?: string[];

  @ApiPropertyOptional({ description: 'Portfolio whose symbols are used when neither symbols nor watchlists are given.' })
  @IsOptional()
  @IsString()
  portfolio_path?: string;

  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: 30 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(30)
  window?: number;

  @ApiPropertyOptional({ enum: ['contract', 'strike', 'expiry', 'expiry-strike'], default: 'contract' })
  @IsOptional()
  @IsIn(['contract', 'strike', 'expiry', 'expiry-strike'])
  group_by?: string;

  @ApiPropertyOptional({ default: 10, minimum: 1, maximum: 100 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  top?: number;

  @ApiPropertyOptional({ default: 'latest', example: '2026-11-25' })
  @IsOptional()
  @Matches(/^(latest|\d{4}-\d{2}-\d{2})$/, { message: 'as_of must be latest or YYYY-MM-DD' })
  as_of?: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  persist?: boolean;

  @ApiPropertyOptional({ description: 'Write the flow artifacts under {out_dir}/flow/{SYM}/.' })
  @IsOptional()
  @IsString()
  out_dir?: string;

  toArgs(): ComputeFlowArgs {
    return {
      symbols: this.symbols,
      watchlists: this.watchlists,
      portfolioPath: this.portfolio_path,
      window: this.window,
      groupBy: this.group_by,
      top: this.top,
      asOf: this.as_of,
      persist: this.persist,
      outDir: this.out_dir ?? null,
    };
  }
}
