import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ShipmentEvent } from '@app/contract/shipment-events';

/** Every valid inbound event, once (the primary key is the CloudEvent source and id: duplicates change nothing). */
@Entity({ name: 'shipment_events' })
@Index('shipment_events_shipment_idx', ['shipmentId', 'receivedAt'])
export class ShipmentEventRow {
  @PrimaryColumn({ name: 'event_id', type: 'varchar', length: 256 })
  eventId: string;

  @Column({ name: 'shipment_id', type: 'varchar', length: 64 })
  shipmentId: string;

  @Column({ type: 'varchar', length: 64 })
  type: string;

  @PrimaryColumn({ type: 'varchar', length: 256 })
  source: string;

  @Column({ name: 'event_time', type: 'timestamptz', nullable: true })
  eventTime: Date | null;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;

  @Column({ name: 'kafka_partition', type: 'integer' })
  kafkaPartition: number;

  @Column({ name: 'kafka_offset', type: 'bigint' })
  kafkaOffset: string;

  /** APPLIED when it produced a new status, otherwise why it changed nothing (e.g. STALE_AMENDMENT). */
  @Column({ type: 'varchar', length: 64 })
  outcome: string;

  /** The event as received, kept as JSON text: nothing queries inside it (see migration 1764510000000). */
  @Column({ type: 'json' })
  envelope: ShipmentEvent;
}
