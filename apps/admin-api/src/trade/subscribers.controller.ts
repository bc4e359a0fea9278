import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, RequestActor, RequireRole } from '../auth/principal';
import { IdPageQuery } from '../common/paging';
import { SubscribersService } from './subscribers.service';
import {
  CreatedWebhook,
  CreateSubscriberRequest,
  CreateWebhookRequest,
  DeliveryAttemptPage,
  ReplayRequest,
  ReplayResult,
  RotatedSecret,
  SubscriberIdParam,
  SubscriberPage,
  SubscriberView,
  UpdateSubscriberRequest,
  WebhookIdParam,
  WebhookView,
} from './trade.dto';

/**
 * Delivery to the trade, operators' side: logistics firms as subscribers with the party ids they
 * act for, their webhook endpoints, replays and delivery attempts. Admins change; viewers read.
 * A firm's own key (role subscriber) is created with POST /api/v1/api-keys.
 */
@ApiTags('subscribers')
@ApiBearerAuth()
@Controller('api/v1/subscribers')
export class SubscribersController {
  constructor(private readonly subscribers: SubscribersService) {}

  @Post()
  @RequireRole('admin')
  @ApiCreatedResponse({ type: SubscriberView })
  create(@Body() body: CreateSubscriberRequest, @Actor() actor: RequestActor): Promise<SubscriberView> {
    return this.subscribers.create({ name: body.name, partyIds: body.partyIds, paused: body.paused }, actor);
  }

  /** Newest first, each with its webhooks and their state (paused ones with the reason). */
  @Get()
  @RequireRole('viewer')
  @ApiOkResponse({ type: SubscriberPage })
  list(@Query() query: IdPageQuery): Promise<SubscriberPage> {
    return this.subscribers.list(query);
  }

  @Get(':id')
  @RequireRole('viewer')
  @ApiOkResponse({ type: SubscriberView })
  @ApiNotFoundResponse({ description: 'Unknown subscriber' })
  get(@Param() { id }: SubscriberIdParam): Promise<SubscriberView> {
    return this.subscribers.get(id);
  }

  /** New party ids decide who gets the status versions decided from now on; notifications already recorded stay with their subscriber. */
  @Patch(':id')
  @RequireRole('admin')
  @ApiOkResponse({ type: SubscriberView })
  @ApiNotFoundResponse({ description: 'Unknown subscriber' })
  update(@Param() { id }: SubscriberIdParam, @Body() body: UpdateSubscriberRequest, @Actor() actor: RequestActor): Promise<SubscriberView> {
    return this.subscribers.update(id, { name: body.name, partyIds: body.partyIds, paused: body.paused }, actor);
  }

  /** With its webhooks, notifications, delivery history and API keys. */
  @Delete(':id')
  @HttpCode(204)
  @RequireRole('admin')
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'Unknown subscriber' })
  delete(@Param() { id }: SubscriberIdParam, @Actor() actor: RequestActor): Promise<void> {
    return this.subscribers.delete(id, actor);
  }

  /** The endpoint receives the statuses decided from now on, signed with the secret returned (shown once). */
  @Post(':id/webhooks')
  @RequireRole('admin')
  @ApiCreatedResponse({ type: CreatedWebhook })
  @ApiNotFoundResponse({ description: 'Unknown subscriber' })
  addWebhook(
    @Param() { id }: SubscriberIdParam,
    @Body() body: CreateWebhookRequest,
    @Actor() actor: RequestActor,
  ): Promise<CreatedWebhook> {
    return this.subscribers.addWebhook(id, body.url, actor);
  }

  @Delete(':id/webhooks/:webhookId')
  @HttpCode(204)
  @RequireRole('admin')
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'Unknown subscriber or webhook' })
  deleteWebhook(@Param() { id, webhookId }: WebhookIdParam, @Actor() actor: RequestActor): Promise<void> {
    return this.subscribers.deleteWebhook(id, webhookId, actor);
  }

  /** A new secret (shown once); the previous one keeps signing too during the overlap (WEBHOOKS_SECRET_OVERLAP_MS). */
  @Post(':id/webhooks/:webhookId/rotate-secret')
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOkResponse({ type: RotatedSecret })
  @ApiNotFoundResponse({ description: 'Unknown subscriber or webhook' })
  rotateSecret(@Param() { id, webhookId }: WebhookIdParam, @Actor() actor: RequestActor): Promise<RotatedSecret> {
    return this.subscribers.rotateSecret(id, webhookId, actor);
  }

  /** A paused endpoint gets its undelivered messages again, from the oldest. */
  @Post(':id/webhooks/:webhookId/resume')
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOkResponse({ type: WebhookView })
  @ApiNotFoundResponse({ description: 'Unknown subscriber or webhook' })
  resumeWebhook(@Param() { id, webhookId }: WebhookIdParam, @Actor() actor: RequestActor): Promise<WebhookView> {
    return this.subscribers.resumeWebhook(id, webhookId, actor);
  }

  /** Every notification of the subscriber since a time (within the retention period) is sent again to its webhooks, in order. */
  @Post(':id/replay')
  @HttpCode(202)
  @RequireRole('admin')
  @ApiOkResponse({ type: ReplayResult })
  @ApiNotFoundResponse({ description: 'Unknown subscriber or webhook' })
  replay(@Param() { id }: SubscriberIdParam, @Body() body: ReplayRequest, @Actor() actor: RequestActor): Promise<ReplayResult> {
    return this.subscribers.replay(id, new Date(body.since), body.webhookId, actor);
  }

  /** Recent webhook calls, newest first, with the endpoints' answers. */
  @Get(':id/deliveries')
  @RequireRole('viewer')
  @ApiOkResponse({ type: DeliveryAttemptPage })
  @ApiNotFoundResponse({ description: 'Unknown subscriber' })
  deliveries(@Param() { id }: SubscriberIdParam, @Query() query: IdPageQuery): Promise<DeliveryAttemptPage> {
    return this.subscribers.deliveries(id, query);
  }
}
