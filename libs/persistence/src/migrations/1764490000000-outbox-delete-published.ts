import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The status publisher deletes the outbox rows the broker acknowledged (in the transaction that
 * read them) instead of setting `published_at`: an update wrote a new version of every row and of
 * every index entry, and the table, which kept every row ever published, only grew. So the outbox
 * holds only the rows still to send and those the broker refused for good (`refused_at`, listed
 * for operators), and `published_at` goes, with the indexes whose predicate left published rows
 * out. What stays is one index per query shape (OutboxRepository, RefusedOutboxRepository):
 *
 * - `outbox_sendable_lane_idx` (lane, id) WHERE refused_at IS NULL: `findPending`, read in its
 *   ORDER BY (lane, id) and stopped at the LIMIT, the rows of partitions the publisher does not
 *   hold skipped by a filter; and the backlog gauge's `countPending`. The index on
 *   (outbox_partition(message_key), lane, id) of 1764480000000 goes: a queue's statistics are always
 *   behind its rows, and with it the planner, expecting a few thousand rows where there were tens of
 *   thousands, read and sorted every pending row of the held partitions for each batch of 1,000;
 *   with only this one, a batch reads about (1,000 x the share of partitions held) rows whatever
 *   the backlog;
 * - `outbox_refused_idx` (id) WHERE refused_at IS NOT NULL, kept as it is: the operators' listing
 *   of refused rows, newest first, without reading the rows still to send.
 *
 * Deleting the published rows takes the outbox's exclusive lock first, so no publisher of before
 * this migration marks a row between the delete and the column's drop (that row would be sent
 * again); engines' and publishers' writes wait for it. On a large outbox, purge the published rows
 * beforehand in chunks (`DELETE FROM outbox WHERE published_at IS NOT NULL AND id < ...`) to keep
 * that short. Deploy it before the publishers that delete: a publisher of before it fails its
 * batches once it has run (they read `published_at`) and sends nothing; a publisher of after it
 * on a database without it would send every published row again.
 */
export class OutboxDeletePublished1764490000000 implements MigrationInterface {
  name = 'OutboxDeletePublished1764490000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`LOCK TABLE outbox IN ACCESS EXCLUSIVE MODE`);
    await db.query(`DELETE FROM outbox WHERE published_at IS NOT NULL`);
    await db.query(
      `DROP INDEX IF EXISTS outbox_sendable_partition_idx, outbox_sendable_lane_idx, outbox_pending_lane_idx, outbox_pending_idx`,
    );
    await db.query(`ALTER TABLE outbox DROP CONSTRAINT IF EXISTS outbox_published_or_refused, DROP COLUMN published_at`);
    await db.query(`CREATE INDEX outbox_sendable_lane_idx ON outbox (lane, id) WHERE refused_at IS NULL`);
  }

  /** The published rows are gone for good: to a publisher of before, every row left is unpublished (refused or to send). */
  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS outbox_sendable_lane_idx, outbox_sendable_partition_idx`);
    await db.query(`
      ALTER TABLE outbox
        ADD COLUMN published_at timestamptz,
        ADD CONSTRAINT outbox_published_or_refused CHECK (published_at IS NULL OR refused_at IS NULL) NOT VALID`);
    await db.query(`CREATE INDEX outbox_sendable_lane_idx ON outbox (lane, id) WHERE published_at IS NULL AND refused_at IS NULL`);
    await db.query(`
      CREATE INDEX outbox_sendable_partition_idx ON outbox (outbox_partition(message_key), lane, id)
        WHERE published_at IS NULL AND refused_at IS NULL`);
  }
}
