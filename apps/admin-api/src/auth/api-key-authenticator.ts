import { Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { Clock } from '@app/config';
import { ApiKeyRepository } from '@app/persistence';
import { hashApiKey } from './api-key-secret';
import { AuthFailureMetrics, AuthFailureReason } from './auth-failure-metrics';
import { Principal } from './principal';
import { PresentedKey } from './presented-key';

/** Where a request came from, as a failure is logged. */
export interface RequestOrigin {
  remoteAddr: string | null;
  method: string;
  path: string;
}

const MESSAGES: Record<AuthFailureReason, string> = {
  missing: 'An API key is required: Authorization: Bearer <key>',
  malformed: 'An API key is required: Authorization: Bearer <key>',
  unknown: 'Unknown or revoked API key',
  revoked: 'Unknown or revoked API key',
  expired: 'The API key has expired',
};

/** Printable ASCII only and bounded: a path is whatever the client sent, and must not forge log lines. */
const printable = (text: string) => text.replace(/[^\x20-\x7e]/g, '?').slice(0, 200);

/**
 * Turns a presented key into its principal, or refuses it with 401. Every refusal is counted and
 * logged with the client address and the key's id when the key is known (revoked, expired), else
 * the first 8 hex digits of its SHA-256 (to tell repeated attempts apart); never the key itself.
 */
@Injectable()
export class ApiKeyAuthenticator {
  private readonly logger = new Logger('Authentication');

  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly metrics: AuthFailureMetrics,
    private readonly clock: Clock,
  ) {}

  async authenticate(presented: PresentedKey, origin: RequestOrigin): Promise<Principal> {
    if (presented.kind !== 'key') throw this.refuse(presented.kind, origin, null);
    const keyHash = hashApiKey(presented.key);
    const key = await this.keys.findByHash(keyHash);
    if (!key) throw this.refuse('unknown', origin, `sha256:${keyHash.slice(0, 8)}`);
    if (key.revokedAt) throw this.refuse('revoked', origin, `id ${key.id}`);
    const now = this.clock.now();
    if (key.expiresAt && key.expiresAt.getTime() <= now.getTime()) throw this.refuse('expired', origin, `id ${key.id}`);
    // Best effort: last use is informative, never a reason to fail a request.
    this.keys.touch(key.id, now).catch(() => undefined);
    return { keyId: key.id, role: key.role, actor: `apikey:${key.id}`, subscriberId: key.subscriberId };
  }

  private refuse(reason: AuthFailureReason, origin: RequestOrigin, key: string | null): UnauthorizedException {
    this.metrics.count(reason);
    const which = key === null ? '' : ` key ${key}`;
    this.logger.warn(
      `Refused (${reason})${which} from ${printable(origin.remoteAddr ?? 'an unknown address')}: ${printable(`${origin.method} ${origin.path}`)}`,
    );
    return new UnauthorizedException(MESSAGES[reason]);
  }
}
