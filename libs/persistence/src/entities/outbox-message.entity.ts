import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A Kafka record written in the same transaction as the decision that caused it and
 * published afterwards by the status publisher (transactional outbox), which deletes it once the
 * broker acknowledged it. A row that stays is still to send, or was refused for good (refused_at).
 */
@Entity({ name: 'outbox' })
export class OutboxMessageRow {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'varchar', length: 249 })
  topic: string;

  @Column({ name: 'message_key', type: 'bytea', nullable: true })
  messageKey: Buffer | null;

  @Column({ name: 'message_value', type: 'bytea', nullable: true })
  messageValue: Buffer | null;

  @Column({ type: 'jsonb' })
  headers: Record<string, string>;

  /** The priority lane of the shipment (0 CRITICAL, 1 ESSENTIAL, 2 STANDARD): published lane by lane. */
  @Column({ type: 'smallint', default: 2 })
  lane: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Set when the broker refused the record for good: it is never sent again (the publisher goes on with the next rows). */
  @Column({ name: 'refused_at', type: 'timestamptz', nullable: true })
  refusedAt: Date | null;

  /** The broker's error type, e.g. MESSAGE_TOO_LARGE. */
  @Column({ name: 'refusal_code', type: 'varchar', length: 64, nullable: true })
  refusalCode: string | null;

  @Column({ name: 'refusal_error', type: 'text', nullable: true })
  refusalError: string | null;
}
