import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** An outbox row the broker refused, as operators list it: the key and value are left out, with their sizes. */
export interface RefusedOutboxRow {
  id: string;
  topic: string;
  /** The key when it is at most `maxKeyBytes` long (a shipment id is at most 64), else null. */
  shortKey: Buffer | null;
  keyBytes: number | null;
  valueBytes: number | null;
  lane: number;
  refusalCode: string;
  refusalError: string;
  createdAt: Date;
  refusedAt: Date;
}

/** Outbox rows set aside because the broker refused them for good. */
@Injectable()
export class RefusedOutboxRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Newest first, strictly before the cursor (an outbox id) when one is given. */
  async page(limit: number, beforeId: string | undefined, maxKeyBytes: number): Promise<RefusedOutboxRow[]> {
    const rows: {
      id: string;
      topic: string;
      short_key: Buffer | null;
      key_bytes: number | null;
      value_bytes: number | null;
      lane: number;
      refusal_code: string;
      refusal_error: string;
      created_at: Date;
      refused_at: Date;
    }[] = await this.dataSource.query(
      `SELECT id, topic, CASE WHEN length(message_key) <= $3 THEN message_key END AS short_key,
              length(message_key) AS key_bytes, length(message_value) AS value_bytes, lane,
              refusal_code, refusal_error, created_at, refused_at
       FROM outbox
       WHERE refused_at IS NOT NULL AND ($2::bigint IS NULL OR id < $2::bigint)
       ORDER BY id DESC LIMIT $1`,
      [limit, beforeId ?? null, maxKeyBytes],
    );
    return rows.map((r) => ({
      id: String(r.id),
      topic: r.topic,
      shortKey: r.short_key,
      keyBytes: r.key_bytes,
      valueBytes: r.value_bytes,
      lane: r.lane,
      refusalCode: r.refusal_code,
      refusalError: r.refusal_error,
      createdAt: r.created_at,
      refusedAt: r.refused_at,
    }));
  }
}
