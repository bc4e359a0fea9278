import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../auth/principal';
import { ReleaseTimesQuery } from '../stats/stats.dto';
import { ServiceLevelsView } from './service-levels.dto';
import { ServiceLevelQueries } from './service-level-queries.service';

@ApiTags('stats')
@ApiBearerAuth()
@Controller('api/v1/service-levels')
export class ServiceLevelsController {
  constructor(private readonly queries: ServiceLevelQueries) {}

  /** The configured release targets and the alerts raised in [from, to) (default: the last 24 hours). */
  @Get()
  @RequireRole('viewer')
  @ApiOkResponse({ type: ServiceLevelsView })
  serviceLevels(@Query() query: ReleaseTimesQuery): Promise<ServiceLevelsView> {
    return this.queries.view(query);
  }
}
