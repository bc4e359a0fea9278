import { Injectable } from '@nestjs/common';
import { StatusChangeWriter } from '@app/clearance';
import { Clock } from '@app/config';
import type { Priority } from '@app/contract';
import { DeadLetterRepository, type GatheredWrites, OutboxRepository, ShipmentEventLogRepository } from '@app/persistence';
import type { BatchChanges } from './batch-changes';

/**
 * Writes what a batch decided, in its transaction: shipments, decisions and statuses, event log,
 * dead letters, DLQ records. The bulk writes are gathered (sent in one round trip by the caller's
 * flush); the dead letters (an ORM insert, rare) go at once.
 */
@Injectable()
export class BatchWriter {
  constructor(
    private readonly statusChanges: StatusChangeWriter,
    private readonly eventLog: ShipmentEventLogRepository,
    private readonly deadLetters: DeadLetterRepository,
    private readonly outbox: OutboxRepository,
    private readonly clock: Clock,
  ) {}

  /** @param lane the lane consumed (the outbox publishes lane by lane, each shipment's rows in its one lane) */
  async write(writes: GatheredWrites, changes: BatchChanges, lane: Priority | undefined): Promise<void> {
    await this.statusChanges.write(writes, changes.transitions, changes.finalRows(), lane);
    await this.eventLog.appendMany(writes, changes.events);
    await this.deadLetters.appendMany(writes.tx, changes.deadLetters);
    const createdAt = this.clock.now();
    await this.outbox.enqueue(
      writes,
      changes.outbox.map((m) => ({ ...m, createdAt, lane })),
    );
  }
}
