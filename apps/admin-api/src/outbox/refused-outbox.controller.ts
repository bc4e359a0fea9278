import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../auth/principal';
import { IdPageQuery } from '../common/paging';
import { RefusedOutboxPage } from './refused-outbox.dto';
import { RefusedOutboxService } from './refused-outbox.service';

@ApiTags('outbox')
@ApiBearerAuth()
@Controller('api/v1/outbox')
export class RefusedOutboxController {
  constructor(private readonly refused: RefusedOutboxService) {}

  @Get('refused')
  @RequireRole('viewer')
  @ApiOperation({
    summary: 'Records the broker refused for good, newest first',
    description:
      'Status and dead-letter records Kafka will never accept as they are (e.g. larger than the topic allows): ' +
      'set aside by the status publisher, never published and never retried, while the records after them were published. ' +
      'Key and value are left out, with their sizes.',
  })
  @ApiOkResponse({ type: RefusedOutboxPage })
  list(@Query() query: IdPageQuery): Promise<RefusedOutboxPage> {
    return this.refused.list(query);
  }
}
