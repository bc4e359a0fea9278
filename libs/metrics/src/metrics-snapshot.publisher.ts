import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Registry } from 'prom-client';
import { Clock } from '@app/config';
import { ProcessMetricsRepository } from '@app/persistence';
import { METRICS_REGISTRY, ProcessIdentity } from './metrics-registry';

export const PROCESS_IDENTITY = Symbol('PROCESS_IDENTITY');
export const SNAPSHOT_INTERVAL_MS = 5_000;

/**
 * Writes this process's metrics to PostgreSQL every few seconds, so the admin API's
 * /metrics shows every process (engine, publisher) without scraping each one.
 */
@Injectable()
export class MetricsSnapshotPublisher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MetricsSnapshotPublisher.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    @Inject(PROCESS_IDENTITY) private readonly identity: ProcessIdentity,
    private readonly snapshots: ProcessMetricsRepository,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.publish(), SNAPSHOT_INTERVAL_MS);
    this.timer.unref();
    void this.publish();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.snapshots.remove(this.identity.instance).catch(() => undefined);
  }

  async publish(): Promise<void> {
    try {
      await this.snapshots.save({
        processId: this.identity.instance,
        app: this.identity.app,
        snapshot: await this.registry.getMetricsAsJSON(),
        updatedAt: this.clock.now(),
      });
    } catch (error) {
      this.logger.warn(`Could not store the metrics snapshot: ${(error as Error).message}`);
    }
  }
}
