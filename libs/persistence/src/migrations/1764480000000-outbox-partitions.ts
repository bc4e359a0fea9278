import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The outbox is split into 32 partitions by its rows' key (the shipment id for statuses): every
 * row of a shipment falls in one partition, so publishers that each hold some partitions (advisory
 * locks, see OutboxPartitionRepository) publish in parallel while each shipment's versions still go
 * out in order. The partition is a function of the key, not a column: nothing is rewritten, and an
 * expression index over the pending rows only (a small partial index) finds a partition's next rows.
 * 32 bounds the number of publishers that can be busy at once; changing it needs a new migration,
 * run while no publisher runs (a shipment's pending rows must not change partition under a publisher).
 */
export class OutboxPartitions1764480000000 implements MigrationInterface {
  name = 'OutboxPartitions1764480000000';

  async up(db: QueryRunner): Promise<void> {
    // md5's first 32 bits, sign bit cleared, mod 32: the same key always lands in the same partition.
    await db.query(`
      CREATE FUNCTION outbox_partition(key bytea) RETURNS integer
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        RETURN ((('x' || substr(md5(coalesce(key, ''::bytea)), 1, 8))::bit(32)::integer & 2147483647) % 32)`);
    await db.query(`
      CREATE INDEX outbox_sendable_partition_idx ON outbox (outbox_partition(message_key), lane, id)
        WHERE published_at IS NULL AND refused_at IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS outbox_sendable_partition_idx`);
    await db.query(`DROP FUNCTION IF EXISTS outbox_partition(bytea)`);
  }
}
