import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, RequestActor, RequireRole } from '../auth/principal';
import { ShipmentIdParam } from '../shipments/shipments.dto';
import { WorklistClaimResult, WorklistPage, WorklistQuery } from './worklist.dto';
import { WorklistService } from './worklist.service';

@ApiTags('worklist')
@ApiBearerAuth()
@Controller('api/v1/worklist')
export class WorklistController {
  constructor(private readonly worklist: WorklistService) {}

  /** Open shipments that need an officer: CRITICAL first, then cold chain, then longest waiting. */
  @Get()
  @RequireRole('viewer')
  @ApiOkResponse({ type: WorklistPage })
  list(@Query() query: WorklistQuery, @Actor() actor: RequestActor): Promise<WorklistPage> {
    return this.worklist.list(query, actor);
  }

  /** Claims the item (or renews one's own claim) for WORKLIST_CLAIM_MINUTES. */
  @Post(':id/claim')
  @HttpCode(200)
  @RequireRole('operator')
  @ApiOkResponse({ type: WorklistClaimResult })
  @ApiNotFoundResponse({ description: 'Unknown shipment' })
  @ApiConflictResponse({ description: 'Another officer holds the item, or the shipment is not open' })
  claim(@Param() { id }: ShipmentIdParam, @Actor() actor: RequestActor): Promise<WorklistClaimResult> {
    return this.worklist.claim(id, actor);
  }

  @Post(':id/release-claim')
  @HttpCode(200)
  @RequireRole('operator')
  @ApiOkResponse({ type: WorklistClaimResult })
  @ApiNotFoundResponse({ description: 'Unknown shipment' })
  @ApiConflictResponse({ description: 'Another officer holds the item' })
  releaseClaim(@Param() { id }: ShipmentIdParam, @Actor() actor: RequestActor): Promise<WorklistClaimResult> {
    return this.worklist.releaseClaim(id, actor);
  }
}
