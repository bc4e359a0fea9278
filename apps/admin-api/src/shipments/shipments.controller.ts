import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, RequestActor, RequireRole } from '../auth/principal';
import { DecideShipmentService } from './decide-shipment.service';
import { ShipmentQueries } from './shipment-queries.service';
import { ClearanceStatusView, DecideShipmentRequest, ShipmentDetail, ShipmentIdParam, ShipmentPage, ShipmentsQuery } from './shipments.dto';

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

  @Post(':id/decisions')
  @RequireRole('operator')
  @ApiCreatedResponse({ type: ClearanceStatusView, description: 'The new status, as published on the status topic' })
  @ApiNotFoundResponse({ description: 'Unknown shipment' })
  @ApiConflictResponse({ description: 'A move SPEC "Lifecycle" does not allow from the current status' })
  decide(@Param() { id }: ShipmentIdParam, @Body() body: DecideShipmentRequest, @Actor() actor: RequestActor): Promise<ClearanceStatusView> {
    return this.decisions.decide({ shipmentId: id, status: body.status, reason: body.reason, publicReason: body.publicReason, actor });
  }
}
