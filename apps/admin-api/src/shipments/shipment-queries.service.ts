import { Injectable, NotFoundException } from '@nestjs/common';
import { DecidedBy, isShipmentId } from '@app/contract';
import {
  DeadLetterSummary,
  DecisionRow,
  ExaminationRepository,
  EventPosition,
  ShipmentEventSummary,
  ShipmentHistoryRepository,
  ShipmentRow,
  ShipmentSearchRepository,
  ShipmentSummary,
} from '@app/persistence';
import { AuditLogQueries } from '../audit-log/audit-log-queries.service';

import { toExaminationView } from '../examinations/examination-view';
import { DEFAULT_PAGE_SIZE, IdPage, IdPageQuery, keysetPage, pageAfterId } from '../common/paging';
import { fieldErrors } from '../common/validation';
import {
  DecisionView,
  ExaminationView,
  OperatorActionPage,
  ShipmentDeadLetterView,
  ShipmentDetail,
  ShipmentEventView,
  ShipmentListItem,
  ShipmentPage,
  ShipmentsQuery,
  ShipmentStateView,
} from './shipments.dto';

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The cursor names the last shipment of a page; the next page starts after it. */
const isShipmentCursor = (v: unknown): v is { after: string } => isObject(v) && isShipmentId(v.after);

const MICROSECOND_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const isEventCursor = (v: unknown): v is EventPosition =>
  isObject(v) &&
  typeof v.receivedAt === 'string' &&
  MICROSECOND_UTC.test(v.receivedAt) &&
  typeof v.offset === 'string' &&
  /^\d{1,18}$/.test(v.offset) &&
  typeof v.eventId === 'string' &&
  v.eventId.length <= 256 &&
  // PostgreSQL text holds no NUL: such a cursor was not written by this API.
  !v.eventId.includes('\u0000');

const isVersionCursor = (v: unknown): v is { afterVersion: number } =>
  isObject(v) &&
  typeof v.afterVersion === 'number' &&
  Number.isInteger(v.afterVersion) &&
  v.afterVersion >= 0 &&
  v.afterVersion <= 2_147_483_647;

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
  return {
    eventId: e.eventId,
    type: e.type,
    source: e.source,
    time: iso(e.eventTime),
    receivedAt: e.receivedAt.toISOString(),
    outcome: e.outcome,
  };
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

/** What operators read about shipments: a filtered page, or one shipment with its history, a page at a time. */
@Injectable()
export class ShipmentQueries {
  constructor(
    private readonly search: ShipmentSearchRepository,
    private readonly history: ShipmentHistoryRepository,
    private readonly auditLog: AuditLogQueries,
    private readonly examinationResults: ExaminationRepository,
  ) {}

  list(query: ShipmentsQuery): Promise<ShipmentPage> {
    const from = query.from ? new Date(query.from) : undefined;
    const to = query.to ? new Date(query.to) : undefined;
    if (from && to && from > to) throw fieldErrors([{ field: 'from', message: 'from must not be after to' }]);
    return keysetPage(query, {
      isCursor: isShipmentCursor,
      fetch: (limit, after) =>
        this.search.page({
          status: query.status,
          priority: query.priority,
          party: query.party,
          from,
          to,
          afterShipmentId: after?.after,
          limit,
        }),
      cursorOf: (row) => ({ after: row.shipmentId }),
      toView: toListItem,
    });
  }

  /** The state, the declaration in force and the first page of each part of the history. */
  async detail(shipmentId: string): Promise<ShipmentDetail> {
    const shipment = await this.search.findById(shipmentId);
    if (!shipment) throw notFound(shipmentId);
    const first: IdPageQuery = { limit: DEFAULT_PAGE_SIZE };
    const [events, decisions, operatorActions, deadLetters, examinations] = await Promise.all([
      this.eventPage(shipmentId, first),
      this.decisionPage(shipmentId, first),
      this.auditLog.pageForTarget('shipment', shipmentId, first),
      this.deadLetterPage(shipmentId, first),
      this.examinationPage(shipmentId, first),
    ]);
    return {
      ...toStateView(shipment),
      declaration: shipment.declaration,
      hold: shipment.hold,
      ownerSource: shipment.ownerSource,
      history: { events, decisions, operatorActions, deadLetters, examinations },
    };
  }

  async events(shipmentId: string, query: IdPageQuery): Promise<IdPage<ShipmentEventView>> {
    await this.mustExist(shipmentId);
    return this.eventPage(shipmentId, query);
  }

  async decisions(shipmentId: string, query: IdPageQuery): Promise<IdPage<DecisionView>> {
    await this.mustExist(shipmentId);
    return this.decisionPage(shipmentId, query);
  }

  async operatorActions(shipmentId: string, query: IdPageQuery): Promise<OperatorActionPage> {
    await this.mustExist(shipmentId);
    return this.auditLog.pageForTarget('shipment', shipmentId, query);
  }

  async deadLetters(shipmentId: string, query: IdPageQuery): Promise<IdPage<ShipmentDeadLetterView>> {
    await this.mustExist(shipmentId);
    return this.deadLetterPage(shipmentId, query);
  }

  async examinations(shipmentId: string, query: IdPageQuery): Promise<IdPage<ExaminationView>> {
    await this.mustExist(shipmentId);
    return this.examinationPage(shipmentId, query);
  }

  private examinationPage(shipmentId: string, query: IdPageQuery): Promise<IdPage<ExaminationView>> {
    return pageAfterId(query, (limit, after) => this.examinationResults.pageForShipment(shipmentId, limit, after), toExaminationView);
  }

  private eventPage(shipmentId: string, query: IdPageQuery): Promise<IdPage<ShipmentEventView>> {
    return keysetPage(query, {
      isCursor: isEventCursor,
      fetch: (limit, after) => this.history.events(shipmentId, limit, after),
      cursorOf: (row) => row.position,
      toView: toEventView,
    });
  }

  private decisionPage(shipmentId: string, query: IdPageQuery): Promise<IdPage<DecisionView>> {
    return keysetPage(query, {
      isCursor: isVersionCursor,
      fetch: (limit, after) => this.history.decisions(shipmentId, limit, after?.afterVersion),
      cursorOf: (row) => ({ afterVersion: row.version }),
      toView: toDecisionView,
    });
  }

  private deadLetterPage(shipmentId: string, query: IdPageQuery): Promise<IdPage<ShipmentDeadLetterView>> {
    return pageAfterId(query, (limit, after) => this.history.deadLetters(shipmentId, limit, after), toDeadLetterView);
  }

  private async mustExist(shipmentId: string): Promise<void> {
    if (!(await this.search.exists(shipmentId))) throw notFound(shipmentId);
  }
}

const notFound = (shipmentId: string) => new NotFoundException(`No shipment ${shipmentId}`);
