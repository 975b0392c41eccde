import { ApiPropertyOptional } from '@nestjs/swagger';
import type { DerivedSelectionArgs } from '@options-helper/jobs';
import { IsArray, IsOptional, IsString, Matches } from 'class-validator';
import { JobTriggerDto } from '@options-helper/job-service';

export class ComputeDerivedDto extends JobTriggerDto {
  @ApiPropertyOptional({ type: [String], description: 'Symbols; without symbols and watchlists: watchlists positions + monitor ∪ the portfolio symbols.' })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  symbols?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  watchlists?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  portfolio_path?: string;

  @ApiPropertyOptional({ default: 'latest', example: '2026-11-25' })
  @IsOptional()
  @Matches(/^(latest|\d{4}-\d{2}-\d{2})$/, { message: 'as_of must be latest or YYYY-MM-DD' })
  as_of?: string;

  toArgs(): DerivedSelectionArgs {
    return { symbols: this.symbols, watchlists: this.watchlists, portfolioPath: this.portfolio_path, asOf: this.as_of };
  }
}
