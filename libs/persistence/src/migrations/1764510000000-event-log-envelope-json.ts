import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The event log keeps each event's envelope as `json` (its text, checked to be JSON) rather than
 * `jsonb`: nothing queries inside it (the shipment row holds the declaration in force), and building
 * the binary document cost PostgreSQL about a fifth of the event log's insert, per event, for nothing
 * (docs/BENCHMARKS.md, issue 12). This rewrites the table once: on a large event log, run it in a
 * maintenance window (the engine waits for its lock).
 */
export class EventLogEnvelopeJson1764510000000 implements MigrationInterface {
  name = 'EventLogEnvelopeJson1764510000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE shipment_events ALTER COLUMN envelope TYPE json USING envelope::json`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE shipment_events ALTER COLUMN envelope TYPE jsonb USING envelope::jsonb`);
  }
}
