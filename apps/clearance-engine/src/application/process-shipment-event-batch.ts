import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig, Clock } from '@app/config';
import { type Priority, PRIORITIES } from '@app/contract';
import type { InboundBatch } from '@app/messaging';
import { GatheredWrites, ShipmentStateRepository, type TopicRef } from '@app/persistence';
import { ActivePolicy } from './active-policy';
import { type BatchChanges, type BatchOutcome, noOutcome } from './batch-changes';
import { BatchProgress } from './batch-progress';
import { BatchWriter } from './batch-writer';
import { decideRecords } from './decide-records';
import { EngineMetrics } from './engine-metrics';
import { type ParsedBatch, parseBatches, shipmentIdOf } from './parsed-record';
import { processIsolatingPoison } from './poison-isolation';
import { RecordedBeforeLookup } from './recorded-before';

const describeParts = (parts: ParsedBatch[]) => `${parts[0].batch.topic}[${parts.map((p) => p.batch.partition).join(',')}]`;

/**
 * The clearance engine's one use case: partition batches of raw records in (those of one lane
 * fetched together), shipment states, event log, decisions, dead letters and outbox rows out,
 * in one transaction, each partition in its order. The offsets are committed by the transport
 * after this returns. Its steps: parse (parsed-record), progress (batch-progress), what was
 * recorded before (recorded-before), decide (decide-records, pure), write (batch-writer), and
 * poison isolation around them all (poison-isolation).
 */
@Injectable()
export class ProcessShipmentEventBatch {
  private readonly logger = new Logger(ProcessShipmentEventBatch.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly activePolicy: ActivePolicy,
    private readonly progress: BatchProgress,
    private readonly recordedBefore: RecordedBeforeLookup,
    private readonly shipments: ShipmentStateRepository,
    private readonly writer: BatchWriter,
    private readonly metrics: EngineMetrics,
  ) {}

  /** Partition batches of one lane topic, decided together in one transaction (a group commit). */
  execute(batches: InboundBatch[]): Promise<BatchOutcome> {
    const parts = parseBatches(batches);
    return processIsolatingPoison(
      parts,
      (some) => this.process(some),
      (error) => this.logger.warn(`Batches ${describeParts(parts)} refused by the database (${error.message}); retrying record by record`),
    );
  }

  private async process(parts: ParsedBatch[]): Promise<BatchOutcome> {
    const started = performance.now();
    // Every part is of the same topic: the transport gathers the batches of one consumer and topic.
    const ref: TopicRef = { groupId: this.config.engine.groupId, topic: parts[0].batch.topic };
    // PostgreSQL's default isolation, READ COMMITTED (naming it would cost a round trip per batch).
    const { changes, skipped } = await this.dataSource.transaction(async (tx) => {
      const unseen = await this.progress.unseen(tx, ref, parts);
      if (unseen.fresh.length === 0) return { changes: null, skipped: unseen.skipped };
      // The policy revision is taken FOR SHARE: a policy change happens wholly before or after the batch.
      const policy = await this.activePolicy.current(tx);
      const { events, rejectedEventIds } = await this.recordedBefore.events(tx, unseen.fresh);
      const shipmentIds = new Set(unseen.fresh.flatMap((one) => shipmentIdOf(one) ?? []));
      const current = await this.shipments.lockMany(tx, [...shipmentIds].sort());
      const deadLetteredPositions = await this.recordedBefore.deadLetteredPositions(tx, unseen.fresh, current);
      const decided = decideRecords(unseen.fresh, {
        policy,
        now: this.clock.now(),
        deadLetterTopic: this.config.topics.deadLetter,
        current,
        recorded: { events, rejectedEventIds, deadLetteredPositions },
        log: this.logger,
      });
      // The batch's writes reach PostgreSQL as one statement (a round trip each would cost more than their rows).
      const writes = new GatheredWrites(tx);
      await this.writer.write(writes, decided, this.laneOf(ref.topic));
      await this.progress.save(writes, ref, unseen.progressed);
      await writes.flush();
      return { changes: decided, skipped: unseen.skipped };
    });
    const outcome = { ...(changes?.outcome ?? noOutcome()), skipped };
    this.recordMetrics(parts, changes, outcome, started);
    if (outcome.deadLettered > 0 || outcome.skipped > 0) {
      this.logger.log(`${describeParts(parts)} ${parts.reduce((n, p) => n + p.parsed.length, 0)} records: ${JSON.stringify(outcome)}`);
    }
    return outcome;
  }

  private recordMetrics(parts: ParsedBatch[], changes: BatchChanges | null, outcome: BatchOutcome, started: number): void {
    this.metrics.batchCommitted(
      {
        topic: parts[0].batch.topic,
        records: outcome,
        transitions: changes?.transitions ?? [],
        deadLetterKinds: changes?.deadLetters.map((d) => d.errorKind) ?? [],
        decided: changes?.decided ?? [],
        durationSeconds: (performance.now() - started) / 1000,
      },
      this.clock.now().getTime(),
    );
  }

  private laneOf(topic: string): Priority | undefined {
    return PRIORITIES.find((lane) => this.config.topics.lanes[lane] === topic);
  }
}
