import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { AuditLogEntryRow, AuditLogRepository } from '@app/persistence';
import { RequireRole } from '../auth/principal';
import { IdPage, IdPageQuery, pageById } from '../common/paging';

export class AuditLogEntryView {
  @ApiProperty() id: string;
  @ApiProperty() at: string;
  @ApiProperty() actor: string;
  @ApiProperty({ nullable: true, type: String }) actorRole: string | null;
  @ApiProperty({ nullable: true, type: String }) remoteAddr: string | null;
  @ApiProperty() action: string;
  @ApiProperty() targetType: string;
  @ApiProperty({ nullable: true, type: String }) targetId: string | null;
  @ApiProperty({ nullable: true, type: Object }) before: object | null;
  @ApiProperty({ nullable: true, type: Object }) after: object | null;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
}

export function toAuditLogEntryView(row: AuditLogEntryRow): AuditLogEntryView {
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
    reason: row.reason,
  };
}

@ApiTags('audit-log')
@ApiBearerAuth()
@RequireRole('admin')
@Controller('api/v1/audit-log')
export class AuditLogController {
  constructor(private readonly log: AuditLogRepository) {}

  /** Newest first. */
  @Get()
  async list(@Query() query: IdPageQuery): Promise<IdPage<AuditLogEntryView>> {
    return pageById(query, (limit, before) => this.log.page(limit, before), toAuditLogEntryView);
  }
}
