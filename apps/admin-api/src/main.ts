import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { loadAppConfigFromProcess } from '@app/config';
import { createLogger } from '@app/config/logger';
import { AdminApiModule } from './admin-api.module';
import { configureAdminApp } from './admin-app.setup';

async function bootstrap(): Promise<void> {
  const config = loadAppConfigFromProcess();
  const logger = createLogger(config, 'admin-api');
  // Every Logger (kafkajs's included) writes through it from now on.
  Logger.overrideLogger(logger);
  const app = await NestFactory.create<NestExpressApplication>(AdminApiModule.forRoot(config), { logger, bodyParser: false });
  configureAdminApp(app);
  await app.listen(config.admin.port);
  const ops = config.adminAccess.internalPort === undefined ? '' : `; /metrics and /docs on port ${config.adminAccess.internalPort}`;
  logger.log(`Admin API listening on http://localhost:${config.admin.port}${ops}`, 'Bootstrap');
}

bootstrap().catch((error) => {
  new Logger('Bootstrap').error(`Admin API failed to start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
