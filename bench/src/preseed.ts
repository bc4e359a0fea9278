/**
 * A database that has grown: N released shipments of the past, each with its declaration event
 * and its decision, written by PostgreSQL itself (generate_series, one statement per table) before
 * the measured run. Their ids (`SHP-HIST-…`) never meet the generated load's, so the run's
 * correctness check is unchanged; what changes is the size of every table and index it writes.
 */
import { Client } from 'pg';

export async function preseedShipments(databaseUrl: string, count: number): Promise<void> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const series = `generate_series(1, $1::int) AS n`;
    const id = `'SHP-HIST-' || lpad(n::text, 9, '0')`;
    const at = `now() - interval '400 days' + n * interval '10 seconds'`;
    const priority = `(ARRAY['CRITICAL','ESSENTIAL','STANDARD','STANDARD','STANDARD'])[1 + n % 5]`;
    await db.query(
      `INSERT INTO shipments (shipment_id, status, priority, cold_chain, version, declaration, ruleset_version,
                              arrived_at, submitted_at, released_at, created_at, updated_at, owner_source)
       SELECT ${id}, 'RELEASED', ${priority}, n % 7 = 0, 2,
              jsonb_build_object('shipmentId', ${id}, 'entryLocation', 'NLRTM', 'transportMode', 'SEA'),
              1, ${at} + interval '1 day', ${at}, ${at} + interval '1 day 1 hour', ${at}, ${at} + interval '1 day 1 hour', '/border/historic'
       FROM ${series}`,
      [count],
    );
    await db.query(
      `INSERT INTO shipment_events (event_id, shipment_id, type, source, event_time, received_at, kafka_partition, kafka_offset, outcome, envelope)
       SELECT 'evt-hist-' || n, ${id}, 'customs.prearrival.submitted', '/border/historic', ${at}, ${at}, n % 6, n, 'DECIDED',
              json_build_object('id', 'evt-hist-' || n)
       FROM ${series}`,
      [count],
    );
    await db.query(
      `INSERT INTO decisions (shipment_id, version, status, priority, cold_chain, reasons, ruleset_version, decided_by, causation_id, decided_at)
       SELECT ${id}, v, CASE v WHEN 1 THEN 'PRE_CLEARED' ELSE 'RELEASED' END, ${priority}, n % 7 = 0, '[]'::jsonb, 1,
              'clearance-engine', 'evt-hist-' || n, ${at} + (v - 1) * interval '1 day'
       FROM ${series}, generate_series(1, 2) AS v`,
      [count],
    );
    await db.query(`VACUUM ANALYZE shipments, shipment_events, decisions`);
  } finally {
    await db.end();
  }
}
