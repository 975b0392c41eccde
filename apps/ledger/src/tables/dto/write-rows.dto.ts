import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsObject } from 'class-validator';

export class WriteRowsDto {
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'Rows keyed by column name; upserted on the table primary key in one transaction.',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200_000)
  @IsObject({ each: true })
  rows!: Record<string, unknown>[];
}
