import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiConflictResponse, ApiTags } from '@nestjs/swagger';
import { PartitionRunService, StartedPartition } from './partition-run.service';
import { MaterializePartitionDto } from './dto/materialize-partition.dto';

@ApiTags('partitions')
@Controller('api/v1/partitions')
export class PartitionsController {
  constructor(private readonly partitions: PartitionRunService) {}

  @Post(':partition/materializations')
  @HttpCode(202)
  @ApiAcceptedResponse({ description: '{daily_run_id, partition, assets}: the daily_graph run (triggered_by api) runs in the background.' })
  @ApiBadRequestResponse({ description: 'The partition is not a trading session.' })
  @ApiConflictResponse({ description: 'An asset of the partition is being materialised already.' })
  materialize(@Param('partition') partition: string, @Body() body: MaterializePartitionDto): Promise<StartedPartition> {
    return this.partitions.start(partition, body.assets);
  }
}
