import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * New outbox rows wake the publisher (NOTIFY outbox_pending, delivered on commit) from a
 * statement trigger: no extra round trip for the writer, and no writer can forget it.
 * The channel name is OUTBOX_CHANNEL of the outbox repository.
 */
export class OutboxNotifyTrigger1764300000001 implements MigrationInterface {
  name = 'OutboxNotifyTrigger1764300000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION notify_outbox_pending() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('outbox_pending', '');
        RETURN NULL;
      END $$`);
    await db.query(
      `CREATE TRIGGER outbox_pending_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION notify_outbox_pending()`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER IF EXISTS outbox_pending_notify ON outbox`);
    await db.query(`DROP FUNCTION IF EXISTS notify_outbox_pending()`);
  }
}
