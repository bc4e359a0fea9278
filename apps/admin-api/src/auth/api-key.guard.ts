import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Clock } from '@app/config';
import { ApiKeyRepository, ApiRole } from '@app/persistence';
import { hashApiKey } from './api-key-secret';
import { AuthenticatedRequest, PUBLIC_ROUTE, REQUIRED_ROLE, roleAllows } from './principal';

const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]{1,256})$/;

/**
 * Every route needs `Authorization: Bearer <key>` unless marked @PublicRoute; a route's
 * @RequireRole (default viewer) decides what the key's role may do. 401 without a valid
 * key, 403 for a role that may not.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyRepository,
    private readonly clock: Clock,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const match = BEARER.exec(request.headers.authorization ?? '');
    if (!match) throw new UnauthorizedException('An API key is required: Authorization: Bearer <key>');
    const key = await this.keys.findActiveByHash(hashApiKey(match[1]));
    if (!key) throw new UnauthorizedException('Unknown or revoked API key');
    request.principal = { keyId: key.id, role: key.role, actor: `apikey:${key.id}` };
    const required = this.reflector.getAllAndOverride<ApiRole>(REQUIRED_ROLE, targets) ?? 'viewer';
    if (!roleAllows(key.role, required)) {
      throw new ForbiddenException(`This needs the ${required} role; the key has ${key.role}`);
    }
    // Best effort: last use is informative, never a reason to fail a request.
    this.keys.touch(key.id, this.clock.now()).catch(() => undefined);
    return true;
  }
}
