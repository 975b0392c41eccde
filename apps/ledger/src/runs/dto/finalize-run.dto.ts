import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ErrorInfo } from '@options-helper/domain';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, ValidateIf, ValidateNested } from 'class-validator';

export class ErrorInfoDto implements ErrorInfo {
  @ApiProperty({ example: 'ProviderError', description: 'The error class name.' })
  @IsString()
  @IsNotEmpty()
  type!: string;

  @ApiProperty()
  @IsString()
  message!: string;

  @ApiPropertyOptional({ description: 'Stack text; its SHA-256 becomes error_stack_hash.' })
  @IsOptional()
  @IsString()
  stack?: string;
}

export class FinalizeRunDto {
  @ApiProperty({ enum: ['success', 'failed'] })
  @IsIn(['success', 'failed'])
  status!: 'success' | 'failed';

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  ended_at?: string;

  @ApiPropertyOptional({ type: ErrorInfoDto, description: 'Required when status is failed.' })
  @ValidateIf((o: FinalizeRunDto) => o.status === 'failed' || o.error !== undefined)
  @IsDefined({ message: 'error is required when status is failed' })
  @ValidateNested()
  @Type(() => ErrorInfoDto)
  error?: ErrorInfoDto;

  @ApiPropertyOptional({ description: 'Hashed instead of error.stack when given.' })
  @IsOptional()
  @IsString()
  stack_text?: string;
}
