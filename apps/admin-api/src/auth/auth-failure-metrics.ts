import { Inject, Injectable } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';
import { METRICS_REGISTRY } from '@app/metrics';

/** Why a request was refused 401. */
export type AuthFailureReason = 'missing' | 'malformed' | 'unknown' | 'revoked' | 'expired';

/** Refused authentications, on the admin API's own registry (served live by /metrics). */
@Injectable()
export class AuthFailureMetrics {
  private readonly failures: Counter<'reason'>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.failures = new Counter({
      name: 'clearance_admin_auth_failures_total',
      help: 'Admin API requests refused 401, by reason (missing, malformed, unknown, revoked or expired key)',
      labelNames: ['reason'],
      registers: [registry],
    });
  }

  count(reason: AuthFailureReason): void {
    this.failures.inc({ reason });
  }
}
