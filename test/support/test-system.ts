import { type INestApplication, type INestApplicationContext, type INestMicroservice } from '@nestjs/common';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { NestFactory } from '@nestjs/core';
import { randomBytes } from 'node:crypto';
import { CompressionTypes, type Kafka, Partitioners, type Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { type AppConfig, type Clock, type KafkaConfig, loadAppConfig } from '@app/config';
import { type ClearanceStatusEvent } from '@app/contract';
import { createKafkaClient, ensureTopics } from '@app/messaging';
import { AdminApiModule } from '../../apps/admin-api/src/admin-api.module';
import { configureAdminApp } from '../../apps/admin-api/src/admin-app.setup';
import { ClearanceEngineModule } from '../../apps/clearance-engine/src/clearance-engine.module';
import { recordConsumerStatus } from '../../apps/clearance-engine/src/consumer-metrics';
import { engineTransport } from '../../apps/clearance-engine/src/engine-transport';
import { StatusPublisherModule } from '../../apps/status-publisher/src/status-publisher.module';
import { TradeDeliveryModule } from '../../apps/trade-delivery/src/trade-delivery.module';
import { AdminApiClient } from './admin-api-client';
import { TopicRecorder } from './topic-recorder';

export interface OutgoingTestRecord {
  key?: string | null;
  /** An object is sent as JSON; a string or Buffer as it is. */
  value: unknown;
  headers?: Record<string, string>;
}

/** The environment of the integration suite (set by global-setup). */
export function integrationEnvironment(overrides: Record<string, string> = {}): Record<string, string> {
  const brokers = process.env.IT_KAFKA_BROKERS;
  const databaseUrl = process.env.IT_DATABASE_URL;
  if (!brokers || !databaseUrl) throw new Error('Run the integration suite through jest --selectProjects integration');
  return { KAFKA_BROKERS: brokers, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', ...overrides };
}

/**
 * A whole clearance backend for one test file: its own topics and consumer group on the real
 * broker, the run's own database, the real engine and status publisher, and recorders on
 * the status and dead-letter topics.
 */
export class TestSystem {
  readonly kafka: Kafka;
  readonly statuses: TopicRecorder;
  readonly deadLetters: TopicRecorder;
  private producer: Producer | null = null;
  private engine: INestMicroservice | null = null;
  private publisher: INestApplicationContext | null = null;
  private adminApi: INestApplication | null = null;
  private tradeDelivery: INestApplicationContext | null = null;
  private database: DataSource | null = null;

  private constructor(
    readonly config: AppConfig,
    private readonly clock: Clock | undefined,
    observer: KafkaConfig,
  ) {
    this.kafka = createKafkaClient(observer, 'it');
    this.statuses = new TopicRecorder(this.kafka, config.topics.clearanceStatus);
    this.deadLetters = new TopicRecorder(this.kafka, config.topics.deadLetter);
  }

  /**
   * @param options.env more configuration (environment variables), e.g. smaller limits
   * @param options.run the run's name in its topics (`it.<run>.*`), to create one beforehand
   */
  static async create(
    name: string,
    options: { partitions?: number; clock?: Clock; env?: Record<string, string>; run?: string } = {},
  ): Promise<TestSystem> {
    return TestSystem.start(TestSystem.configure(name, options), options);
  }

  /**
   * The configuration of a test system: its own topics and consumer groups; `env` overrides the
   * suite's (e.g. another broker and its credentials).
   */
  static configure(name: string, options: { partitions?: number; env?: Record<string, string>; run?: string } = {}): AppConfig {
    const run = options.run ?? `${name}-${randomBytes(3).toString('hex')}`;
    return loadAppConfig(
      integrationEnvironment({
        TOPIC_SHIPMENT_EVENTS: `it.${run}.shipment-events`,
        TOPIC_CLEARANCE_STATUS: `it.${run}.clearance-status`,
        TOPIC_DEAD_LETTER: `it.${run}.shipment-events.dlq`,
        TOPIC_PARTITIONS: String(options.partitions ?? 3),
        ENGINE_GROUP_ID: `it.${run}.engine`,
        OUTBOX_POLL_INTERVAL_MS: '50',
        ADMIN_API_KEY: `it-admin-${randomBytes(16).toString('hex')}`,
        ...options.env,
      }),
    );
  }

  /**
   * Creates the system's topics as the backend does at start-up and starts the recorders.
   * `observer` is how the test itself connects to produce and record (the backend's connection by default).
   */
  static async start(config: AppConfig, options: { clock?: Clock; observer?: KafkaConfig } = {}): Promise<TestSystem> {
    const system = new TestSystem(config, options.clock, options.observer ?? config.kafka);
    await ensureTopics(createKafkaClient(config.kafka, 'it-topics'), config.topics);
    await Promise.all([system.statuses.start(), system.deadLetters.start()]);
    return system;
  }

  /** The run's database, for assertions on what was recorded. */
  async db(): Promise<DataSource> {
    if (!this.database) {
      this.database = new DataSource({ type: 'postgres', url: this.config.databaseUrl });
      await this.database.initialize();
    }
    return this.database;
  }

  async startEngine(): Promise<void> {
    let joined!: () => void;
    const running = new Promise<void>((resolve) => (joined = resolve));
    this.engine = await NestFactory.createMicroservice(ClearanceEngineModule.forRoot(this.config, this.clock), {
      strategy: engineTransport(this.config, () => joined()),
      logger: ['error', 'warn'],
    });
    recordConsumerStatus(this.engine);
    await this.engine.listen();
    await running;
  }

  async stopEngine(): Promise<void> {
    await this.engine?.close();
    this.engine = null;
  }

  async startPublisher(): Promise<void> {
    this.publisher = await NestFactory.createApplicationContext(StatusPublisherModule.forRoot(this.config, this.clock), {
      logger: ['error', 'warn'],
    });
    await this.publisher.init();
  }

  async stopPublisher(): Promise<void> {
    await this.publisher?.close();
    this.publisher = null;
  }

  /** The delivery worker (webhooks to the trade, purge of expired notifications). */
  async startTradeDelivery(): Promise<void> {
    this.tradeDelivery = await NestFactory.createApplicationContext(TradeDeliveryModule.forRoot(this.config, this.clock), {
      logger: ['error', 'warn'],
    });
    await this.tradeDelivery.init();
  }

  /** Stops the delivery worker as a shutdown does: calls in flight are cut, their messages stay queued. */
  async stopTradeDelivery(): Promise<void> {
    await this.tradeDelivery?.close();
    this.tradeDelivery = null;
  }

  /** The admin HTTP API in-process, with the run's bootstrap admin key. */
  async startAdminApi(): Promise<AdminApiClient> {
    const app = await NestFactory.create<NestExpressApplication>(AdminApiModule.forRoot(this.config, this.clock), {
      logger: ['error', 'warn'],
      bodyParser: false,
    });
    configureAdminApp(app);
    await app.init();
    this.adminApi = app;
    return new AdminApiClient(app.getHttpServer(), this.config.admin.bootstrapApiKey!);
  }

  /** Produces to the inbound topic, in one request (one record batch per partition), compressed if asked. */
  async produce(records: OutgoingTestRecord[], compression = CompressionTypes.None): Promise<void> {
    if (!this.producer) {
      this.producer = this.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
      await this.producer.connect();
    }
    await this.producer.send({
      topic: this.config.topics.shipmentEvents,
      acks: -1,
      compression,
      messages: records.map((r) => ({
        key: r.key ?? null,
        value:
          Buffer.isBuffer(r.value) || typeof r.value === 'string' || r.value === null
            ? (r.value as Buffer | string | null)
            : JSON.stringify(r.value),
        headers: r.headers,
      })),
    });
  }

  /** Every status event received for a shipment, in arrival order. */
  statusesOf(shipmentId: string): ClearanceStatusEvent[] {
    return this.statuses.messages.filter((m) => m.key === shipmentId).map((m) => JSON.parse(m.value!.toString()) as ClearanceStatusEvent);
  }

  /** Waits for status `version` of a shipment and returns it. */
  async waitForStatus(shipmentId: string, version = 1, timeoutMs = 20_000): Promise<ClearanceStatusEvent> {
    return this.statuses.waitFor(
      `${shipmentId} version ${version}`,
      () => this.statusesOf(shipmentId).find((e) => e.data.version === version),
      timeoutMs,
    );
  }

  async close(): Promise<void> {
    await this.adminApi?.close();
    await this.stopTradeDelivery();
    await this.stopEngine();
    await this.stopPublisher();
    await this.producer?.disconnect();
    await Promise.all([this.statuses.stop(), this.deadLetters.stop()]);
    await this.database?.destroy();
  }
}
