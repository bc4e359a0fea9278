import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * For a database that ran before the priority lanes: every known shipment is pinned to the lane
 * of its current priority (all its events so far are processed), and its unpublished outbox rows
 * take that lane, so a status written after the upgrade cannot overtake one written before.
 * Dead letters are looked up by their inbound position: a record the triage forwarded twice is
 * dead-lettered (and rejects its shipment) once.
 */
export class LanesBackfill1764300000003 implements MigrationInterface {
  name = 'LanesBackfill1764300000003';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      INSERT INTO shipment_lanes (shipment_id, lane, pinned_at)
      SELECT shipment_id, priority, now() FROM shipments
      ON CONFLICT (shipment_id) DO NOTHING`);
    await db.query(`
      UPDATE outbox o SET lane = CASE l.lane WHEN 'CRITICAL' THEN 0 WHEN 'ESSENTIAL' THEN 1 ELSE 2 END
      FROM shipment_lanes l
      WHERE o.published_at IS NULL AND o.message_key = convert_to(l.shipment_id, 'UTF8')`);
    await db.query(`CREATE INDEX dead_letters_source_idx ON dead_letters (source_topic, kafka_partition, kafka_offset)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS dead_letters_source_idx`);
  }
}
