import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, RequestActor, RequireRole } from '../auth/principal';
import { IdPageQuery } from '../common/paging';
import { DecideShipmentService } from './decide-shipment.service';
import { ShipmentQueries } from './shipment-queries.service';
import {
  ClearanceStatusView,
  DecideShipmentRequest,
  DecisionPage,
  OperatorActionPage,
  ShipmentDeadLetterPage,
  ShipmentDetail,
  ShipmentEventPage,
  ShipmentIdParam,
  ShipmentPage,
  ShipmentsQuery,
} from './shipments.dto';

@ApiTags('shipments')
@ApiBearerAuth()
@Controller('api/v1/shipments')
export class ShipmentsController {
  constructor(
    private readonly queries: ShipmentQueries,
    private readonly decisions: DecideShipmentService,
  ) {}

  /** Newest first, filtered, cursor paged. */
  @Get()
  @RequireRole('viewer')
  @ApiOkResponse({ type: ShipmentPage })
  list(@Query() query: ShipmentsQuery): Promise<ShipmentPage> {
    return this.queries.list(query);
  }

  @Get(':id')
  @RequireRole('viewer')
  @ApiOkResponse({ type: ShipmentDetail })
  @ApiNotFoundResponse({ description: 'Unknown shipment' })
  detail(@Param() { id }: ShipmentIdParam): Promise<ShipmentDetail> {
    return this.queries.detail(id);
  }

  /** Valid events received, oldest first. */
  @Get(':id/events')
  @RequireRole('viewer')
  @ApiOkResponse({ type: ShipmentEventPage })
  @ApiNotFoundResponse({ description: 'Unknown shipment' })
  events(@Param() { id }: ShipmentIdParam, @Query() query: IdPageQuery): Promise<ShipmentEventPage> {
    return this.queries.events(id, query);
  }

  /** Every status version with its fired rules, oldest first. */
  @Get(':id/decisions')
  @RequireRole('viewer')
  @ApiOkResponse({ type: DecisionPage })
  @ApiNotFoundResponse({ description: 'Unknown shipment' })
  decisionHistory(@Param() { id }: ShipmentIdParam, @Query() query: IdPageQuery): Promise<DecisionPage> {
    return this.queries.decisions(id, query);
  }

  /** Operators' decisions and watchlist holds, as audited, oldest first. */
  @Get(':id/operator-actions')
  @RequireRole('viewer')
  @ApiOkResponse({ type: OperatorActionPage })
  @ApiNotFoundResponse({ description: 'Unknown shipment' })
  operatorActions(@Param() { id }: ShipmentIdParam, @Query() query: IdPageQuery): Promise<OperatorActionPage> {
    return this.queries.operatorActions(id, query);
  }

  /** Bad records under this shipment, oldest first, without their bytes (GET /api/v1/dead-letters/{id} has them). */
  @Get(':id/dead-letters')
  @RequireRole('viewer')
  @ApiOkResponse({ type: ShipmentDeadLetterPage })
  @ApiNotFoundResponse({ description: 'Unknown shipment' })
  deadLetters(@Param() { id }: ShipmentIdParam, @Query() query: IdPageQuery): Promise<ShipmentDeadLetterPage> {
    return this.queries.deadLetters(id, query);
  }

  @Post(':id/decisions')
  @RequireRole('operator')
  @ApiCreatedResponse({ type: ClearanceStatusView, description: 'The new status, as published on the status topic' })
  @ApiNotFoundResponse({ description: 'Unknown shipment' })
  @ApiConflictResponse({
    description:
      'A move the contract does not allow from the current status (docs/contract.md#operator-moves), or one the examinations ' +
      'refuse: a release while an inspection is owed without `waiveInspection`, a waiver with no inspection owed, falsified or seized goods out of HELD',
  })
  decide(
    @Param() { id }: ShipmentIdParam,
    @Body() body: DecideShipmentRequest,
    @Actor() actor: RequestActor,
  ): Promise<ClearanceStatusView> {
    const { status, reason, publicReason, waiveInspection } = body;
    return this.decisions.decide({ shipmentId: id, status, reason, publicReason, waiveInspection, actor });
  }
}
