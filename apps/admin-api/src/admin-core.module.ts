import { DynamicModule, Global, Module } from '@nestjs/common';
import { StatusChangeWriter } from '@app/clearance';
import { AuditTrail } from './audit/audit-trail';

/** What every feature module of the admin API uses: the audit trail, status changes. */
@Global()
@Module({})
export class AdminCoreModule {
  static forRoot(): DynamicModule {
    const providers = [AuditTrail, StatusChangeWriter];
    return { module: AdminCoreModule, providers, exports: providers };
  }
}
