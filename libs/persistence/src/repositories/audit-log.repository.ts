import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLogEntryRow } from '../entities';

export type NewAuditLogEntry = Omit<AuditLogEntryRow, 'id'>;

/** A listed entry: `before`/`after` are null when they were null or longer than the list shows (see the sizes). */
export type AuditLogListRow = AuditLogEntryRow & {
  /** Bytes of the JSON text of `before` / `after`; null when there was none. */
  beforeBytes: number | null;
  afterBytes: number | null;
};

interface ListRecord {
  id: string;
  at: Date;
  actor: string;
  actor_role: string | null;
  remote_addr: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  before: object | null;
  after: object | null;
  reason: string | null;
  before_bytes: number | null;
  after_bytes: number | null;
}

@Injectable()
export class AuditLogRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Appends in the caller's transaction, so the change and its audit entry commit together. */
  async append(tx: EntityManager, entry: NewAuditLogEntry): Promise<void> {
    await tx.createQueryBuilder().insert().into(AuditLogEntryRow).values(entry).execute();
  }

  /**
   * Newest first, strictly before the cursor (an entry id) when one is given. `before` and
   * `after` (a whole ruleset document, say) are read only when at most `maxJsonBytes` long.
   */
  page(limit: number, beforeId: string | undefined, maxJsonBytes: number): Promise<AuditLogListRow[]> {
    return this.list({ limit, maxJsonBytes, cursor: beforeId === undefined ? undefined : { op: '<', id: beforeId }, order: 'DESC' });
  }

  /** The entries about one target (e.g. a shipment's operator actions), oldest first, after the cursor when given. */
  pageForTarget(
    targetType: string,
    targetId: string,
    limit: number,
    afterId: string | undefined,
    maxJsonBytes: number,
  ): Promise<AuditLogListRow[]> {
    return this.list({
      limit,
      maxJsonBytes,
      target: { type: targetType, id: targetId },
      cursor: afterId === undefined ? undefined : { op: '>', id: afterId },
      order: 'ASC',
    });
  }

  /** With `before` and `after` whole. */
  findById(id: string): Promise<AuditLogEntryRow | null> {
    return this.dataSource.getRepository(AuditLogEntryRow).findOneBy({ id });
  }

  private async list(query: {
    limit: number;
    maxJsonBytes: number;
    target?: { type: string; id: string };
    cursor?: { op: '<' | '>'; id: string };
    order: 'ASC' | 'DESC';
  }): Promise<AuditLogListRow[]> {
    const params: unknown[] = [query.maxJsonBytes];
    const param = (value: unknown) => `$${params.push(value)}`;
    const where: string[] = [];
    if (query.target) where.push(`a.target_type = ${param(query.target.type)} AND a.target_id = ${param(query.target.id)}`);
    if (query.cursor) where.push(`a.id ${query.cursor.op} ${param(query.cursor.id)}`);
    const records: ListRecord[] = await this.dataSource.query(
      `SELECT a.id, a.at, a.actor, a.actor_role, a.remote_addr, a.action, a.target_type, a.target_id, a.reason,
              CASE WHEN octet_length(a.before::text) <= $1 THEN a.before END AS before,
              CASE WHEN octet_length(a.after::text) <= $1 THEN a.after END AS after,
              octet_length(a.before::text) AS before_bytes, octet_length(a.after::text) AS after_bytes
         FROM audit_log a
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY a.id ${query.order}
        LIMIT ${param(query.limit)}`,
      params,
    );
    return records.map((r) => ({
      id: String(r.id),
      at: r.at,
      actor: r.actor,
      actorRole: r.actor_role,
      remoteAddr: r.remote_addr,
      action: r.action,
      targetType: r.target_type,
      targetId: r.target_id,
      before: r.before,
      after: r.after,
      reason: r.reason,
      beforeBytes: r.before_bytes,
      afterBytes: r.after_bytes,
    }));
  }
}
