import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AppConfig, AppConfigModule, Clock, SystemClock } from '@app/config';
import { MetricsModule } from '@app/metrics';
import { PersistenceModule } from '@app/persistence';
import { AdminCoreModule } from './admin-core.module';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { ApiKeysService } from './api-keys/api-keys.service';
import { AuditLogController } from './audit-log/audit-log.controller';
import { DashboardController } from './ui/dashboard.controller';
import { ApiKeyGuard } from './auth/api-key.guard';
import { BootstrapApiKey } from './auth/bootstrap-api-key';
import { DeadLettersModule } from './dead-letters/dead-letters.module';
import { ExaminationsModule } from './examinations/examinations.module';
import { HealthModule } from './health/health.module';
import { KafkaModule } from './kafka/kafka.module';
import { MetricsController } from './metrics/metrics.controller';
import { OutboxModule } from './outbox/outbox.module';
import { PrometheusMetricsService } from './metrics/prometheus-metrics.service';
import { InternalPortServer } from './ops/internal-port.server';
import { AddressRateLimitGuard, KeyRateLimitGuard, rateLimitOptions } from './rate-limit/rate-limit.guards';
import { RulesetsModule } from './rulesets/rulesets.module';
import { ServiceLevelsModule } from './service-levels/service-levels.module';
import { ShipmentsModule } from './shipments/shipments.module';
import { StatsModule } from './stats/stats.module';
import { TradeModule } from './trade/trade.module';
import { WatchlistModule } from './watchlist/watchlist.module';
import { WorklistModule } from './worklist/worklist.module';

@Module({})
export class AdminApiModule {
  static forRoot(config: AppConfig, clock: Clock = new SystemClock()): DynamicModule {
    return {
      module: AdminApiModule,
      imports: [
        AppConfigModule.forRoot(config, clock),
        ThrottlerModule.forRoot(rateLimitOptions(config.adminAccess, clock)),
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
        TradeModule,
        ExaminationsModule,
        WorklistModule,
        ServiceLevelsModule,
      ],
      controllers: [ApiKeysController, AuditLogController, MetricsController, DashboardController],
      providers: [
        // Global guards run in this order: the address limit counts failed authentications too;
        // the key limit needs the key ApiKeyGuard found.
        { provide: APP_GUARD, useClass: AddressRateLimitGuard },
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_GUARD, useClass: KeyRateLimitGuard },
        BootstrapApiKey,
        PrometheusMetricsService,
        ApiKeysService,
        InternalPortServer,
      ],
    };
  }
}
