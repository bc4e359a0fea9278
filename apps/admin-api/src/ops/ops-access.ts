import { HttpException } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { type AdminAccessConfig } from '@app/config';
import { type ApiKeyAuthenticator } from '../auth/api-key-authenticator';
import { clientAddress } from '../auth/principal';
import { presentedKey } from '../auth/presented-key';
import { type InternalPortServer } from './internal-port.server';

/** /metrics, and the OpenAPI UI and documents (/docs, /docs/*, /docs-json, /docs-yaml); Express matches paths in any case. */
const OPS_PATH = /^\/(?:metrics|docs)(?:\/.*|-json|-yaml)?$/i;
const HEALTH_PATH = /^\/health(?:\/.*)?$/i;

/**
 * Where /metrics and /docs are served and who may read them (ADMIN_INTERNAL_PORT,
 * ADMIN_OPS_REQUIRE_KEY). Express middleware, not a Nest guard: the OpenAPI routes are Express's
 * own. With an internal port, the public port answers 404 for them and the internal port serves
 * nothing else but health. With a key required, a missing or bad one is 401 (logged and counted
 * like any other); a browser gets a login prompt for /docs, whose password is the key.
 */
export function opsAccess(access: AdminAccessConfig, authenticator: ApiKeyAuthenticator, internalPort: InternalPortServer): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    const ops = OPS_PATH.test(request.path);
    if (access.internalPort !== undefined) {
      const internal = internalPort.isInternal(request);
      if (ops !== internal && !(internal && HEALTH_PATH.test(request.path))) {
        response.status(404).json({ statusCode: 404, error: 'Not Found', message: `Cannot ${request.method} ${request.path}` });
        return;
      }
    }
    if (!ops || !access.opsRequireKey) return next();
    authenticator
      .authenticate(presentedKey(request.headers.authorization, true), {
        remoteAddr: clientAddress(request),
        method: request.method,
        path: request.path,
      })
      .then(
        () => next(),
        (error: unknown) => {
          if (!(error instanceof HttpException)) return next(error);
          response.setHeader('WWW-Authenticate', 'Basic realm="priority-clearance operations", charset="UTF-8"');
          response.status(error.getStatus()).json(error.getResponse());
        },
      );
  };
}
