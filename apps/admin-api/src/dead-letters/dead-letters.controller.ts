import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor, RequestActor, RequireRole } from '../auth/principal';
import { IdPageQuery } from '../common/paging';
import { DeadLetterIdParam, DeadLetterPage, DeadLetterReplayView, DeadLetterView } from './dead-letters.dto';
import { DeadLettersService } from './dead-letters.service';

@ApiTags('dead-letters')
@ApiBearerAuth()
@Controller('api/v1/dead-letters')
export class DeadLettersController {
  constructor(private readonly deadLetters: DeadLettersService) {}

  /** Newest first, with the errors that rejected each record; values longer than 16 KiB are left out. */
  @Get()
  @RequireRole('viewer')
  list(@Query() query: IdPageQuery): Promise<DeadLetterPage> {
    return this.deadLetters.list(query);
  }

  /** One dead letter with its whole value. */
  @Get(':id')
  @RequireRole('viewer')
  get(@Param() { id }: DeadLetterIdParam): Promise<DeadLetterView> {
    return this.deadLetters.get(id);
  }

  /** Queues the original record for the shipment events topic again; 202: the engine decides it later. */
  @Post(':id/replay')
  @RequireRole('operator')
  @HttpCode(202)
  replay(@Param() { id }: DeadLetterIdParam, @Actor() actor: RequestActor): Promise<DeadLetterReplayView> {
    return this.deadLetters.replay(id, actor);
  }
}
