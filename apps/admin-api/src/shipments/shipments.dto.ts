import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Length, Matches, ValidateBy } from 'class-validator';
import { CLEARANCE_STATUSES, ClearanceStatus, DecidedBy, PRIORITIES, Priority, SHIPMENT_ID_PATTERN } from '@app/contract';
import type { Declaration, Reason } from '@app/contract';
import {
  EXAMINATION_OUTCOMES,
  type ExaminationOutcome,
  HOLD_ORIGINS,
  type HoldOrigin,
  RELEASING_STATUSES,
  UNCHANGED_EVENT_CODES,
} from '@app/policy';
import { AuditLogEntryView } from '../audit-log/audit-log.dto';
import { IdPageQuery } from '../common/paging';
import { IsRfc3339DateTime } from '../common/rfc3339';

/** limit and cursor as every list; the cursor here names a shipment, not an id. */
export class ShipmentsQuery extends IdPageQuery {
  @ApiPropertyOptional({ enum: CLEARANCE_STATUSES })
  @IsOptional()
  @IsIn(CLEARANCE_STATUSES)
  status?: ClearanceStatus;

  @ApiPropertyOptional({ enum: PRIORITIES })
  @IsOptional()
  @IsIn(PRIORITIES)
  priority?: Priority;

  @ApiPropertyOptional({
    description: 'Part of the id or name of the consignor, consignee or declarant (case-insensitive)',
    maxLength: 200,
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  // PostgreSQL text cannot hold NUL, and no party name has control characters.
  @Matches(/^(?=.*\S)[^\u0000-\u001f\u007f]*$/, { message: 'party must not be blank nor contain control characters' })
  party?: string;

  @ApiPropertyOptional({ description: 'Created at or after (RFC 3339)', example: '2026-04-01T00:00:00Z' })
  @IsOptional()
  @IsRfc3339DateTime()
  from?: string;

  @ApiPropertyOptional({ description: 'Created before (RFC 3339)', example: '2026-05-01T00:00:00Z' })
  @IsOptional()
  @IsRfc3339DateTime()
  to?: string;
}

export class ShipmentIdParam {
  @IsString()
  @Matches(SHIPMENT_ID_PATTERN, { message: 'id must be a shipmentId: 1 to 64 characters of A-Z a-z 0-9 . _ : -' })
  id: string;
}

export class DecideShipmentRequest {
  @ApiProperty({
    enum: CLEARANCE_STATUSES,
    example: 'RELEASED',
    description: 'The status to move to: only the moves of docs/contract.md#operator-moves are allowed (409 otherwise)',
  })
  @IsIn(CLEARANCE_STATUSES)
  status: ClearanceStatus;

  @ApiProperty({
    description: 'Why, for customs: audited and shown in the shipment history, never to the trade',
    example: 'Import authorisation presented at the counter and verified',
    minLength: 1,
    maxLength: 1000,
  })
  @IsString()
  @Length(1, 1000)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason: string;

  @ApiPropertyOptional({
    description: 'Why, for the trade: the reason the status record carries (a generic one when absent)',
    example: 'Documents verified',
    minLength: 1,
    maxLength: 500,
  })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  @Matches(/\S/, { message: 'publicReason must not be blank' })
  publicReason?: string;

  @ApiPropertyOptional({
    description:
      'Release (RELEASED or PRE_CLEARED) a shipment sent to INSPECTION_REQUIRED without the examination result it needs: ' +
      'the officer waives the inspection explicitly, with the `reason` (required, not blank) saying why. The waiver is ' +
      'audited (`after.inspectionWaived: true` on the `shipment.decide` entry), said in the decision history (reason ' +
      '`INSPECTION_WAIVED`) and counted as an override in rule effectiveness. 409 when no inspection is owed (nothing to waive)',
    default: false,
    example: true,
  })
  @IsOptional()
  @IsBoolean()
  @ValidateBy({
    name: 'waivesOnRelease',
    validator: {
      validate: (value: unknown, args) => value !== true || RELEASING_STATUSES.includes((args?.object as DecideShipmentRequest).status),
      defaultMessage: () => `waiveInspection applies only to a move to ${RELEASING_STATUSES.join(' or ')}`,
    },
  })
  waiveInspection?: boolean;
}

export class ReasonView implements Reason {
  @ApiProperty() code: string;
  @ApiProperty() ruleId: string;
  @ApiProperty() message: string;
}

/** The status published on the status topic (its CloudEvent `data`). */
export class ClearanceStatusView {
  @ApiProperty() shipmentId: string;
  @ApiProperty() version: number;
  @ApiProperty({ enum: CLEARANCE_STATUSES }) status: ClearanceStatus;
  @ApiProperty({ enum: PRIORITIES }) priority: Priority;
  @ApiProperty() coldChain: boolean;
  @ApiProperty({ type: [ReasonView] }) reasons: Reason[];
  @ApiProperty({ nullable: true, type: Number }) rulesetVersion: number | null;
  @ApiProperty() decidedAt: string;
  @ApiProperty({ example: 'OPERATOR:3f0c...' }) decidedBy: DecidedBy;
  @ApiProperty({ nullable: true, type: String }) causationId: string | null;
}

/** The current state of a shipment, as both the list and the detail show it. */
export class ShipmentStateView {
  @ApiProperty() shipmentId: string;
  @ApiProperty({ enum: CLEARANCE_STATUSES }) status: ClearanceStatus;
  @ApiProperty({ enum: PRIORITIES }) priority: Priority;
  @ApiProperty() coldChain: boolean;
  @ApiProperty() version: number;
  @ApiProperty({ nullable: true, type: Number }) rulesetVersion: number | null;
  @ApiProperty({ nullable: true, type: Number }) amendment: number | null;
  @ApiProperty({ nullable: true, type: String }) submittedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) arrivedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) releasedAt: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class ShipmentListItem extends ShipmentStateView {
  @ApiProperty({ nullable: true, type: String }) consigneeName: string | null;
  @ApiProperty({ nullable: true, type: String }) entryLocation: string | null;
  @ApiProperty({ nullable: true, type: String }) estimatedArrival: string | null;
}

export class ShipmentPage {
  @ApiProperty({ type: [ShipmentListItem] }) items: ShipmentListItem[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next page; null on the last one' })
  nextCursor: string | null;
}

export class ShipmentEventView {
  @ApiProperty() eventId: string;
  @ApiProperty() type: string;
  @ApiProperty() source: string;
  @ApiProperty({ nullable: true, type: String }) time: string | null;
  @ApiProperty() receivedAt: string;
  @ApiProperty({
    description: `APPLIED, or why the event changed nothing: ${Object.values(UNCHANGED_EVENT_CODES).join(', ')}`,
  })
  outcome: string;
}

/** One version in the decision history, with customs' own reasons (internal rules and the officer's reason included). */
export class DecisionView extends OmitType(ClearanceStatusView, ['shipmentId'] as const) {}

export class ShipmentDeadLetterView {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String }) eventId: string | null;
  @ApiProperty() errorKind: string;
  @ApiProperty({ type: Object, isArray: true, example: [{ path: 'data.items[0].hsCode', message: 'must be 6 to 10 digits' }] })
  errors: { path: string; message: string }[];
  @ApiProperty() sourceTopic: string;
  @ApiProperty() partition: number;
  @ApiProperty() offset: string;
  @ApiProperty() receivedAt: string;
  @ApiProperty({ nullable: true, type: String }) replayedAt: string | null;
  @ApiProperty() replayCount: number;
}

export class ShipmentEventPage {
  @ApiProperty({ type: [ShipmentEventView] }) items: ShipmentEventView[];
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'GET /api/v1/shipments/{id}/events?cursor= for the next page; null on the last one',
  })
  nextCursor: string | null;
}

export class DecisionPage {
  @ApiProperty({ type: [DecisionView] }) items: DecisionView[];
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'GET /api/v1/shipments/{id}/decisions?cursor= for the next page; null on the last one',
  })
  nextCursor: string | null;
}

export class OperatorActionPage {
  @ApiProperty({ type: [AuditLogEntryView] }) items: AuditLogEntryView[];
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'GET /api/v1/shipments/{id}/operator-actions?cursor= for the next page; null on the last one',
  })
  nextCursor: string | null;
}

export class ShipmentDeadLetterPage {
  @ApiProperty({ type: [ShipmentDeadLetterView] }) items: ShipmentDeadLetterView[];
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'GET /api/v1/shipments/{id}/dead-letters?cursor= for the next page; null on the last one',
  })
  nextCursor: string | null;
}

/** The first page of each part of a shipment's history, oldest first. */
export class ExaminationView {
  @ApiProperty() id: string;
  @ApiProperty() shipmentId: string;
  @ApiProperty({ description: 'The status version of the shipment when the result was recorded' }) shipmentVersion: number;
  @ApiProperty({ enum: CLEARANCE_STATUSES }) statusAtExamination: ClearanceStatus;
  @ApiProperty({ enum: EXAMINATION_OUTCOMES }) outcome: ExaminationOutcome;
  @ApiProperty() findings: string;
  @ApiProperty() temperatureControlledFacility: boolean;
  @ApiProperty({ nullable: true, type: Number }) quantityChecked: number | null;
  @ApiProperty({ description: '`apikey:<id>` of the officer' }) recordedBy: string;
  @ApiProperty() recordedAt: string;
}

export class ExaminationPage {
  @ApiProperty({ type: [ExaminationView] }) items: ExaminationView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class ShipmentHistoryView {
  @ApiProperty({ type: ShipmentEventPage }) events: ShipmentEventPage;
  @ApiProperty({ type: DecisionPage }) decisions: DecisionPage;
  @ApiProperty({ type: OperatorActionPage }) operatorActions: OperatorActionPage;
  @ApiProperty({ type: ShipmentDeadLetterPage }) deadLetters: ShipmentDeadLetterPage;
  @ApiProperty({ type: ExaminationPage }) examinations: ExaminationPage;
}

export class ShipmentDetail extends ShipmentStateView {
  @ApiProperty({ nullable: true, type: Object, description: 'The declaration in force (docs/contract.md#the-declaration)' })
  declaration: Declaration | null;
  @ApiProperty({
    nullable: true,
    enum: HOLD_ORIGINS,
    description: 'Who set a status that sticks: the engine only makes it more severe until an officer moves the shipment on',
  })
  hold: HoldOrigin | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description:
      'CloudEvents source of the first accepted declaration: the only one that may submit, amend or cancel it, and whose arrivals are accepted besides those of the arrival-sources list',
  })
  ownerSource: string | null;
  @ApiProperty({ type: ShipmentHistoryView, description: 'Oldest first, up to 50 of each; the history routes page through the rest' })
  history: ShipmentHistoryView;
}
