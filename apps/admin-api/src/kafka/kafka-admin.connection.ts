import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Admin } from 'kafkajs';
import { AppConfig, EngineConsumer, engineConsumers } from '@app/config';
import { consumerLag, createKafkaClient } from '@app/messaging';

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

  /** Records not yet committed by each of the engine's consumers (the triage, each lane), per partition. */
  async engineLag(): Promise<{ consumer: EngineConsumer['name']; partition: number; lag: number }[]> {
    return this.use('Consumer lag lookup', async (admin) => {
      const perConsumer = await Promise.all(
        engineConsumers(this.config).map(async ({ name, groupId, topic }) =>
          (await consumerLag(admin, groupId, topic)).map((p) => ({ consumer: name, ...p })),
        ),
      );
      return perConsumer.flat();
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
