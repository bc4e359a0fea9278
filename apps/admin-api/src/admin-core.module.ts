import { DynamicModule, Global, Module } from '@nestjs/common';
import { StatusChangeWriter } from '@app/clearance';
import { Clock } from '@app/config';
import { AuditTrail } from './audit/audit-trail';

/** What every feature module of the admin API uses: the clock, the audit trail, status changes. */
@Global()
@Module({})
export class AdminCoreModule {
  static forRoot(clock: Clock): DynamicModule {
    const providers = [{ provide: Clock, useValue: clock }, AuditTrail, StatusChangeWriter];
    return { module: AdminCoreModule, providers, exports: [Clock, AuditTrail, StatusChangeWriter] };
  }
}
