import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadAppConfigFromProcess } from '@app/config';
import { createLogger } from '@app/config/logger';
import { createKafkaClient, ensureTopics } from '@app/messaging';
import { StatusPublisherModule } from './status-publisher.module';

async function bootstrap(): Promise<void> {
  const config = loadAppConfigFromProcess();
  const logger = createLogger(config, 'status-publisher');
  // Every Logger (kafkajs's included) writes through it from now on.
  Logger.overrideLogger(logger);
  await ensureTopics(createKafkaClient(config.kafka, 'status-publisher-admin'), config.topics, logger);
  const app = await NestFactory.createApplicationContext(StatusPublisherModule.forRoot(config), { logger });
  // createApplicationContext has already initialised the app: the outbox relay runs.
  app.enableShutdownHooks();
}

bootstrap().catch((error) => {
  new Logger('Bootstrap').error(`Status publisher failed to start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
