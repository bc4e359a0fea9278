import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadAppConfigFromProcess } from '@app/config';
import { createKafkaClient, ensureTopics } from '@app/messaging';
import { createLogger } from '@app/config/logger';
import { ClearanceEngineModule } from './clearance-engine.module';
import { recordConsumerStatus } from './consumer-metrics';
import { engineTransport } from './engine-transport';

const SHUTDOWN_GRACE_MS = 15_000;

async function bootstrap(): Promise<void> {
  const config = loadAppConfigFromProcess();
  const logger = createLogger(config, 'clearance-engine');
  // Every Logger (kafkajs's included) writes through it from now on.
  Logger.overrideLogger(logger);
  await ensureTopics(createKafkaClient(config.kafka, 'engine-admin'), config.topics, logger);
  const app = await NestFactory.createMicroservice(ClearanceEngineModule.forRoot(config), {
    strategy: engineTransport(
      config,
      () =>
        logger.log(
          `Triage on ${config.topics.shipmentEvents} as ${config.engine.groupId}; lanes ${Object.values(config.topics.lanes).join(', ')}`,
          'Bootstrap',
        ),
      // Restarting did not help (see KafkaBatchServer): exit non-zero rather than run deaf, so the
      // process supervisor (or an operator) sees it and starts a fresh process.
      (consumer) => {
        logger.error(`Consumer ${consumer} cannot be restarted; stopping the clearance engine`, undefined, 'Bootstrap');
        // A close that hangs (e.g. on an unreachable broker) must not keep the process up.
        setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS).unref();
        void app.close().finally(() => process.exit(1));
      },
    ),
    logger,
  });
  recordConsumerStatus(app);
  app.enableShutdownHooks();
  await app.listen();
}

bootstrap().catch((error) => {
  new Logger('Bootstrap').error(`Clearance engine failed to start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
