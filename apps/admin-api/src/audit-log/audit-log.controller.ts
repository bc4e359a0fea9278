import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../auth/principal';
import { IdPageQuery } from '../common/paging';
import { AuditLogQueries } from './audit-log-queries.service';
import { AuditLogEntryIdParam, AuditLogEntryView, AuditLogPage } from './audit-log.dto';

@ApiTags('audit-log')
@ApiBearerAuth()
@RequireRole('admin')
@Controller('api/v1/audit-log')
export class AuditLogController {
  constructor(private readonly log: AuditLogQueries) {}

  /** Newest first; `before`/`after` longer than 16 KiB are left out with their size. */
  @Get()
  @ApiOkResponse({ type: AuditLogPage })
  list(@Query() query: IdPageQuery): Promise<AuditLogPage> {
    return this.log.page(query);
  }

  /** One entry, whole. */
  @Get(':id')
  @ApiOkResponse({ type: AuditLogEntryView })
  get(@Param() { id }: AuditLogEntryIdParam): Promise<AuditLogEntryView> {
    return this.log.get(id);
  }
}
