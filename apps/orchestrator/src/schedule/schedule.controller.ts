import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DailyGraphCron, ScheduleStatus } from './daily-graph.cron';

@ApiTags('schedule')
@Controller('api/v1/schedule')
export class ScheduleController {
  constructor(private readonly cron: DailyGraphCron) {}

  @Get()
  @ApiOkResponse({ description: 'The schedule: cron, zone, delay after the close, the due and next session, the last scheduled run.' })
  status(): ScheduleStatus {
    return this.cron.status();
  }

  @Post('tick')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Looks at the clock now (as the cron does) and returns the schedule status once the due session is done.' })
  async tick(): Promise<ScheduleStatus> {
    await this.cron.tick();
    return this.cron.status();
  }
}
