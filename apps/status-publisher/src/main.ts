import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadAppConfigFromProcess } from '@app/config';
import { createLogger } from '@app/config/logger';
import { createKafkaClient, ensureTopics } from '@app/messaging';
import { serveProbes } from '@app/metrics';
import { OutboxRelay } from './outbox-relay.service';
import { StatusPublisherModule } from './status-publisher.module';

/** After SIGTERM, the process is gone within this long whatever hangs (the relay gives its batch 10 s). */
const SHUTDOWN_BOUND_MS = 15_000;

async function bootstrap(): Promise<void> {
  const config = loadAppConfigFromProcess();
  const logger = createLogger(config, 'status-publisher');
  // Every Logger (kafkajs's included) writes through it from now on.
  Logger.overrideLogger(logger);
  await ensureTopics(createKafkaClient(config.kafka, 'status-publisher-admin'), config.topics, logger);
  const app = await NestFactory.createApplicationContext(StatusPublisherModule.forRoot(config), { logger });
  // createApplicationContext has already initialised the app: the outbox relay runs.
  app.enableShutdownHooks();
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => setTimeout(() => process.exit(1), SHUTDOWN_BOUND_MS).unref());
  }
  if (config.probes.port !== undefined) {
    const relay = app.get(OutboxRelay);
    await serveProbes(config.probes.port, { live: () => relay.live(), ready: () => relay.ready() });
    logger.log(`Probes on port ${config.probes.port}: /health/live, /health/ready`, 'Bootstrap');
  }
}

bootstrap().catch((error) => {
  new Logger('Bootstrap').error(`Status publisher failed to start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
