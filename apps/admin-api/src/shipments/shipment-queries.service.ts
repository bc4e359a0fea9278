import { Injectable, NotFoundException } from '@nestjs/common';
import { DecidedBy, isShipmentId } from '@app/contract';
import {
  AuditLogRepository,
  DeadLetterSummary,
  DecisionRow,
  ShipmentEventSummary,
  ShipmentHistoryRepository,
  ShipmentRow,
  ShipmentSearchRepository,
  ShipmentSummary,
} from '@app/persistence';
import { toAuditLogEntryView } from '../audit-log/audit-log.controller';
import { decodeCursor, encodeCursor } from '../common/cursor';
import { fieldErrors } from '../common/validation';
import { DecisionView, ShipmentDeadLetterView, ShipmentDetail, ShipmentEventView, ShipmentListItem, ShipmentPage, ShipmentsQuery, ShipmentStateView } from './shipments.dto';

const DEFAULT_LIMIT = 50;

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

/** The cursor names the last shipment of a page; the next page starts after it. */
const isShipmentCursor = (v: unknown): v is { after: string } =>
  typeof v === 'object' && v !== null && isShipmentId((v as { after?: unknown }).after);

/** The state columns are named alike on the shipment row and on a listed summary. */
function toStateView(s: ShipmentRow | ShipmentSummary): ShipmentStateView {
  return {
    shipmentId: s.shipmentId,
    status: s.status,
    priority: s.priority,
    coldChain: s.coldChain,
    version: s.version,
    rulesetVersion: s.rulesetVersion,
    amendment: s.amendment,
    submittedAt: iso(s.submittedAt),
    arrivedAt: iso(s.arrivedAt),
    releasedAt: iso(s.releasedAt),
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

function toListItem(s: ShipmentSummary): ShipmentListItem {
  return { ...toStateView(s), consigneeName: s.consigneeName, entryLocation: s.entryLocation, estimatedArrival: s.estimatedArrival };
}

function toEventView(e: ShipmentEventSummary): ShipmentEventView {
  return { eventId: e.eventId, type: e.type, source: e.source, time: iso(e.eventTime), receivedAt: e.receivedAt.toISOString(), outcome: e.outcome };
}

function toDecisionView(d: DecisionRow): DecisionView {
  return {
    version: d.version,
    status: d.status,
    priority: d.priority,
    coldChain: d.coldChain,
    reasons: d.reasons,
    rulesetVersion: d.rulesetVersion,
    // Written only from a DecidedBy (applyStatusDecision); the column is plain varchar.
    decidedBy: d.decidedBy as DecidedBy,
    causationId: d.causationId,
    decidedAt: d.decidedAt.toISOString(),
  };
}

function toDeadLetterView(d: DeadLetterSummary): ShipmentDeadLetterView {
  return {
    id: d.id,
    eventId: d.eventId,
    errorKind: d.errorKind,
    errors: d.errors,
    sourceTopic: d.sourceTopic,
    partition: d.kafkaPartition,
    offset: d.kafkaOffset,
    receivedAt: d.receivedAt.toISOString(),
    replayedAt: iso(d.replayedAt),
    replayCount: d.replayCount,
  };
}

/** What operators read about shipments: a filtered page, or one shipment with its history. */
@Injectable()
export class ShipmentQueries {
  constructor(
    private readonly search: ShipmentSearchRepository,
    private readonly history: ShipmentHistoryRepository,
    private readonly auditLog: AuditLogRepository,
  ) {}

  async list(query: ShipmentsQuery): Promise<ShipmentPage> {
    const from = query.from ? new Date(query.from) : undefined;
    const to = query.to ? new Date(query.to) : undefined;
    if (from && to && from > to) throw fieldErrors([{ field: 'from', message: 'from must not be after to' }]);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await this.search.page({
      status: query.status,
      priority: query.priority,
      party: query.party,
      from,
      to,
      afterShipmentId: query.cursor ? decodeCursor(query.cursor, isShipmentCursor).after : undefined,
      // One more than asked tells whether there is a next page.
      limit: limit + 1,
    });
    const items = rows.slice(0, limit).map(toListItem);
    const nextCursor = rows.length > limit ? encodeCursor({ after: items[items.length - 1].shipmentId }) : null;
    return { items, nextCursor };
  }

  async detail(shipmentId: string): Promise<ShipmentDetail> {
    const shipment = await this.search.findById(shipmentId);
    if (!shipment) throw new NotFoundException(`No shipment ${shipmentId}`);
    const [events, decisions, operatorActions, deadLetters] = await Promise.all([
      this.history.events(shipmentId),
      this.history.decisions(shipmentId),
      this.auditLog.forTarget('shipment', shipmentId),
      this.history.deadLetters(shipmentId),
    ]);
    return {
      ...toStateView(shipment),
      declaration: shipment.declaration,
      history: {
        events: events.map(toEventView),
        decisions: decisions.map(toDecisionView),
        operatorActions: operatorActions.map(toAuditLogEntryView),
        deadLetters: deadLetters.map(toDeadLetterView),
      },
    };
  }
}
