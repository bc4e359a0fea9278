import { Controller, Logger } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { parseShipmentEvent, ShipmentEvent } from '@app/contract';
import { applyStatusDecision, toShipmentState, Transition } from '@app/clearance/shipment-transition';
import { deadLetterMessage, InboundRecord, statusMessage } from '@app/messaging';
import { DecisionRow, ShipmentEventRow, ShipmentRow } from '@app/persistence';
import { decide, decideRejection, LifecycleDecision } from '@app/policy';
import { defaultPolicy } from '../generator';
import { BASELINE_CONFIG } from './baseline-config';
import { StatusProducer } from './status-producer';

const policy = defaultPolicy();

/**
 * The baseline: the stock Nest Kafka transport calls this once per message; one database
 * transaction per event, then the status is produced directly.
 */
@Controller()
export class ShipmentEventsController {
  private readonly logger = new Logger(ShipmentEventsController.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly producer: StatusProducer,
  ) {}

  @EventPattern(BASELINE_CONFIG.topics.shipmentEvents)
  async handle(@Ctx() context: KafkaContext): Promise<void> {
    const message = context.getMessage();
    const value = (message.value as Buffer | null) ?? null;
    const key = message.key === null || message.key === undefined ? null : Buffer.from(String(message.key));
    const parsed = parseShipmentEvent(value, key);
    const now = new Date();
    if (!parsed.ok) {
      const record: InboundRecord = {
        topic: context.getTopic(),
        partition: context.getPartition(),
        offset: message.offset,
        key,
        value,
        headers: {},
        timestamp: message.timestamp,
      };
      const dlq = deadLetterMessage(BASELINE_CONFIG.topics.deadLetter, record, { kind: parsed.errorKind, issues: parsed.issues }, now);
      await this.producer.send(dlq.topic, { key: dlq.messageKey, value: dlq.messageValue, headers: dlq.headers });
      this.logger.warn(`Dead-lettered offset ${message.offset}: ${parsed.errorKind}`);
      if (!parsed.shipmentId) return;
      const shipmentId = parsed.shipmentId;
      const transition = await this.dataSource.transaction(async (tx) => {
        const row = await tx.findOne(ShipmentRow, { where: { shipmentId }, lock: { mode: 'pessimistic_write' } });
        const decision = decideRejection(row ? toShipmentState(row) : null, parsed.issues);
        return decision.kind === 'status' ? this.save(tx, shipmentId, row, decision, parsed.eventId, now) : null;
      });
      if (transition) await this.publish(transition);
      return;
    }
    const event = parsed.event;
    const transition = await this.dataSource.transaction(async (tx) => {
      if (await tx.exists(ShipmentEventRow, { where: { eventId: event.id } })) return null;
      const shipmentId = event.data.shipmentId;
      const row = await tx.findOne(ShipmentRow, { where: { shipmentId }, lock: { mode: 'pessimistic_write' } });
      const decision = decide(row ? toShipmentState(row) : null, event, policy, now);
      if (decision.kind === 'refused') return null; // the bench's load has one source per shipment: never here
      await tx.insert(ShipmentEventRow, {
        eventId: event.id,
        shipmentId,
        type: event.type,
        source: event.source,
        eventTime: event.time ? new Date(event.time) : null,
        receivedAt: now,
        kafkaPartition: context.getPartition(),
        kafkaOffset: message.offset,
        outcome: decision.kind === 'status' ? 'APPLIED' : decision.code,
        envelope: event,
      });
      if (decision.kind !== 'status') {
        if (row && decision.arrivedAt && !row.arrivedAt)
          await tx.update(ShipmentRow, { shipmentId }, { arrivedAt: new Date(decision.arrivedAt), updatedAt: now });
        return null;
      }
      return this.save(tx, shipmentId, row, decision, event.id, now, event);
    });
    if (transition) await this.publish(transition);
  }

  private async save(
    tx: DataSource['manager'],
    shipmentId: string,
    row: ShipmentRow | null,
    decision: Extract<LifecycleDecision, { kind: 'status' }>,
    causationId: string | null,
    now: Date,
    event?: ShipmentEvent,
  ): Promise<Transition> {
    const declaration =
      event && (event.type === 'customs.prearrival.submitted' || event.type === 'customs.prearrival.amended') ? event.data : undefined;
    const transition = applyStatusDecision({
      shipmentId,
      current: row ?? undefined,
      decision,
      declaration,
      decidedBy: 'ENGINE',
      causationId,
      activeRulesetVersion: policy.rulesetVersion,
      at: now,
    });
    await tx.save(ShipmentRow, transition.shipment);
    await tx.insert(DecisionRow, transition.decision);
    return transition;
  }

  private async publish(transition: Transition): Promise<void> {
    const m = statusMessage(BASELINE_CONFIG.topics.clearanceStatus, transition.status, BASELINE_CONFIG.statusEventSource);
    await this.producer.send(m.topic, { key: m.messageKey, value: m.messageValue, headers: m.headers });
  }
}
