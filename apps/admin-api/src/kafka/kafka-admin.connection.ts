import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Admin } from 'kafkajs';
import { AppConfig } from '@app/config';
import { Priority, PRIORITIES } from '@app/contract';
import { createKafkaClient } from '@app/messaging';

/** The engine's consumers: the triage, and one per priority lane. */
export type EngineConsumer = 'triage' | Priority;

const TIMEOUT_MS = 3_000;

/** One lazily connected kafkajs admin client for the admin app (health, lag); reconnects after a failure. */
@Injectable()
export class KafkaAdminConnection implements OnModuleDestroy {
  /** The connection being made or made; shared so concurrent callers never open two. */
  private admin: Promise<Admin> | null = null;

  constructor(private readonly config: AppConfig) {}

  /** Runs `work` with the admin client, bounded in time; a failure drops the connection for the next call. */
  async use<T>(what: string, work: (admin: Admin) => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        this.connected().then(work),
        new Promise<T>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`${what} timed out after ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
        }),
      ]);
    } catch (error) {
      await this.reset();
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Records not yet committed by each stage of the engine, per partition: the triage on the
   * shipment events topic, and each priority lane on its lane topic.
   */
  async engineLag(): Promise<{ consumer: EngineConsumer; partition: number; lag: number }[]> {
    const { engine, topics } = this.config;
    const stages: { consumer: EngineConsumer; groupId: string; topic: string }[] = [
      { consumer: 'triage', groupId: engine.groupId, topic: topics.shipmentEvents },
      ...PRIORITIES.map((lane) => ({ consumer: lane, groupId: engine.laneGroupIds[lane], topic: topics.lanes[lane] })),
    ];
    return this.use('Consumer lag lookup', async (admin) => {
      const perStage = await Promise.all(
        stages.map(async ({ consumer, groupId, topic }) => {
          const [ends, [committed]] = await Promise.all([admin.fetchTopicOffsets(topic), admin.fetchOffsets({ groupId, topics: [topic] })]);
          const committedBy = new Map(committed?.partitions.map((p) => [p.partition, Number(p.offset)]) ?? []);
          return ends.map((end) => {
            const done = committedBy.get(end.partition) ?? -1;
            // -1: nothing committed yet, everything from the low watermark is pending.
            const from = done >= 0 ? done : Number(end.low);
            return { consumer, partition: end.partition, lag: Math.max(0, Number(end.high) - from) };
          });
        }),
      );
      return perStage.flat();
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.reset();
  }

  private connected(): Promise<Admin> {
    if (!this.admin) {
      const admin = createKafkaClient(this.config.kafka, 'admin-api').admin();
      this.admin = admin.connect().then(() => admin);
      // A failed connect is dropped with its client, so the next call tries afresh.
      this.admin.catch(() => void admin.disconnect().catch(() => undefined));
    }
    return this.admin;
  }

  private async reset(): Promise<void> {
    const pending = this.admin;
    this.admin = null;
    const admin = await pending?.catch(() => null);
    await admin?.disconnect().catch(() => undefined);
  }
}
