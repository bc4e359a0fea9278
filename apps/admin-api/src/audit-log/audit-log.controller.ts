import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { AuditLogEntryRow, AuditLogRepository } from '@app/persistence';
import { RequireRole } from '../auth/principal';
import { decodeCursor, encodeCursor } from '../common/cursor';

export class AuditLogQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  cursor?: string;
}

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

const isEntryCursor = (v: unknown): v is { before: string } =>
  typeof v === 'object' && v !== null && typeof (v as { before?: unknown }).before === 'string' && /^\d{1,19}$/.test((v as { before: string }).before);

@ApiTags('audit-log')
@ApiBearerAuth()
@RequireRole('admin')
@Controller('api/v1/audit-log')
export class AuditLogController {
  constructor(private readonly log: AuditLogRepository) {}

  /** Newest first. */
  @Get()
  async list(@Query() query: AuditLogQuery): Promise<{ items: AuditLogEntryView[]; nextCursor: string | null }> {
    const limit = query.limit ?? 50;
    const before = query.cursor ? decodeCursor(query.cursor, isEntryCursor).before : undefined;
    const rows = await this.log.page(limit + 1, before);
    const items = rows.slice(0, limit).map(toAuditLogEntryView);
    const nextCursor = rows.length > limit ? encodeCursor({ before: items[items.length - 1].id }) : null;
    return { items, nextCursor };
  }
}
