import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import { SHIPMENT_ID_PATTERN } from '@app/contract';
import { ClearanceStatusView } from '../shipments/shipments.dto';
import { IsRfc3339DateTime } from '../common/rfc3339';

const NOT_BLANK = /^\S(.*\S)?$/;
export const MAX_PARTY_IDS = 100;

/** 1 to 100 distinct party ids, each 1 to 64 characters without surrounding spaces. */
function IsPartyIds(): PropertyDecorator {
  return applyDecorators(
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(MAX_PARTY_IDS),
    ArrayUnique(),
    IsString({ each: true }),
    Length(1, 64, { each: true }),
    Matches(NOT_BLANK, { each: true, message: 'partyIds must not be blank or start or end with spaces' }),
  );
}

export class CreateSubscriberRequest {
  @ApiProperty({ example: 'PT Logistik Nusantara', minLength: 1, maxLength: 200 })
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, { message: 'name must not be blank' })
  name: string;

  @ApiProperty({
    description:
      'The party identifiers the firm acts for: the `id` of a consignor, consignee or declarant, or a transport `carrierId`, matched exactly. It receives the statuses of the shipments naming one of them.',
    example: ['ID-LOGNUS-01', 'GA'],
    type: [String],
  })
  @IsPartyIds()
  partyIds: string[];

  @ApiPropertyOptional({ description: 'true: webhooks are held (notifications are still recorded and can be pulled)', default: false })
  @IsOptional()
  @IsBoolean()
  paused?: boolean;
}

export class UpdateSubscriberRequest {
  @ApiPropertyOptional({ minLength: 1, maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, { message: 'name must not be blank' })
  name?: string;

  @ApiPropertyOptional({ type: [String], description: 'Replaces the party ids: the next status versions go by the new ones' })
  @IsOptional()
  @IsPartyIds()
  partyIds?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  paused?: boolean;
}

export class WebhookView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() url: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String, description: 'After a rotation: until when the previous secret still signs too' })
  previousSecretValidUntil: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'First failure of the current run of failures' }) failingSince: string | null;
  @ApiProperty() failedAttempts: number;
  @ApiProperty({ nullable: true, type: String }) nextAttemptAt: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Set when the endpoint kept failing past the retry window: nothing is sent until resumed',
  })
  pausedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why it was paused, with the last failure' }) pausedReason: string | null;
}

export class SubscriberView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [String] }) partyIds: string[];
  @ApiProperty() paused: boolean;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ type: [WebhookView] }) webhooks: WebhookView[];
}

export class SubscriberPage {
  @ApiProperty({ type: [SubscriberView] }) items: SubscriberView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class CreateWebhookRequest {
  @ApiProperty({
    example: 'https://hooks.example.com/customs',
    description:
      'https (http only to a loopback address with WEBHOOKS_ALLOW_HTTP_LOCALHOST=true); no credentials; no private or link-local address',
  })
  @IsString()
  @MaxLength(2048)
  url: string;
}

export class CreatedWebhook {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() url: string;
  @ApiProperty({
    description: 'The signing secret (Standard Webhooks, `whsec_<base64>`): shown this once',
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  })
  secret: string;
}

export class RotatedSecret {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'The new signing secret: shown this once' }) secret: string;
  @ApiProperty({ description: 'Until then the previous secret signs too (two signatures per message)' }) previousSecretValidUntil: string;
}

export class ReplayRequest {
  @ApiProperty({
    example: '2026-04-07T00:00:00Z',
    description: 'Every notification of the subscriber since then (within the retention period) is sent again',
  })
  @IsRfc3339DateTime()
  since: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only to this endpoint; all of the subscriber’s endpoints by default' })
  @IsOptional()
  @IsUUID('all', { message: 'webhookId must be a UUID' })
  webhookId?: string;
}

export class ReplayResult {
  @ApiProperty({ description: 'Deliveries queued (notifications times endpoints)' }) queued: number;
}

export class DeliveryAttemptView {
  @ApiProperty() id: string;
  @ApiProperty({ format: 'uuid' }) webhookId: string;
  @ApiProperty({ description: 'webhook-id of the message: the status event id, <shipmentId>:v<version>' }) messageId: string;
  @ApiProperty() attemptedAt: string;
  @ApiProperty({ enum: ['delivered', 'failed', 'timeout', 'refused'], description: 'refused: the address was not allowed (SSRF guard)' })
  outcome: string;
  @ApiProperty({ nullable: true, type: Number, description: 'The endpoint’s HTTP status' }) statusCode: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'What went wrong: the start of the answer, or the network error' }) error:
    string | null;
  @ApiProperty() durationMs: number;
}

export class DeliveryAttemptPage {
  @ApiProperty({ type: [DeliveryAttemptView] }) items: DeliveryAttemptView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class SubscriberIdParam {
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;
}

export class WebhookIdParam extends SubscriberIdParam {
  @IsUUID('all', { message: 'webhookId must be a UUID' })
  webhookId: string;
}

/** The status CloudEvent, as on the status topic and in webhook bodies. */
export class StatusEventView {
  @ApiProperty({ example: '1.0' }) specversion: string;
  @ApiProperty({ example: 'SHP-ID-2026-000123:v1' }) id: string;
  @ApiProperty() source: string;
  @ApiProperty({ example: 'customs.clearance.status' }) type: string;
  @ApiProperty() time: string;
  @ApiProperty() subject: string;
  @ApiProperty({ example: 'application/json' }) datacontenttype: string;
  @ApiProperty({ type: ClearanceStatusView }) data: ClearanceStatusView;
}

export class NotificationView {
  @ApiProperty({ description: 'Pass to POST /api/v1/notifications/ack' }) id: string;
  @ApiProperty() shipmentId: string;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: StatusEventView }) event: StatusEventView;
}

export class NotificationPage {
  @ApiProperty({ type: [NotificationView] }) items: NotificationView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class AcknowledgeRequest {
  @ApiProperty({ type: [String], example: ['1042', '1043'], description: 'Ids of notifications listed by GET /api/v1/notifications' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @Matches(/^\d{1,18}$/, { each: true, message: 'ids must be notification ids (digits)' })
  ids: string[];
}

export class AcknowledgeResult {
  @ApiProperty({ description: 'How many of the ids were the subscriber’s and not yet delivered' }) acknowledged: number;
}

export class MyShipmentParam {
  @IsString()
  @Matches(SHIPMENT_ID_PATTERN, { message: 'shipmentId must be a shipmentId: 1 to 64 characters of A-Z a-z 0-9 . _ : -' })
  shipmentId: string;
}
