import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { OUTBOX_CHANNEL } from './repositories/outbox.repository';

/** LISTENs for new outbox rows (NOTIFY is sent on commit), so publishing does not wait for a poll. */
export class OutboxNotifications {
  private readonly logger = new Logger(OutboxNotifications.name);
  private client: Client | null = null;

  constructor(private readonly databaseUrl: string) {}

  async listen(onNotify: () => void): Promise<void> {
    const client = new Client({ connectionString: this.databaseUrl, application_name: 'outbox-listener' });
    client.on('notification', () => onNotify());
    client.on('error', (error) => {
      // Polling still publishes; the listener is only a shortcut.
      this.logger.warn(`Outbox listener lost its connection: ${error.message}`);
      this.client = null;
    });
    await client.connect();
    await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    this.client = client;
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}
