import { ApiPropertyOptional } from '@nestjs/swagger';
import { DAILY_GRAPH_ASSET_KEYS } from '@options-helper/domain';
import { IsArray, IsIn, IsOptional } from 'class-validator';

export class MaterializePartitionDto {
  @ApiPropertyOptional({ type: [String], enum: DAILY_GRAPH_ASSET_KEYS, description: 'Default: every asset of the graph.' })
  @IsOptional()
  @IsArray()
  @IsIn(DAILY_GRAPH_ASSET_KEYS, { each: true, message: `assets must be among ${DAILY_GRAPH_ASSET_KEYS.join(', ')}` })
  assets?: string[];
}
