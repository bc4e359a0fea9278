import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ShipmentEventRow } from '../entities';
import { BulkColumn, bulkInsert } from './bulk-insert';

const COLUMNS: BulkColumn<ShipmentEventRow>[] = [
  { column: 'event_id', type: 'text', value: (r) => r.eventId },
  { column: 'shipment_id', type: 'text', value: (r) => r.shipmentId },
  { column: 'type', type: 'text', value: (r) => r.type },
  { column: 'source', type: 'text', value: (r) => r.source },
  { column: 'event_time', type: 'timestamptz', value: (r) => r.eventTime },
  { column: 'received_at', type: 'timestamptz', value: (r) => r.receivedAt },
  { column: 'kafka_partition', type: 'integer', value: (r) => r.kafkaPartition },
  { column: 'kafka_offset', type: 'bigint', value: (r) => r.kafkaOffset },
  { column: 'outcome', type: 'text', value: (r) => r.outcome },
  { column: 'envelope', type: 'jsonb', value: (r) => r.envelope },
];

/** The log of valid inbound events; its primary key makes event ids idempotent. */
@Injectable()
export class ShipmentEventLogRepository {
  /** Which of these event ids were recorded already (duplicates to drop). */
  async findRecordedIds(tx: EntityManager, eventIds: string[]): Promise<Set<string>> {
    if (eventIds.length === 0) return new Set();
    const rows: { event_id: string }[] = await tx.query(
      'SELECT event_id FROM shipment_events WHERE event_id = ANY($1)',
      [eventIds],
    );
    return new Set(rows.map((r) => r.event_id));
  }

  async appendMany(tx: EntityManager, rows: ShipmentEventRow[]): Promise<void> {
    await bulkInsert(tx, 'shipment_events', COLUMNS, rows);
  }
}
