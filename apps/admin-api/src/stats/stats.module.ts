import { Module } from '@nestjs/common';
import { ReleaseTimeStatsService } from './release-time-stats.service';
import { ReleaseIntervalHistograms } from './release-interval-histograms';
import { RuleStatsService } from './rule-stats.service';
import { StatsController } from './stats.controller';

@Module({
  controllers: [StatsController],
  providers: [ReleaseTimeStatsService, RuleStatsService, ReleaseIntervalHistograms],
  exports: [ReleaseIntervalHistograms],
})
export class StatsModule {}
