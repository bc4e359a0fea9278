/**
 * The baseline of the benchmark: "the way a NestJS team writes this by default". The stock
 * Kafka transport (ServerKafka, eachMessage, default run options), one @EventPattern handler
 * per message, one TypeORM transaction per event and a direct produce of the status.
 */
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type MicroserviceOptions, Transport } from '@nestjs/microservices';
import { kafkaConnectionOptions } from '@app/messaging';
import { BASELINE_CONFIG } from './baseline-config';
import { BaselineModule } from './baseline.module';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(BaselineModule, {
    transport: Transport.KAFKA,
    options: {
      client: { clientId: 'baseline', ...kafkaConnectionOptions(BASELINE_CONFIG.kafka) },
      consumer: { groupId: BASELINE_CONFIG.engine.groupId },
      // The group id as configured (no "-server" suffix), so the bench can watch it.
      postfixId: '',
      subscribe: { fromBeginning: true },
      // Raw bytes, so the same parseShipmentEvent validates exactly what the engine sees.
      parser: { keepBinary: true },
    },
    logger: ['error', 'warn'],
  });
  app.enableShutdownHooks();
  await app.listen();
}

bootstrap().catch((error) => {
  new Logger('Baseline').error(`Baseline failed to start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
