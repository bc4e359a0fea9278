import { Injectable } from '@nestjs/common';
import { AppConfig, Clock } from '@app/config';
import { PartyRef, statusMessage } from '@app/messaging';
import { Priority } from '@app/contract';
import {
  DecisionRepository,
  OutboxRepository,
  ShipmentLaneRepository,
  ShipmentStateRepository,
  TradeNotificationRepository,
  type WriteTarget,
  transactionOf,
} from '@app/persistence';
import type { Shipment } from './shipment';
import { Transition } from './shipment-transition';

/** The identifiers the shipment's declaration names (parties with an id, and the carrier). */
function partiesOf(shipment: Shipment): PartyRef[] {
  const declaration = shipment.declaration;
  if (!declaration) return [];
  const { consignor, consignee, declarant } = declaration.parties;
  const named: [PartyRef['role'], string | undefined][] = [
    ['consignor', consignor.id],
    ['consignee', consignee.id],
    ['declarant', declarant?.id],
    ['carrier', declaration.transport.carrierId],
  ];
  return named.flatMap(([role, id]) => (id ? [{ role, id }] : []));
}

/**
 * Persists status changes inside the caller's transaction: the shipment rows, the decision
 * history, the status events in the outbox, and the trade's notifications of them (one per
 * subscriber named on the shipment). Every status change goes through here, whoever decided it
 * (the engine or an operator), so no status reaches Kafka without its notifications, in the
 * same version order.
 */
@Injectable()
export class StatusChangeWriter {
  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly shipments: ShipmentStateRepository,
    private readonly decisions: DecisionRepository,
    private readonly outbox: OutboxRepository,
    private readonly lanes: ShipmentLaneRepository,
    private readonly tradeNotifications: TradeNotificationRepository,
  ) {}

  /**
   * @param finalRows the shipments' rows as they stand after all the changes, when the caller
   *   changed more than statuses (e.g. recorded an arrival); by default the row of each
   *   shipment's last transition.
   * @param lane the priority lane of these shipments when the caller knows it (the engine: the lane
   *   it consumes); otherwise each shipment's pinned lane is looked up. The status events go to the
   *   outbox in that lane, so all of a shipment's versions are published in order.
   */
  async write(target: WriteTarget, transitions: Transition[], finalRows?: Shipment[], lane?: Priority): Promise<void> {
    const tx = transactionOf(target);
    // Shipment rows go first so their locks order concurrent writers of the same shipment.
    const rows = finalRows ?? [...new Map(transitions.map((t) => [t.shipment.shipmentId, t.shipment])).values()];
    await this.shipments.saveMany(target, rows);
    if (transitions.length === 0) return;
    await this.decisions.appendMany(
      target,
      transitions.map((t) => t.decision),
    );
    const createdAt = this.clock.now();
    const pinned = lane ? null : await this.lanes.lanesOf(tx, [...new Set(transitions.map((t) => t.shipment.shipmentId))]);
    const messages = transitions.map((t) => {
      const parties = partiesOf(t.shipment);
      return {
        transition: t,
        parties,
        message: statusMessage(this.config.topics.clearanceStatus, t.status, this.config.statusEventSource, parties),
      };
    });
    await this.outbox.enqueue(
      target,
      messages.map(({ transition: t, message }) => ({
        ...message,
        createdAt,
        lane: lane ?? pinned!.get(t.shipment.shipmentId) ?? 'STANDARD',
      })),
    );
    await this.tradeNotifications.fanOut(
      target,
      messages.map(({ transition: t, parties, message }) => ({
        shipmentId: t.status.shipmentId,
        version: t.status.version,
        partyIds: [...new Set(parties.map((p) => p.id))],
        event: message.messageValue!.toString('utf8'),
      })),
      createdAt,
    );
  }
}
