import { Inject, Injectable, Logger } from '@nestjs/common';
import { AggregatorRegistry, Gauge, PrometheusContentType, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { Clock } from '@app/config';
import { METRICS_REGISTRY, PROCESS_IDENTITY, ProcessIdentity, SNAPSHOT_INTERVAL_MS } from '@app/metrics';
import { OutboxRepository, ProcessMetricsRepository } from '@app/persistence';
import { ReleaseIntervalHistograms } from '../stats/release-interval-histograms';
import { KafkaAdminConnection } from '../kafka/kafka-admin.connection';

/** A process whose snapshot is older than this is taken for gone. */
const STALE_AFTER_MS = 6 * SNAPSHOT_INTERVAL_MS;

/**
 * The /metrics page: the snapshots of the other processes (engine, publisher) united by
 * prom-client's aggregator with this process's live registry, whose gauges read the outbox
 * backlog and the engine's consumer lag at scrape time.
 */
@Injectable()
export class PrometheusMetricsService {
  private readonly logger = new Logger(PrometheusMetricsService.name);

  constructor(
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    @Inject(PROCESS_IDENTITY) private readonly identity: ProcessIdentity,
    private readonly snapshots: ProcessMetricsRepository,
    private readonly clock: Clock,
    private readonly releaseIntervals: ReleaseIntervalHistograms,
    dataSource: DataSource,
    outbox: OutboxRepository,
    kafka: KafkaAdminConnection,
  ) {
    const logger = this.logger;
    new Gauge({
      name: 'clearance_outbox_backlog',
      help: 'Records decided but not yet published',
      registers: [registry],
      async collect() {
        this.set(await outbox.countPending(dataSource.manager));
      },
    });
    new Gauge({
      name: 'clearance_consumer_lag',
      help: "Records not yet committed by the engine's consumers: the triage (shipment events topic) and each priority lane",
      labelNames: ['consumer', 'partition'],
      registers: [registry],
      async collect() {
        this.reset();
        try {
          for (const { consumer, partition, lag } of await kafka.engineLag()) this.set({ consumer, partition: String(partition) }, lag);
        } catch (error) {
          logger.warn(`Consumer lag unavailable: ${(error as Error).message}`);
        }
      },
    });
  }

  async render(): Promise<string> {
    const since = new Date(this.clock.now().getTime() - STALE_AFTER_MS);
    const others = (await this.snapshots.findFresh(since)).filter((s) => s.processId !== this.identity.instance);
    // Every series carries its process's app and instance labels, so aggregating only unites them.
    const own = await this.registry.getMetricsAsJSON();
    const fromDatabase = await this.releaseIntervals.metricsAsJson();
    return AggregatorRegistry.aggregate<PrometheusContentType>([...others.map((s) => s.snapshot), own, fromDatabase]).metrics();
  }
}
