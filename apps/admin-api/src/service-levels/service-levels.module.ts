import { Module } from '@nestjs/common';
import { ServiceLevelMonitor } from './service-level-monitor';
import { ServiceLevelQueries } from './service-level-queries.service';
import { ServiceLevelsController } from './service-levels.controller';

@Module({
  controllers: [ServiceLevelsController],
  providers: [ServiceLevelMonitor, ServiceLevelQueries],
})
export class ServiceLevelsModule {}
