import { Injectable, NotFoundException } from '@nestjs/common';
import { Clock } from '@app/config';
import { SubscriberRepository, TradeNotificationRepository } from '@app/persistence';
import { IdPageQuery, pageAfterId } from '../common/paging';
import { AcknowledgeResult, NotificationPage, StatusEventView } from './trade.dto';

/** A subscriber's own view: its undelivered notifications, their acknowledgement, and its shipments' current status. */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly notifications: TradeNotificationRepository,
    private readonly subscribers: SubscriberRepository,
    private readonly clock: Clock,
  ) {}

  /** Oldest first; what a webhook delivered or an acknowledgement took is no longer listed. */
  list(subscriberId: string, query: IdPageQuery): Promise<NotificationPage> {
    return pageAfterId(
      query,
      (limit, after) => this.notifications.undelivered(subscriberId, limit, after),
      (n) => ({
        id: n.id,
        shipmentId: n.shipmentId,
        version: n.version,
        createdAt: n.createdAt.toISOString(),
        event: JSON.parse(n.event) as StatusEventView,
      }),
    );
  }

  async acknowledge(subscriberId: string, ids: string[]): Promise<AcknowledgeResult> {
    return { acknowledged: await this.notifications.acknowledge(subscriberId, [...new Set(ids)], this.clock.now()) };
  }

  /**
   * The shipment's latest status if it names one of the subscriber's party ids. Someone else's
   * shipment gets the same 404 as an unknown one, so a firm cannot learn which shipments exist.
   */
  async currentStatus(subscriberId: string, shipmentId: string): Promise<StatusEventView> {
    const subscriber = await this.subscribers.find(subscriberId);
    const event = subscriber ? await this.notifications.currentStatusFor(shipmentId, subscriber.partyIds) : null;
    // The message names nothing, so the answer is the same whether the shipment is unknown or someone else's.
    if (event === null) throw new NotFoundException('No such shipment among yours');
    return JSON.parse(event) as StatusEventView;
  }
}
