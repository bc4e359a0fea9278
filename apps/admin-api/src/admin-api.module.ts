import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AppConfig, AppConfigModule, Clock, SystemClock } from '@app/config';
import { MetricsModule } from '@app/metrics';
import { PersistenceModule } from '@app/persistence';
import { AdminCoreModule } from './admin-core.module';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { ApiKeysService } from './api-keys/api-keys.service';
import { AuditLogController } from './audit-log/audit-log.controller';
import { ApiKeyGuard } from './auth/api-key.guard';
import { BootstrapApiKey } from './auth/bootstrap-api-key';
import { DeadLettersModule } from './dead-letters/dead-letters.module';
import { HealthModule } from './health/health.module';
import { KafkaModule } from './kafka/kafka.module';
import { MetricsController } from './metrics/metrics.controller';
import { OutboxModule } from './outbox/outbox.module';
import { PrometheusMetricsService } from './metrics/prometheus-metrics.service';
import { RulesetsModule } from './rulesets/rulesets.module';
import { ShipmentsModule } from './shipments/shipments.module';
import { StatsModule } from './stats/stats.module';
import { WatchlistModule } from './watchlist/watchlist.module';

@Module({})
export class AdminApiModule {
  static forRoot(config: AppConfig, clock: Clock = new SystemClock()): DynamicModule {
    return {
      module: AdminApiModule,
      imports: [
        AppConfigModule.forRoot(config, clock),
        PersistenceModule,
        AdminCoreModule.forRoot(),
        MetricsModule.forApp('admin-api'),
        KafkaModule,
        HealthModule,
        ShipmentsModule,
        RulesetsModule,
        WatchlistModule,
        DeadLettersModule,
        StatsModule,
        OutboxModule,
      ],
      controllers: [ApiKeysController, AuditLogController, MetricsController],
      providers: [{ provide: APP_GUARD, useClass: ApiKeyGuard }, BootstrapApiKey, PrometheusMetricsService, ApiKeysService],
    };
  }
}
