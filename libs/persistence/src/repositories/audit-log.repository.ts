import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLogEntryRow } from '../entities';

export type NewAuditLogEntry = Omit<AuditLogEntryRow, 'id'>;

@Injectable()
export class AuditLogRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Appends in the caller's transaction, so the change and its audit entry commit together. */
  async append(tx: EntityManager, entry: NewAuditLogEntry): Promise<void> {
    await tx.createQueryBuilder().insert().into(AuditLogEntryRow).values(entry).execute();
  }

  /** Newest first, strictly after the cursor (an entry id) when one is given. */
  page(limit: number, beforeId?: string): Promise<AuditLogEntryRow[]> {
    const query = this.dataSource.getRepository(AuditLogEntryRow).createQueryBuilder('a').orderBy('a.id', 'DESC').limit(limit);
    if (beforeId) query.where('a.id < :beforeId', { beforeId });
    return query.getMany();
  }

  forTarget(targetType: string, targetId: string): Promise<AuditLogEntryRow[]> {
    return this.dataSource.getRepository(AuditLogEntryRow).find({ where: { targetType, targetId }, order: { id: 'ASC' } });
  }
}
