import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { AuditLogEntryRow, AuditLogListRow } from '@app/persistence';

export class AuditLogEntryView {
  @ApiProperty() id: string;
  @ApiProperty() at: string;
  @ApiProperty() actor: string;
  @ApiProperty({ nullable: true, type: String }) actorRole: string | null;
  @ApiProperty({ nullable: true, type: String }) remoteAddr: string | null;
  @ApiProperty() action: string;
  @ApiProperty() targetType: string;
  @ApiProperty({ nullable: true, type: String }) targetId: string | null;
  @ApiProperty({ nullable: true, type: Object, description: 'null when there was none, or when omitted from a list (see beforeOmitted)' })
  before: object | null;
  @ApiProperty({ nullable: true, type: Object, description: 'null when there was none, or when omitted from a list (see afterOmitted)' })
  after: object | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Bytes of `before` as JSON; null when there was none' }) beforeBytes:
    number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Bytes of `after` as JSON; null when there was none' }) afterBytes:
    number | null;
  @ApiProperty({ description: 'True in a list when `before` is longer than 16 KiB: GET /api/v1/audit-log/{id} has it whole' })
  beforeOmitted: boolean;
  @ApiProperty({ description: 'True in a list when `after` is longer than 16 KiB (e.g. a whole ruleset document)' }) afterOmitted: boolean;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
}

export class AuditLogPage {
  @ApiProperty({ type: [AuditLogEntryView] }) items: AuditLogEntryView[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next page; null on the last page' }) nextCursor:
    string | null;
}

export class AuditLogEntryIdParam {
  // At most 18 digits: always inside PostgreSQL's bigint.
  @Matches(/^[1-9][0-9]{0,17}$/, { message: 'id must be a positive integer' })
  id: string;
}

const jsonBytes = (value: object | null) => (value === null ? null : Buffer.byteLength(JSON.stringify(value), 'utf8'));

/** A listed entry (large `before`/`after` left out with their size), or a whole one read by id. */
export function toAuditLogEntryView(row: AuditLogListRow | AuditLogEntryRow): AuditLogEntryView {
  const listed = 'beforeBytes' in row;
  const beforeBytes = listed ? row.beforeBytes : jsonBytes(row.before);
  const afterBytes = listed ? row.afterBytes : jsonBytes(row.after);
  return {
    id: row.id,
    at: row.at.toISOString(),
    actor: row.actor,
    actorRole: row.actorRole,
    remoteAddr: row.remoteAddr,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    before: row.before,
    after: row.after,
    beforeBytes,
    afterBytes,
    beforeOmitted: beforeBytes !== null && row.before === null,
    afterOmitted: afterBytes !== null && row.after === null,
    reason: row.reason,
  };
}
