import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerException, ThrottlerGuard, ThrottlerLimitDetail, ThrottlerModuleOptions } from '@nestjs/throttler';
import type { Response } from 'express';
import { AdminAccessConfig, Clock } from '@app/config';
import { AuthenticatedRequest, clientAddress } from '../auth/principal';
import { FixedWindowThrottlerStorage } from './fixed-window-storage';

/** The two limits, by the name @SkipThrottle and @Throttle take. */
export const ADDRESS_LIMIT = 'address';
export const KEY_LIMIT = 'key';

/** Both limits over ADMIN_RATE_LIMIT_WINDOW_MS, counted in this process (each admin API instance counts its own). */
export function rateLimitOptions(access: AdminAccessConfig, clock: Clock): ThrottlerModuleOptions {
  const request = (context: ExecutionContext) => context.switchToHttp().getRequest<AuthenticatedRequest>();
  const { windowMs, perAddress, perKey } = access.rateLimit;
  return {
    storage: new FixedWindowThrottlerStorage(clock),
    throttlers: [
      {
        name: ADDRESS_LIMIT,
        ttl: windowMs,
        limit: perAddress,
        getTracker: (_req, context) => clientAddress(request(context)) ?? 'unknown',
      },
      {
        name: KEY_LIMIT,
        ttl: windowMs,
        limit: perKey,
        // Public routes (health, metrics) have no key to count.
        skipIf: (context) => request(context).principal === undefined,
        getTracker: (_req, context) => request(context).principal!.keyId,
      },
    ],
  };
}

/** One of the named limits, counted per tracker over every route together, refused with 429 and Retry-After. */
abstract class OneLimitGuard extends ThrottlerGuard {
  protected abstract readonly limitName: string;
  protected abstract readonly refusal: string;

  override async onModuleInit(): Promise<void> {
    await super.onModuleInit();
    this.throttlers = this.throttlers.filter((t) => t.name === this.limitName);
  }

  // The library's default key is per route; a limit here covers the whole API.
  protected override generateKey(_context: ExecutionContext, tracker: string, name: string): string {
    return `${name}:${tracker}`;
  }

  // The library names the header Retry-After-<name> for named limits; clients look for Retry-After.
  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    context.switchToHttp().getResponse<Response>().header('Retry-After', String(detail.timeToBlockExpire));
    throw new ThrottlerException(
      `Too many requests ${this.refusal}: at most ${detail.limit} per ${detail.ttl / 1000} s; retry after ${detail.timeToBlockExpire} s`,
    );
  }
}

/** Per client address, before authentication: failed attempts count too. Registered before ApiKeyGuard. */
@Injectable()
export class AddressRateLimitGuard extends OneLimitGuard {
  protected readonly limitName = ADDRESS_LIMIT;
  protected readonly refusal = 'from this address';
}

/** Per API key, from any address. Registered after ApiKeyGuard, which names the key. */
@Injectable()
export class KeyRateLimitGuard extends OneLimitGuard {
  protected readonly limitName = KEY_LIMIT;
  protected readonly refusal = 'with this API key';
}
