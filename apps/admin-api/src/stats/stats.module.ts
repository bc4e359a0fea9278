import { Module } from '@nestjs/common';
import { ReleaseTimeStatsService } from './release-time-stats.service';
import { StatsController } from './stats.controller';

@Module({
  controllers: [StatsController],
  providers: [ReleaseTimeStatsService],
})
export class StatsModule {}
