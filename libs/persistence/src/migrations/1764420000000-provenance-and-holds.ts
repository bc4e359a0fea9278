import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * docs/contract.md#provenance and #holds-stick:
 * - events are recognised as duplicates by (source, id), as CloudEvents identifies them;
 * - a shipment remembers the source of its first accepted declaration (its owner) and whether its
 *   status is an operator's or a watchlist match's hold;
 * - the operator-managed `arrival-sources` list (empty by default).
 * Existing shipments get their owner from the event log, and a hold when their last decision was
 * an operator's move to a status that sticks or a watchlist match.
 */
export class ProvenanceAndHolds1764420000000 implements MigrationInterface {
  name = 'ProvenanceAndHolds1764420000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE shipment_events DROP CONSTRAINT shipment_events_pkey`);
    await db.query(`ALTER TABLE shipment_events ADD PRIMARY KEY (source, event_id)`);

    await db.query(
      `ALTER TABLE shipments ADD COLUMN owner_source varchar(256), ADD COLUMN hold varchar(16) CHECK (hold IN ('OPERATOR', 'WATCHLIST'))`,
    );
    await db.query(`
      UPDATE shipments s SET owner_source = (
        SELECT e.source FROM shipment_events e
        WHERE e.shipment_id = s.shipment_id AND e.outcome = 'APPLIED'
          AND e.type IN ('customs.prearrival.submitted', 'customs.prearrival.amended')
        ORDER BY e.received_at, e.kafka_offset LIMIT 1)
      WHERE s.amendment IS NOT NULL AND s.status <> 'REJECTED'`);
    await db.query(`
      UPDATE shipments s SET hold = CASE
          WHEN d.decided_by LIKE 'OPERATOR:%' THEN 'OPERATOR'
          ELSE 'WATCHLIST' END
      FROM (SELECT DISTINCT ON (shipment_id) shipment_id, status, decided_by, reasons
            FROM decisions ORDER BY shipment_id, version DESC) d
      WHERE d.shipment_id = s.shipment_id AND s.status = d.status
        AND s.status IN ('DOCUMENT_CHECK', 'INSPECTION_REQUIRED', 'HELD')
        AND (d.decided_by LIKE 'OPERATOR:%' OR (s.status = 'HELD' AND d.reasons @> '[{"code": "WATCHLIST_MATCH"}]'))`);

    await db.query(
      `INSERT INTO reference_lists (name, entries, updated_by, updated_at) VALUES ('arrival-sources', '[]', 'migration', now())
       ON CONFLICT (name) DO NOTHING`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM reference_lists WHERE name = 'arrival-sources'`);
    await db.query(`ALTER TABLE shipments DROP COLUMN IF EXISTS hold, DROP COLUMN IF EXISTS owner_source`);
    await db.query(`ALTER TABLE shipment_events DROP CONSTRAINT shipment_events_pkey`);
    await db.query(`ALTER TABLE shipment_events ADD PRIMARY KEY (event_id)`);
  }
}
