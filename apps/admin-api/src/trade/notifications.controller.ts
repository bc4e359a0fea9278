import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, RequestActor, RequireRole } from '../auth/principal';
import { IdPageQuery } from '../common/paging';
import { NotificationsService } from './notifications.service';
import { AcknowledgeRequest, AcknowledgeResult, MyShipmentParam, NotificationPage, StatusEventView } from './trade.dto';

/** The subscriber a `subscriber` key is bound to (the guard let only such keys in). */
function subscriberOf(actor: RequestActor): string {
  const id = actor.principal.subscriberId;
  if (!id) throw new Error('A subscriber route was reached without a subscriber key');
  return id;
}

/**
 * Delivery to the trade, pull side: only an API key with role `subscriber` may call these, and
 * it sees only its own subscriber's notifications and shipments.
 */
@ApiTags('trade (subscriber keys)')
@ApiBearerAuth()
@RequireRole('subscriber')
@Controller('api/v1')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  /** Status notifications not yet delivered (by webhook or acknowledged), oldest first; kept NOTIFICATIONS_RETENTION_DAYS. */
  @Get('notifications')
  @ApiOkResponse({ type: NotificationPage })
  list(@Query() query: IdPageQuery, @Actor() actor: RequestActor): Promise<NotificationPage> {
    return this.notifications.list(subscriberOf(actor), query);
  }

  /** Acknowledged notifications are no longer listed; ids that are not the subscriber's change nothing. */
  @Post('notifications/ack')
  @HttpCode(200)
  @ApiOkResponse({ type: AcknowledgeResult })
  acknowledge(@Body() body: AcknowledgeRequest, @Actor() actor: RequestActor): Promise<AcknowledgeResult> {
    return this.notifications.acknowledge(subscriberOf(actor), body.ids);
  }

  /** The shipment's current status as published, if the shipment names one of the subscriber's party ids. */
  @Get('my/shipments/:shipmentId')
  @ApiOkResponse({ type: StatusEventView })
  @ApiNotFoundResponse({ description: 'No such shipment, or not one of the subscriber’s: the same answer' })
  shipment(@Param() { shipmentId }: MyShipmentParam, @Actor() actor: RequestActor): Promise<StatusEventView> {
    return this.notifications.currentStatus(subscriberOf(actor), shipmentId);
  }
}
