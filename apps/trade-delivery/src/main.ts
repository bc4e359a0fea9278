import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadAppConfigFromProcess } from '@app/config';
import { createLogger } from '@app/config/logger';
import { TradeDeliveryModule } from './trade-delivery.module';

async function bootstrap(): Promise<void> {
  const config = loadAppConfigFromProcess();
  const logger = createLogger(config, 'trade-delivery');
  Logger.overrideLogger(logger);
  const app = await NestFactory.createApplicationContext(TradeDeliveryModule.forRoot(config), { logger });
  // createApplicationContext has already initialised the app: the dispatcher and the purge run.
  app.enableShutdownHooks();
}

bootstrap().catch((error) => {
  new Logger('Bootstrap').error(`Trade delivery failed to start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
