import { DynamicModule, Global, Module } from '@nestjs/common';
import { StatusChangeWriter } from '@app/clearance';
import { AuditLogQueries } from './audit-log/audit-log-queries.service';
import { AuditTrail } from './audit/audit-trail';
import { ApiKeyAuthenticator } from './auth/api-key-authenticator';
import { AuthFailureMetrics } from './auth/auth-failure-metrics';

/** What every feature module of the admin API uses: authentication, the audit trail and log, status changes. */
@Global()
@Module({})
export class AdminCoreModule {
  static forRoot(): DynamicModule {
    const providers = [AuditTrail, AuditLogQueries, StatusChangeWriter, ApiKeyAuthenticator, AuthFailureMetrics];
    return { module: AdminCoreModule, providers, exports: providers };
  }
}
