import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { ApiRole } from '@app/persistence';

/** Who is calling: an API key's id and role. */
export interface Principal {
  keyId: string;
  role: ApiRole;
  /** As written in the audit log and in `decidedBy` (OPERATOR:<keyId>). */
  actor: string;
  /** The subscriber a `subscriber` key acts for; null for operators' keys. */
  subscriberId: string | null;
}

/** The caller and where the call came from, for the audit log. */
export interface RequestActor {
  principal: Principal;
  remoteAddr: string | null;
}

export type AuthenticatedRequest = Request & { principal?: Principal };

type OperatorRole = Exclude<ApiRole, 'subscriber'>;
const ROLE_RANK: Record<OperatorRole, number> = { viewer: 0, operator: 1, admin: 2 };

/**
 * Operators' roles are ranked (viewer < operator < admin). `subscriber` stands apart: a
 * subscriber's key may call only the routes that require `subscriber` (its own notifications and
 * shipments), and no operator's key may call those (they answer for one subscriber).
 */
export function roleAllows(role: ApiRole, required: ApiRole): boolean {
  if (role === 'subscriber' || required === 'subscriber') return role === required;
  return ROLE_RANK[role] >= ROLE_RANK[required];
}

export const REQUIRED_ROLE = 'requiredRole';
export const PUBLIC_ROUTE = 'publicRoute';

/** The least role a route needs (viewer < operator < admin), or `subscriber` for a subscriber's own routes. */
export const RequireRole = (role: ApiRole) => SetMetadata(REQUIRED_ROLE, role);

/** No API key needed (health; /metrics as ADMIN_OPS_REQUIRE_KEY says, see OpsAccess). */
export const PublicRoute = () => SetMetadata(PUBLIC_ROUTE, true);

/**
 * The client's address: the socket's peer, or what a trusted proxy says (ADMIN_TRUST_PROXY sets
 * Express's `trust proxy`, which `request.ip` follows). What rate limits, logs and the audit use.
 */
export function clientAddress(request: Request): string | null {
  return request.ip ?? request.socket?.remoteAddress ?? null;
}

/** Injects the authenticated caller (set by ApiKeyGuard). */
export const Actor = createParamDecorator((_: unknown, ctx: ExecutionContext): RequestActor => {
  const request = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.principal) throw new Error('Actor used on a route without authentication');
  return { principal: request.principal, remoteAddr: clientAddress(request) };
});
