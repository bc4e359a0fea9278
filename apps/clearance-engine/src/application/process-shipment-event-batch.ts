import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig, Clock } from '@app/config';
import { parseShipmentEvent, Priority, PRIORITIES, shipmentIdFromKey, ShipmentEvent, storableText, ValidationIssue } from '@app/contract';
import { applyStatusDecision, StatusChangeWriter, toShipmentState, Transition } from '@app/clearance';
import { deadLetterMessage, InboundBatch, inboundPosition, InboundRecord, OutgoingMessage } from '@app/messaging';
import {
  ConsumerProgressRepository,
  DeadLetterRepository,
  eventKey,
  TopicRef,
  OutboxRepository,
  positionKey,
  ShipmentEventLogRepository,
  ShipmentEventRow,
  ShipmentRow,
  ShipmentStateRepository,
} from '@app/persistence';
import { CompiledPolicy, decide, decideRejection, LifecycleDecision } from '@app/policy';
import { ActivePolicy } from './active-policy';
import { EngineMetrics } from './engine-metrics';

export interface BatchOutcome {
  applied: number;
  unchanged: number;
  duplicates: number;
  deadLettered: number;
  /** Records at or below the stored progress of the partition (a redelivery). */
  skipped: number;
}

type ParseResult = ReturnType<typeof parseShipmentEvent>;
type ParseFailure = Extract<ParseResult, { ok: false }>;
/**
 * A record that is bad for another reason than its content: the database refused it although it
 * parsed (UNSTORABLE), or it came as a stand-in because it could not be carried as it was sent.
 */
type OtherFailure = Omit<ParseFailure, 'errorKind'> & { errorKind: 'UNSTORABLE' | NonNullable<InboundRecord['unreadable']>['kind'] };
type ParsedRecord = { record: InboundRecord; parsed: ParseResult | OtherFailure };

/** Parses a record, or for a stand-in says why it could not be read (its shipment from its key). */
function parseRecord(record: InboundRecord): ParseResult | OtherFailure {
  if (!record.unreadable) return parseShipmentEvent(record.value, record.key);
  return {
    ok: false,
    errorKind: record.unreadable.kind,
    issues: [{ path: '$', message: record.unreadable.message }],
    shipmentId: shipmentIdFromKey(record.key),
    eventId: null,
    eventType: null,
  };
}
type BatchPart = { batch: InboundBatch; parsed: ParsedRecord[] };

const noOutcome = (): BatchOutcome => ({ applied: 0, unchanged: 0, duplicates: 0, deadLettered: 0, skipped: 0 });
const describeParts = (parts: BatchPart[]) => `${parts[0].batch.topic}[${parts.map((p) => p.batch.partition).join(',')}]`;

/** Everything one batch writes; flushed in one transaction. */
class BatchChanges {
  /** Shipments this batch changed; their final rows are in the `current` map. */
  readonly touched = new Set<string>();
  readonly transitions: Transition[] = [];
  readonly events: ShipmentEventRow[] = [];
  readonly deadLetters: Parameters<DeadLetterRepository['appendMany']>[1] = [];
  /** Kafka timestamp and priority behind each transition, for the latency metric. */
  readonly decided: { recordTimestampMs: number; priority: Priority }[] = [];
  /** Dead-letter records; status events are written by the StatusChangeWriter. */
  readonly outbox: OutgoingMessage[] = [];
  readonly outcome: BatchOutcome = noOutcome();
}

/**
 * The clearance engine's one use case: partition batches of raw records in (those of one lane
 * fetched together), shipment states, event log, decisions, dead letters and outbox rows out,
 * in one transaction, each partition in its order. The offsets are committed by the transport
 * after this returns.
 */
@Injectable()
export class ProcessShipmentEventBatch {
  private readonly logger = new Logger(ProcessShipmentEventBatch.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly activePolicy: ActivePolicy,
    private readonly progress: ConsumerProgressRepository,
    private readonly shipments: ShipmentStateRepository,
    private readonly eventLog: ShipmentEventLogRepository,
    private readonly deadLetters: DeadLetterRepository,
    private readonly outbox: OutboxRepository,
    private readonly statusChanges: StatusChangeWriter,
    private readonly metrics: EngineMetrics,
  ) {}

  /** Partition batches of one lane topic, decided together in one transaction (a group commit). */
  async execute(batches: InboundBatch[]): Promise<BatchOutcome> {
    // Parsing is pure and needs no transaction. Partition order keeps the locks of the progress rows ordered.
    const parts: BatchPart[] = [...batches]
      .sort((a, b) => a.partition - b.partition)
      .map((batch) => ({ batch, parsed: batch.records.map((record) => ({ record, parsed: parseRecord(record) })) }));
    try {
      return await this.process(parts);
    } catch (error) {
      if (!isDataError(error)) throw error; // e.g. the database is down: the transport retries the batches
      // PostgreSQL refused some value: find the record, one per transaction, so it alone is dead-lettered.
      this.logger.warn(`Batches ${describeParts(parts)} refused by the database (${(error as Error).message}); retrying record by record`);
      const total = noOutcome();
      for (const { batch, parsed } of parts) {
        const alone = (one: ParsedRecord) => this.process([{ batch, parsed: [one] }]);
        for (const one of parsed) {
          let outcome: BatchOutcome;
          try {
            outcome = await alone(one);
          } catch (recordError) {
            if (!isDataError(recordError)) throw recordError;
            try {
              outcome = await alone(unstorable(one, recordError as Error, true));
            } catch (deadLetterError) {
              if (!isDataError(deadLetterError)) throw deadLetterError;
              // Last resort: the raw bytes alone, no shipment, so the partition always moves on.
              outcome = await alone(unstorable(one, recordError as Error, false));
            }
          }
          for (const key of Object.keys(total) as (keyof BatchOutcome)[]) total[key] += outcome[key];
        }
      }
      return total;
    }
  }

  private async process(parts: BatchPart[]): Promise<BatchOutcome> {
    const started = performance.now();
    // PostgreSQL's default isolation, READ COMMITTED (naming it would cost a round trip per batch).
    // Every part is of the same topic: the transport gathers the batches of one consumer and topic.
    const ref: TopicRef = { groupId: this.config.engine.groupId, topic: parts[0].batch.topic };
    const changes = await this.dataSource.transaction(async (tx) => {
      const changes = new BatchChanges();
      const stored = await this.storedProgress(tx, ref, parts);
      const fresh: ParsedRecord[] = [];
      const progressed = new Map<number, bigint>();
      for (const { batch, parsed } of parts) {
        const nextOffset = stored.get(batch.partition);
        const unseen = nextOffset === undefined ? parsed : parsed.filter((p) => BigInt(p.record.offset) >= nextOffset);
        changes.outcome.skipped += parsed.length - unseen.length;
        if (unseen.length === 0) continue;
        fresh.push(...unseen);
        progressed.set(batch.partition, BigInt(unseen[unseen.length - 1].record.offset) + 1n);
      }
      if (fresh.length > 0) {
        const current = await this.decideAll(tx, fresh, changes);
        await this.flush(tx, changes, current, this.laneOf(ref.topic));
        await this.progress.save(tx, ref, progressed, this.clock.now());
      }
      return changes;
    });
    const { outcome } = changes;
    this.metrics.batchCommitted(
      {
        topic: parts[0].batch.topic,
        records: outcome,
        transitions: changes.transitions,
        deadLetterKinds: changes.deadLetters.map((d) => d.errorKind),
        decided: changes.decided,
        durationSeconds: (performance.now() - started) / 1000,
      },
      this.clock.now().getTime(),
    );
    if (outcome.deadLettered > 0 || outcome.skipped > 0) {
      this.logger.log(`${describeParts(parts)} ${parts.reduce((n, p) => n + p.parsed.length, 0)} records: ${JSON.stringify(outcome)}`);
    }
    return outcome;
  }

  private laneOf(topic: string): Priority | undefined {
    return PRIORITIES.find((lane) => this.config.topics.lanes[lane] === topic);
  }

  /** Each partition's first unprocessed offset (locked), if any; restarted where the topic was recreated. */
  private async storedProgress(tx: EntityManager, ref: TopicRef, parts: BatchPart[]): Promise<Map<number, bigint>> {
    const stored = await this.progress.nextOffsets(
      tx,
      ref,
      parts.map((p) => p.batch.partition),
    );
    for (const { batch } of parts) {
      const nextOffset = stored.get(batch.partition);
      if (nextOffset === undefined || BigInt(batch.highWatermark) >= nextOffset) continue;
      // The log ends before what was processed: the topic was recreated, its offsets start again.
      this.logger.warn(
        `${batch.topic}[${batch.partition}] ends at ${batch.highWatermark}, before the processed offset ${nextOffset}: the topic was recreated; starting its progress again`,
      );
      await this.progress.reset(tx, ref, batch.partition);
      stored.delete(batch.partition);
    }
    return stored;
  }

  /** Decides every record in order; returns the shipments' rows as they stand afterwards. */
  private async decideAll(tx: EntityManager, records: ParsedRecord[], changes: BatchChanges): Promise<Map<string, ShipmentRow>> {
    const policy = await this.activePolicy.current(tx);
    const shipmentIds = new Set<string>();
    for (const { parsed } of records) {
      if (parsed.ok) shipmentIds.add(parsed.event.data.shipmentId);
      else if (parsed.shipmentId) shipmentIds.add(parsed.shipmentId);
    }
    // Duplicates are recognised by (source, id), as CloudEvents identifies an event.
    const seenEvents = await this.eventLog.findRecorded(
      tx,
      records.flatMap(({ parsed }) => (parsed.ok ? [parsed.event] : [])),
    );
    const badEventIds = records.flatMap(({ parsed }) => (!parsed.ok && parsed.eventId ? [parsed.eventId] : []));
    const rejectedEventIds = await this.deadLetters.findDeadLetteredEventIds(tx, badEventIds);
    const current = await this.shipments.lockMany(tx, [...shipmentIds].sort());
    // A record forwarded twice by the triage (a crash before its offsets were committed) that is
    // dead-lettered is recognised by its inbound position, its own whether or not it has an event
    // id: the bad ones, and the valid ones from a source other than their shipment's owner.
    const deadLettered = await this.deadLetters.findDeadLetteredPositions(
      tx,
      records.flatMap(({ record, parsed }) => {
        if (!parsed.ok) return [inboundPosition(record)];
        const owner = current.get(parsed.event.data.shipmentId)?.ownerSource ?? null;
        return owner !== null && owner !== parsed.event.source ? [inboundPosition(record)] : [];
      }),
    );
    const now = this.clock.now();

    for (const { record, parsed } of records) {
      if (!parsed.ok) {
        const position = positionKey(inboundPosition(record));
        if (deadLettered.has(position)) {
          changes.outcome.duplicates++;
          continue;
        }
        deadLettered.add(position);
        this.deadLetter(
          record,
          parsed.errorKind,
          parsed.issues,
          parsed.shipmentId,
          parsed.eventId,
          current,
          changes,
          now,
          policy,
          rejectedEventIds,
        );
        continue;
      }
      const event = parsed.event;
      if (seenEvents.has(eventKey(event))) {
        changes.outcome.duplicates++;
        continue;
      }
      seenEvents.add(eventKey(event));
      let decision: LifecycleDecision;
      try {
        const row = current.get(event.data.shipmentId);
        decision = decide(row ? toShipmentState(row) : null, event, policy, now);
      } catch (error) {
        // A bug in the policy must not block the partition: the record is dead-lettered.
        this.logger.error(`Deciding event ${event.id} failed: ${(error as Error).message}`, (error as Error).stack);
        const issues = [{ path: '$', message: `processing failed: ${(error as Error).message}` }];
        this.deadLetter(
          record,
          'PROCESSING_FAILED',
          issues,
          event.data.shipmentId,
          event.id,
          current,
          changes,
          now,
          policy,
          rejectedEventIds,
        );
        continue;
      }
      if (decision.kind === 'refused') {
        // Not accepted (e.g. a foreign source): dead-lettered, and the shipment's history shows it.
        seenEvents.delete(eventKey(event));
        const position = positionKey(inboundPosition(record));
        if (deadLettered.has(position)) {
          changes.outcome.duplicates++;
          continue;
        }
        deadLettered.add(position);
        const issues = [{ path: 'source', message: decision.message }];
        this.deadLetter(
          record,
          decision.errorKind,
          issues,
          event.data.shipmentId,
          event.id,
          current,
          changes,
          now,
          policy,
          rejectedEventIds,
        );
        continue;
      }
      changes.events.push(this.eventRow(record, event, decision, now));
      if (decision.kind === 'status') {
        const transition = applyStatusDecision({
          shipmentId: event.data.shipmentId,
          current: current.get(event.data.shipmentId),
          decision,
          declaration: isDeclarationEvent(event) ? event.data : undefined,
          decidedBy: 'ENGINE',
          causationId: event.id,
          activeRulesetVersion: policy.rulesetVersion,
          at: now,
        });
        this.record(record, transition, current, changes);
        changes.outcome.applied++;
      } else {
        const shipment = current.get(event.data.shipmentId);
        if (shipment && decision.arrivedAt && !shipment.arrivedAt) {
          const updated = { ...shipment, arrivedAt: new Date(decision.arrivedAt), updatedAt: now };
          current.set(shipment.shipmentId, updated);
          changes.touched.add(shipment.shipmentId);
        }
        changes.outcome.unchanged++;
      }
    }
    return current;
  }

  private deadLetter(
    record: InboundRecord,
    kind: string,
    issues: ValidationIssue[],
    shipmentId: string | null,
    eventId: string | null,
    current: Map<string, ShipmentRow>,
    changes: BatchChanges,
    now: Date,
    policy: CompiledPolicy,
    /** Ids of bad events already dead-lettered: a resend is dead-lettered again but rejects nothing twice. */
    rejectedEventIds: Set<string>,
  ): void {
    changes.outcome.deadLettered++;
    // Messages may quote the record (e.g. a JSON error): keep them storable, whatever it held.
    issues = issues.map((i) => ({ path: storableText(i.path), message: storableText(i.message) }));
    const source = inboundPosition(record);
    changes.deadLetters.push({
      sourceTopic: source.topic,
      kafkaPartition: source.partition,
      kafkaOffset: source.offset,
      messageKey: record.key,
      messageValue: record.value,
      headers: record.headers,
      errorKind: kind,
      errors: issues,
      shipmentId,
      eventId,
      receivedAt: now,
    });
    changes.outbox.push(deadLetterMessage(this.config.topics.deadLetter, record, { kind, issues }, now));
    this.logger.warn(
      `Dead-lettered ${source.topic}[${source.partition}]@${source.offset} (${kind}${shipmentId ? `, shipment ${shipmentId}` : ''}): ${issues
        .slice(0, 3)
        .map((i) => `${i.path}: ${i.message}`)
        .join('; ')}`,
    );
    if (!shipmentId) return;
    if (eventId) {
      if (rejectedEventIds.has(eventId)) return;
      rejectedEventIds.add(eventId);
    }
    const row = current.get(shipmentId);
    const decision = decideRejection(row ? toShipmentState(row) : null, issues);
    if (decision.kind !== 'status') return;
    const transition = applyStatusDecision({
      shipmentId,
      current: row,
      decision,
      decidedBy: 'ENGINE',
      causationId: eventId,
      activeRulesetVersion: policy.rulesetVersion,
      at: now,
    });
    this.record(record, transition, current, changes);
  }

  private record(source: InboundRecord, transition: Transition, current: Map<string, ShipmentRow>, changes: BatchChanges): void {
    current.set(transition.shipment.shipmentId, transition.shipment);
    changes.touched.add(transition.shipment.shipmentId);
    changes.transitions.push(transition);
    changes.decided.push({ recordTimestampMs: Number(source.timestamp), priority: transition.status.priority });
  }

  private eventRow(
    record: InboundRecord,
    event: ShipmentEvent,
    decision: Exclude<LifecycleDecision, { kind: 'refused' }>,
    now: Date,
  ): ShipmentEventRow {
    const source = inboundPosition(record);
    return {
      eventId: event.id,
      shipmentId: event.data.shipmentId,
      type: event.type,
      source: event.source,
      eventTime: event.time ? new Date(event.time) : null,
      receivedAt: now,
      kafkaPartition: source.partition,
      kafkaOffset: source.offset,
      outcome: decision.kind === 'status' ? 'APPLIED' : decision.code,
      envelope: event,
    };
  }

  /** `lane`: the lane consumed, when the topic is one (the outbox publishes lane by lane). */
  private async flush(
    tx: EntityManager,
    changes: BatchChanges,
    current: Map<string, ShipmentRow>,
    lane: Priority | undefined,
  ): Promise<void> {
    const finalRows = [...changes.touched].map((id) => current.get(id)!);
    await this.statusChanges.write(tx, changes.transitions, finalRows, lane);
    await this.eventLog.appendMany(tx, changes.events);
    await this.deadLetters.appendMany(tx, changes.deadLetters);
    const createdAt = this.clock.now();
    await this.outbox.enqueue(
      tx,
      changes.outbox.map((m) => ({ ...m, createdAt, lane })),
    );
  }
}

/** PostgreSQL data exceptions (class 22, e.g. a NUL character in jsonb): retrying cannot help. */
function isDataError(error: unknown): boolean {
  const code = (error as { driverError?: { code?: string }; code?: string }).driverError?.code ?? (error as { code?: string }).code;
  return typeof code === 'string' && code.startsWith('22');
}

/**
 * The record as a failure, so it is dead-lettered (raw bytes only) instead of stored. The
 * event id is dropped (it may be what PostgreSQL refused); the shipment id matched its
 * pattern, so the REJECTED status can still name it unless `withShipment` is false.
 */
function unstorable({ record, parsed }: ParsedRecord, error: Error, withShipment: boolean): ParsedRecord {
  const shipmentId = parsed.ok ? parsed.event.data.shipmentId : parsed.shipmentId;
  return {
    record,
    parsed: {
      ok: false,
      errorKind: 'UNSTORABLE',
      issues: [
        { path: '$', message: `the database refused a value of this event (${(error as { code?: string }).code ?? 'data exception'})` },
      ],
      shipmentId: withShipment ? shipmentId : null,
      eventId: null,
      eventType: null,
    },
  };
}

function isDeclarationEvent(
  event: ShipmentEvent,
): event is Extract<ShipmentEvent, { type: 'customs.prearrival.submitted' | 'customs.prearrival.amended' }> {
  return event.type === 'customs.prearrival.submitted' || event.type === 'customs.prearrival.amended';
}
