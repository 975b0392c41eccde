import { ApiProperty } from '@nestjs/swagger';
import { PORTAL_SYMBOL_PATTERN } from '@options-helper/domain';
import { Transform } from 'class-transformer';
import { IsString, Matches, MaxLength } from 'class-validator';

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
export const ISO_DATE_MESSAGE = (field: string) => `${field} must be a date YYYY-MM-DD`;

const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);

/** `{symbol}` path segment: upper-cased, `A–Z 0–9 . _ -` only. */
export class SymbolParams {
  @ApiProperty({ example: 'SPY', description: 'Upper-cased; A–Z 0–9 . _ - only.' })
  @Transform(upper)
  @IsString()
  @Matches(PORTAL_SYMBOL_PATTERN, { message: 'symbol must contain only A-Z 0-9 . _ - (1 to 32 characters)' })
  symbol!: string;
}

export class RunIdParams {
  @ApiProperty()
  @IsString()
  @MaxLength(200)
  runId!: string;
}

export class SchemaParams {
  @ApiProperty({ example: 'main' })
  @IsString()
  @MaxLength(256)
  schema!: string;
}

export class TableParams extends SchemaParams {
  @ApiProperty({ example: 'candles_daily' })
  @IsString()
  @MaxLength(256)
  table!: string;
}

/** A real calendar date (2024-02-30 is refused). */
export function isRealDate(value: unknown): boolean {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return Number.isFinite(d.getTime()) && d.toISOString().slice(0, 10) === value;
}
