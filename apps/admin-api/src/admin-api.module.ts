import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AppConfig, AppConfigModule, Clock, SystemClock } from '@app/config';
import { PersistenceModule } from '@app/persistence';
import { AdminCoreModule } from './admin-core.module';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { AuditLogController } from './audit-log/audit-log.controller';
import { ApiKeyGuard } from './auth/api-key.guard';
import { BootstrapApiKey } from './auth/bootstrap-api-key';
import { DeadLettersModule } from './dead-letters/dead-letters.module';
import { HealthModule } from './health/health.module';
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
        AppConfigModule.forRoot(config),
        PersistenceModule,
        AdminCoreModule.forRoot(clock),
        HealthModule,
        ShipmentsModule,
        RulesetsModule,
        WatchlistModule,
        DeadLettersModule,
        StatsModule,
      ],
      controllers: [ApiKeysController, AuditLogController],
      providers: [{ provide: APP_GUARD, useClass: ApiKeyGuard }, BootstrapApiKey],
    };
  }
}
