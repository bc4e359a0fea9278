import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { OUTBOX_CHANNEL } from './repositories/outbox.repository';

const RECONNECT_DELAY_MS = 1_000;

/**
 * LISTENs for new outbox rows (NOTIFY is sent on commit), so publishing does not wait for a poll;
 * with another channel, for other rows (e.g. WEBHOOK_CHANNEL: new webhook deliveries).
 */
export class OutboxNotifications {
  private readonly logger = new Logger(OutboxNotifications.name);
  private client: Client | null = null;
  private closed = false;
  private reconnectTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly databaseUrl: string,
    private readonly channel: string = OUTBOX_CHANNEL,
  ) {}

  async listen(onNotify: () => void): Promise<void> {
    const client = new Client({ connectionString: this.databaseUrl, application_name: 'outbox-listener' });
    client.on('notification', () => onNotify());
    client.on('error', (error) => {
      // Polling still publishes meanwhile; the listener is only a shortcut, so it comes back by itself.
      this.logger.warn(`Outbox listener lost its connection (${error.message}); reconnecting`);
      this.client = null;
      void client.end().catch(() => undefined);
      this.scheduleReconnect(onNotify);
    });
    await client.connect();
    await client.query(`LISTEN ${this.channel}`);
    this.client = client;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private scheduleReconnect(onNotify: () => void): void {
    if (this.closed || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (this.closed) return;
      this.listen(onNotify).catch(() => this.scheduleReconnect(onNotify));
    }, RECONNECT_DELAY_MS);
  }
}
