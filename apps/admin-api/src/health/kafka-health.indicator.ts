import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Admin } from 'kafkajs';
import { AppConfig } from '@app/config';
import { createKafkaClient } from '@app/messaging';

const TIMEOUT_MS = 3_000;

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} timed out after ${TIMEOUT_MS} ms`)), TIMEOUT_MS)),
  ]);
}

/** Readiness of the broker, and of the engine as a member of its consumer group. */
@Injectable()
export class KafkaHealthIndicator implements OnModuleDestroy {
  private admin: Admin | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly health: HealthIndicatorService,
  ) {}

  async broker() {
    const check = this.health.check('kafka');
    try {
      const cluster = await withTimeout(this.connectedAdmin().then((a) => a.describeCluster()), 'Kafka metadata request');
      return check.up({ brokers: cluster.brokers.length });
    } catch (error) {
      await this.reset();
      return check.down({ message: (error as Error).message });
    }
  }

  async engineConsuming() {
    const check = this.health.check('engine');
    try {
      const { groups } = await withTimeout(
        this.connectedAdmin().then((a) => a.describeGroups([this.config.engine.groupId])),
        'Consumer group lookup',
      );
      const group = groups[0];
      const consuming = group?.state === 'Stable' && group.members.length > 0;
      const data = { groupId: this.config.engine.groupId, state: group?.state ?? 'Unknown', members: group?.members.length ?? 0 };
      return consuming ? check.up(data) : check.down({ ...data, message: 'the clearance engine is not consuming' });
    } catch (error) {
      await this.reset();
      return check.down({ message: (error as Error).message });
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.reset();
  }

  private async connectedAdmin(): Promise<Admin> {
    if (!this.admin) {
      const admin = createKafkaClient(this.config.kafka, 'admin-api-health').admin();
      await admin.connect();
      this.admin = admin;
    }
    return this.admin;
  }

  private async reset(): Promise<void> {
    const admin = this.admin;
    this.admin = null;
    await admin?.disconnect().catch(() => undefined);
  }
}
