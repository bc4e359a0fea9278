import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { AppConfig } from '@app/config';
import { KafkaAdminConnection } from '../kafka/kafka-admin.connection';

/** Readiness of the broker, and of the engine as a member of its consumer group. */
@Injectable()
export class KafkaHealthIndicator {
  constructor(
    private readonly config: AppConfig,
    private readonly kafka: KafkaAdminConnection,
    private readonly health: HealthIndicatorService,
  ) {}

  async broker() {
    const check = this.health.check('kafka');
    try {
      const cluster = await this.kafka.use('Kafka metadata request', (admin) => admin.describeCluster());
      return check.up({ brokers: cluster.brokers.length });
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  }

  async engineConsuming() {
    const check = this.health.check('engine');
    const { groupId } = this.config.engine;
    try {
      const { groups } = await this.kafka.use('Consumer group lookup', (admin) => admin.describeGroups([groupId]));
      const group = groups[0];
      const data = { groupId, state: group?.state ?? 'Unknown', members: group?.members.length ?? 0 };
      const consuming = group?.state === 'Stable' && group.members.length > 0;
      return consuming ? check.up(data) : check.down({ ...data, message: 'the clearance engine is not consuming' });
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  }
}
