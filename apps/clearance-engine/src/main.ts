import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadAppConfigFromProcess } from '@app/config';
import { createKafkaClient, ensureTopics } from '@app/messaging';
import { createLogger } from '@app/config/logger';
import { ClearanceEngineModule } from './clearance-engine.module';
import { engineTransport } from './engine-transport';

async function bootstrap(): Promise<void> {
  const config = loadAppConfigFromProcess();
  const logger = createLogger(config, 'clearance-engine');
  // Every Logger (kafkajs's included) writes through it from now on.
  Logger.overrideLogger(logger);
  await ensureTopics(createKafkaClient(config.kafka, 'engine-admin'), config.topics, logger);
  const app = await NestFactory.createMicroservice(ClearanceEngineModule.forRoot(config), {
    strategy: engineTransport(config, () =>
      logger.log(`Triage on ${config.topics.shipmentEvents} as ${config.engine.groupId}; lanes ${Object.values(config.topics.lanes).join(', ')}`, 'Bootstrap'),
    ),
    logger,
  });
  app.enableShutdownHooks();
  await app.listen();
}

bootstrap().catch((error) => {
  new Logger('Bootstrap').error(`Clearance engine failed to start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
