import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { StatusChangeWriter } from '@app/clearance';
import { AppConfig, AppConfigModule, Clock, SystemClock } from '@app/config';
import { PersistenceModule } from '@app/persistence';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { AuditLogController } from './audit-log/audit-log.controller';
import { AuditTrail } from './audit/audit-trail';
import { ApiKeyGuard } from './auth/api-key.guard';
import { BootstrapApiKey } from './auth/bootstrap-api-key';
import { HealthModule } from './health/health.module';

@Module({})
export class AdminApiModule {
  static forRoot(config: AppConfig, clock: Clock = new SystemClock()): DynamicModule {
    return {
      module: AdminApiModule,
      imports: [AppConfigModule.forRoot(config), PersistenceModule, HealthModule],
      controllers: [ApiKeysController, AuditLogController],
      providers: [
        { provide: Clock, useValue: clock },
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        BootstrapApiKey,
        AuditTrail,
        StatusChangeWriter,
      ],
      exports: [Clock, AuditTrail, StatusChangeWriter],
    };
  }
}
