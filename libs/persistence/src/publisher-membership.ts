import { randomInt } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { PUBLISHER_MEMBER_LOCKS } from './repositories/outbox-partition.repository';

/**
 * A status publisher's membership among the live publishers: a session advisory lock on a random
 * member id, on a connection of its own. PostgreSQL releases it when the connection ends (a
 * crash, SIGKILL, a network cut), so the others see the publisher gone at their next batch and
 * take over its outbox partitions; no lease to expire, no heartbeat to miss.
 */
export class PublisherMembership {
  private readonly logger = new Logger(PublisherMembership.name);
  private client: Client | null = null;
  private memberId: number | null = null;
  private closed = false;

  constructor(private readonly databaseUrl: string) {}

  /** This publisher's member id while it holds its lock; null while it does not (reconnecting). */
  get id(): number | null {
    return this.client ? this.memberId : null;
  }

  /** Joins (again, after a lost connection); throws when the database cannot be reached. */
  async ensureJoined(): Promise<number> {
    if (this.client && this.memberId !== null) return this.memberId;
    if (this.closed) throw new Error('the publisher membership is closed');
    const client = new Client({ connectionString: this.databaseUrl, application_name: 'outbox-publisher-member' });
    client.on('error', (error) => {
      if (this.client !== client) return;
      this.logger.warn(`Publisher membership lost its connection (${error.message}); joining again at the next batch`);
      this.client = null;
      void client.end().catch(() => undefined);
    });
    await client.connect();
    try {
      for (;;) {
        const candidate = randomInt(1, 2 ** 31 - 1);
        const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS locked', [
          PUBLISHER_MEMBER_LOCKS,
          candidate,
        ]);
        if (rows[0].locked) {
          this.memberId = candidate;
          break;
        }
      }
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    this.client = client;
    return this.memberId;
  }

  /** Leaves: the lock goes with the connection, and the other publishers take over at once. */
  async close(): Promise<void> {
    this.closed = true;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}
