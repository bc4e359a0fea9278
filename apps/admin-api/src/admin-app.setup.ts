import { INestApplication } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { DatabaseDataErrorFilter } from './common/database-error.filter';
import { createValidationPipe } from './common/validation';

/** Larger bodies are refused with 413 (a ruleset document is a few KiB). */
const MAX_BODY = '512kb';

/** Everything the admin app needs beyond its module: shared by main.ts and the e2e tests. */
export function configureAdminApp(app: NestExpressApplication): INestApplication {
  app.use(helmet({ contentSecurityPolicy: false }));
  app.useBodyParser('json', { limit: MAX_BODY, strict: true });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new DatabaseDataErrorFilter(app.get(HttpAdapterHost).httpAdapter));
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Priority clearance: operators API')
      .setDescription(
        'Watch pending shipments, decide on shipments sent to a check, change the clearance policy without a deploy, and feed intelligence in. Every /api/v1 route needs `Authorization: Bearer <key>`.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
