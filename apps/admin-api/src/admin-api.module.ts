import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, AppConfigModule } from '@app/config';
import { PersistenceModule } from '@app/persistence';
import { HealthModule } from './health/health.module';

@Module({})
export class AdminApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AdminApiModule,
      imports: [AppConfigModule.forRoot(config), PersistenceModule, HealthModule],
    };
  }
}
