import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { engineConsumers, loadAppConfigFromProcess } from '@app/config';
import { type ConsumerStatus, createKafkaClient, ensureTopics } from '@app/messaging';
import { createLogger } from '@app/config/logger';
import { serveProbes } from '@app/metrics';
import { ClearanceEngineModule } from './clearance-engine.module';
import { recordConsumerStatus } from './consumer-metrics';
import { EngineProbes } from './engine-probes';
import { engineTransport } from './engine-transport';

const SHUTDOWN_GRACE_MS = 15_000;

async function bootstrap(): Promise<void> {
  const config = loadAppConfigFromProcess();
  const logger = createLogger(config, 'clearance-engine');
  // Every Logger (kafkajs's included) writes through it from now on.
  Logger.overrideLogger(logger);
  const probes = new EngineProbes(
    engineConsumers(config).map((c) => c.name),
    config.probes.stallMs,
  );
  if (config.probes.port !== undefined) {
    await serveProbes(config.probes.port, probes);
    logger.log(`Probes on port ${config.probes.port}: /health/live, /health/ready`, 'Bootstrap');
  }
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
      (consumer) => probes.progress.progressed(consumer),
    ),
    logger,
  });
  recordConsumerStatus(app);
  app.on('consumer', (status: ConsumerStatus) => probes.consumerChanged(status));
  app.enableShutdownHooks();
  // Closing lets the batches in flight finish and leaves the groups, so the partitions move to the
  // other engines at once; whatever hangs, the process is gone within the bound (then the session
  // timeout moves them).
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS).unref());
  }
  await app.listen();
}

bootstrap().catch((error) => {
  new Logger('Bootstrap').error(`Clearance engine failed to start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
