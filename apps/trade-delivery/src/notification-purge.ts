import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, Clock } from '@app/config';
import { TradeNotificationRepository } from '@app/persistence';

/** How often expired notifications are looked for. */
export const PURGE_INTERVAL_MS = 15 * 60_000;

/**
 * Deletes notifications older than the retention period (NOTIFICATIONS_RETENTION_DAYS), delivered
 * or not, with their pending webhook deliveries, and delivery attempts as old.
 */
@Injectable()
export class NotificationPurge implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(NotificationPurge.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly notifications: TradeNotificationRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.purgeLogged(), PURGE_INTERVAL_MS);
    this.timer.unref();
    void this.purgeLogged();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Purges what is past retention now; returns how many notifications went. */
  async purgeExpired(): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - this.config.tradeDelivery.retentionMs);
    return this.notifications.purge(cutoff);
  }

  private async purgeLogged(): Promise<void> {
    try {
      const purged = await this.purgeExpired();
      if (purged > 0) this.logger.log(`Purged ${purged} notifications past retention`);
    } catch (error) {
      this.logger.warn(`Could not purge expired notifications: ${(error as Error).message}`);
    }
  }
}
