import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ShipmentEventRow } from '../entities';
import { BulkColumn, bulkInsert } from './bulk-insert';
import { type WriteTarget } from './gathered-writes';

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
  { column: 'envelope', type: 'json', value: (r) => r.envelope },
];

/** A CloudEvent's identity: `source` and `id` together (CloudEvents 1.0). */
export interface EventIdentity {
  source: string;
  id: string;
}

/** One string per identity, for sets and maps. */
export const eventKey = (e: EventIdentity) => `${e.source}\u0000${e.id}`;

/** The log of valid inbound events; its primary key (source, id) makes events idempotent. */
@Injectable()
export class ShipmentEventLogRepository {
  /** Which of these events were recorded already (duplicates to drop), as eventKey strings. */
  async findRecorded(tx: EntityManager, events: EventIdentity[]): Promise<Set<string>> {
    if (events.length === 0) return new Set();
    const rows: { source: string; event_id: string }[] = await tx.query(
      `SELECT e.source, e.event_id FROM shipment_events e
       JOIN unnest($1::text[], $2::text[]) AS k(source, event_id) ON e.source = k.source AND e.event_id = k.event_id`,
      [events.map((e) => e.source), events.map((e) => e.id)],
    );
    return new Set(rows.map((r) => eventKey({ source: r.source, id: r.event_id })));
  }

  async appendMany(target: WriteTarget, rows: ShipmentEventRow[]): Promise<void> {
    await bulkInsert(target, 'shipment_events', COLUMNS, rows);
  }
}
