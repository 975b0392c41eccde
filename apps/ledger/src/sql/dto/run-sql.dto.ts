import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class RunSqlDto {
  @ApiProperty({ example: 'SELECT job_name, count(*) FROM meta.ingestion_runs GROUP BY 1', description: 'One read-only SELECT.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100_000)
  sql!: string;

  @ApiPropertyOptional({ type: 'array', items: {}, description: 'Bound to $1, $2, …' })
  @IsOptional()
  @IsArray()
  params?: (string | number | boolean | null)[];

  @ApiPropertyOptional({ default: 500, minimum: 1, maximum: 10000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  max_rows?: number;

  @ApiPropertyOptional({ default: 30000, minimum: 1, maximum: 300000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(300_000)
  timeout_ms?: number;
}

export interface SqlResult {
  columns: { name: string; type: string }[];
  rows: Record<string, unknown>[];
  row_count: number;
  truncated: boolean;
  elapsed_ms: number;
}
