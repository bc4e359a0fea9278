import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../auth/principal';
import { ReleaseTimeStatsService } from './release-time-stats.service';
import { PriorityReleaseTimesView, ReleaseTimesQuery, ReleaseTimesView } from './stats.dto';

@ApiTags('stats')
@ApiBearerAuth()
@ApiExtraModels(PriorityReleaseTimesView)
@Controller('api/v1/stats')
export class StatsController {
  constructor(private readonly stats: ReleaseTimeStatsService) {}

  /** Per priority: shipments released in [from, to) and p50/p90/p99 minutes from submission to release; counts by status. */
  @Get('release-times')
  @RequireRole('viewer')
  releaseTimes(@Query() query: ReleaseTimesQuery): Promise<ReleaseTimesView> {
    return this.stats.releaseTimes({ from: query.from, to: query.to });
  }
}
