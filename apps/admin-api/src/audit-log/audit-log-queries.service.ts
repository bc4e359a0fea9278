import { Injectable, NotFoundException } from '@nestjs/common';
import { AuditLogRepository } from '@app/persistence';
import { IdPage, IdPageQuery, MAX_LISTED_BYTES, pageAfterId, pageById } from '../common/paging';
import { AuditLogEntryView, toAuditLogEntryView } from './audit-log.dto';

/** Reads of the audit log: pages leave long `before`/`after` documents out; one entry by id has them whole. */
@Injectable()
export class AuditLogQueries {
  constructor(private readonly log: AuditLogRepository) {}

  /** Newest first. */
  page(query: IdPageQuery): Promise<IdPage<AuditLogEntryView>> {
    return pageById(query, (limit, before) => this.log.page(limit, before, MAX_LISTED_BYTES), toAuditLogEntryView);
  }

  /** What was done to one target (e.g. a shipment's operator actions), oldest first. */
  pageForTarget(targetType: string, targetId: string, query: IdPageQuery): Promise<IdPage<AuditLogEntryView>> {
    return pageAfterId(
      query,
      (limit, after) => this.log.pageForTarget(targetType, targetId, limit, after, MAX_LISTED_BYTES),
      toAuditLogEntryView,
    );
  }

  async get(id: string): Promise<AuditLogEntryView> {
    const row = await this.log.findById(id);
    if (!row) throw new NotFoundException(`No audit log entry ${id}`);
    return toAuditLogEntryView(row);
  }
}
