import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../auth/principal';
import { ReleaseTimeStatsService } from './release-time-stats.service';
import { RuleStatsService } from './rule-stats.service';
import {
  PriorityReleaseTimesView,
  ReleaseTimesQuery,
  ReleaseTimesView,
  RuleStatsQuery,
  RuleStatsView,
  ShipmentCountsView,
} from './stats.dto';

@ApiTags('stats')
@ApiBearerAuth()
@ApiExtraModels(PriorityReleaseTimesView)
@Controller('api/v1/stats')
export class StatsController {
  constructor(
    private readonly stats: ReleaseTimeStatsService,
    private readonly rules: RuleStatsService,
  ) {}

  /** Every shipment now, by status and priority. */
  @Get('counts')
  @RequireRole('viewer')
  @ApiOkResponse({ type: ShipmentCountsView })
  counts(): Promise<ShipmentCountsView> {
    return this.stats.counts();
  }

  /** Per ruleset version and rule: selections in [from, to), examinations, findings, hit rate, overrides; the random sample as baseline. */
  @Get('rules')
  @RequireRole('viewer')
  @ApiOkResponse({ type: RuleStatsView })
  ruleStats(@Query() query: RuleStatsQuery): Promise<RuleStatsView> {
    return this.rules.ruleStats({ from: query.from, to: query.to, rulesetVersion: query.rulesetVersion });
  }

  /** Per priority: shipments released in [from, to), p50/p90/p99 minutes from submission to release; counts by status; the Time Release Study cuts. */
  @Get('release-times')
  @RequireRole('viewer')
  @ApiOkResponse({ type: ReleaseTimesView })
  releaseTimes(@Query() query: ReleaseTimesQuery): Promise<ReleaseTimesView> {
    return this.stats.releaseTimes({ from: query.from, to: query.to });
  }
}
