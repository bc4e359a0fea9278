import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A bad inbound record, kept with its errors for operators (also sent to the DLQ topic). */
@Entity({ name: 'dead_letters' })
@Index('dead_letters_received_idx', ['receivedAt'])
export class DeadLetterRow {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'source_topic', type: 'varchar', length: 249 })
  sourceTopic: string;

  @Column({ name: 'kafka_partition', type: 'integer' })
  kafkaPartition: number;

  @Column({ name: 'kafka_offset', type: 'bigint' })
  kafkaOffset: string;

  @Column({ name: 'message_key', type: 'bytea', nullable: true })
  messageKey: Buffer | null;

  @Column({ name: 'message_value', type: 'bytea', nullable: true })
  messageValue: Buffer | null;

  /** The record's own headers, as received (a replay re-sends them). */
  @Column({ type: 'jsonb', default: {} })
  headers: Record<string, string>;

  @Column({ name: 'error_kind', type: 'varchar', length: 32 })
  errorKind: string;

  @Column({ type: 'jsonb' })
  errors: { path: string; message: string }[];

  @Column({ name: 'shipment_id', type: 'varchar', length: 64, nullable: true })
  shipmentId: string | null;

  @Column({ name: 'event_id', type: 'varchar', length: 256, nullable: true })
  eventId: string | null;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;

  @Column({ name: 'replayed_at', type: 'timestamptz', nullable: true })
  replayedAt: Date | null;

  @Column({ name: 'replay_count', type: 'integer', default: 0 })
  replayCount: number;
}
