import { type INestApplication } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { AppConfig } from '@app/config';
import { ApiKeyAuthenticator } from './auth/api-key-authenticator';
import { DatabaseDataErrorFilter } from './common/database-error.filter';
import { createValidationPipe } from './common/validation';
import { InternalPortServer } from './ops/internal-port.server';
import { opsAccess } from './ops/ops-access';

/** Larger bodies are refused with 413 (a ruleset document is a few KiB). */
const MAX_BODY = '512kb';

/** Everything the admin app needs beyond its module: shared by main.ts and the e2e tests. */
export function configureAdminApp(app: NestExpressApplication): INestApplication {
  const { adminAccess } = app.get(AppConfig);
  // Who may say who the client is (X-Forwarded-For): by default nobody, so the address is the socket's.
  app.set('trust proxy', adminAccess.trustProxy);
  app.use(helmet({ contentSecurityPolicy: false }));
  // Before the OpenAPI routes, which are Express's own and see no Nest guard.
  app.use(opsAccess(adminAccess, app.get(ApiKeyAuthenticator), app.get(InternalPortServer)));
  app.useBodyParser('json', { limit: MAX_BODY, strict: true });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new DatabaseDataErrorFilter(app.get(HttpAdapterHost).httpAdapter));
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Priority clearance: operators API')
      .setDescription(
        "Watch pending shipments, decide on shipments sent to a check, change the clearance policy without a deploy, and feed intelligence in. Every /api/v1 route needs `Authorization: Bearer <key>`. Lists are paged: `{ items, nextCursor }`, `?limit=` up to 500 and `?cursor=<nextCursor>`. Requests are rate limited per client address and per key: 429 with Retry-After. Delivery to the trade: admins register logistics firms as subscribers (party ids, signed webhooks); a firm's own key (role `subscriber`) reads only its notifications and shipments (`/api/v1/notifications`, `/api/v1/my/shipments/{shipmentId}`).",
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
