import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { AppConfig, engineConsumers } from '@app/config';
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

  /** The engine consumes when the triage's group and every lane's group are Stable with members. */
  async engineConsuming() {
    const check = this.health.check('engine');
    const groupIds = engineConsumers(this.config).map((c) => c.groupId);
    try {
      const { groups } = await this.kafka.use('Consumer group lookup', (admin) => admin.describeGroups(groupIds));
      const data = {
        groups: groupIds.map((id) => {
          const group = groups.find((g) => g.groupId === id);
          return { groupId: id, state: group?.state ?? 'Unknown', members: group?.members.length ?? 0 };
        }),
      };
      const consuming = data.groups.every((g) => g.state === 'Stable' && g.members > 0);
      return consuming ? check.up(data) : check.down({ ...data, message: 'the clearance engine is not consuming' });
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  }
}
