import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiRole } from '@app/persistence';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import { AuthenticatedRequest, clientAddress, PUBLIC_ROUTE, REQUIRED_ROLE, roleAllows } from './principal';
import { presentedKey } from './presented-key';

/**
 * Every route needs `Authorization: Bearer <key>` unless marked @PublicRoute; a route's
 * @RequireRole (default viewer) decides what the key's role may do. 401 without a valid
 * key (expired and revoked ones included), 403 for a role that may not.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: ApiKeyAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = await this.authenticator.authenticate(presentedKey(request.headers.authorization), {
      remoteAddr: clientAddress(request),
      method: request.method,
      path: request.path,
    });
    request.principal = principal;
    const required = this.reflector.getAllAndOverride<ApiRole>(REQUIRED_ROLE, targets) ?? 'viewer';
    if (!roleAllows(principal.role, required)) {
      throw new ForbiddenException(`This needs the ${required} role; the key has ${principal.role}`);
    }
    return true;
  }
}
