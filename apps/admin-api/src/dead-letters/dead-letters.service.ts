import { Injectable, NotFoundException } from '@nestjs/common';
import { isUtf8 } from 'node:buffer';
import { DataSource } from 'typeorm';
import { AppConfig, Clock } from '@app/config';
import { deadLetterReplayMessage } from '@app/messaging';
import { DeadLetterListRow, DeadLetterRepository, OutboxRepository } from '@app/persistence';
import { AuditTrail } from '../audit/audit-trail';
import { RequestActor } from '../auth/principal';
import { IdPageQuery, MAX_LISTED_BYTES, pageById } from '../common/paging';
import { ByteEncoding, DeadLetterPage, DeadLetterReplayView, DeadLetterView } from './dead-letters.dto';

/** Larger values are shown as base64: a page stays JSON-safe and readable values stay readable. */
const MAX_TEXT_BYTES = 64 * 1024;

function showBytes(bytes: Buffer | null, maxTextBytes: number): { text: string | null; encoding: ByteEncoding | null } {
  if (bytes === null) return { text: null, encoding: null };
  if (bytes.length <= maxTextBytes && isUtf8(bytes)) return { text: bytes.toString('utf8'), encoding: 'utf8' };
  return { text: bytes.toString('base64'), encoding: 'base64' };
}

function toView(row: DeadLetterListRow): DeadLetterView {
  const key = showBytes(row.messageKey, MAX_TEXT_BYTES);
  const value = showBytes(row.messageValue, MAX_TEXT_BYTES);
  return {
    id: row.id,
    sourceTopic: row.sourceTopic,
    partition: row.kafkaPartition,
    offset: row.kafkaOffset,
    key: key.text,
    keyEncoding: key.encoding,
    keyBytes: row.keyBytes,
    keyOmitted: row.keyBytes !== null && row.messageKey === null,
    value: value.text,
    valueEncoding: value.encoding,
    valueBytes: row.valueBytes,
    valueOmitted: row.valueBytes !== null && row.messageValue === null,
    errorKind: row.errorKind,
    errors: row.errors,
    shipmentId: row.shipmentId,
    eventId: row.eventId,
    receivedAt: row.receivedAt.toISOString(),
    replayedAt: row.replayedAt ? row.replayedAt.toISOString() : null,
    replayCount: row.replayCount,
  };
}

/** Bad inbound records: browse them, and send one again (e.g. after the cause was fixed). */
@Injectable()
export class DeadLettersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly deadLetters: DeadLetterRepository,
    private readonly outbox: OutboxRepository,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  list(query: IdPageQuery): Promise<DeadLetterPage> {
    // Keys and values are up to the size a record may have: 500 of them whole would make a huge page.
    return pageById(
      query,
      (limit, before) => this.deadLetters.page(limit, before, { key: MAX_LISTED_BYTES, value: MAX_LISTED_BYTES }),
      toView,
    );
  }

  async get(id: string): Promise<DeadLetterView> {
    const row = await this.deadLetters.findById(id);
    if (!row) throw new NotFoundException(`No dead letter ${id}`);
    return toView({
      ...row,
      keyBytes: row.messageKey ? row.messageKey.length : null,
      valueBytes: row.messageValue ? row.messageValue.length : null,
    });
  }

  /**
   * Re-sends the original record to the shipment events topic through the outbox, so it is
   * published by the status publisher only if this transaction commits; the engine then
   * decides it like any other record (and dead-letters it again if it is still bad).
   */
  replay(id: string, actor: RequestActor): Promise<DeadLetterReplayView> {
    const at = this.clock.now();
    return this.dataSource.transaction(async (tx) => {
      const row = await this.deadLetters.markReplayed(tx, id, at);
      if (!row) throw new NotFoundException(`No dead letter ${id}`);
      const message = deadLetterReplayMessage(this.config.topics.shipmentEvents, {
        id: row.id,
        key: row.messageKey,
        value: row.messageValue,
        headers: row.headers,
      });
      await this.outbox.enqueue(tx, [{ ...message, createdAt: at }]);
      await this.audit.record(tx, actor, {
        action: 'dead-letter.replay',
        targetType: 'dead-letter',
        targetId: row.id,
        before: { replayCount: row.replayCount - 1 },
        after: { replayCount: row.replayCount, topic: message.topic, shipmentId: row.shipmentId, eventId: row.eventId },
      });
      return { id: row.id, replayedAt: at.toISOString(), replayCount: row.replayCount };
    });
  }
}
