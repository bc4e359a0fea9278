/**
 * DTO classes of the inbound CloudEvent envelope and of the small payloads. Decorators only.
 *
 * The envelope is validated with `forbidNonWhitelisted` like `data`, but the parser hands it
 * only the attributes below: CloudEvents extension attributes (traceparent, partitionkey, ...)
 * are allowed at the top level for forward compatibility and are checked by the parser
 * (name syntax, scalar value), not here.
 */
import { ArrivalData, CancellationData } from '../shipment-events';
import {
  EqualsDataShipmentId,
  IsDateTime,
  IsExactly,
  IsJsonContentType,
  IsShipmentId,
  IsText,
  IsUnLocode,
  NestedObject,
  Optional,
} from './decorators';
import { AmendedDeclarationDto, SubmittedDeclarationDto } from './declaration.dto';

/** Limit for `id`, `source`, `type`, `dataschema` (CloudEvents only requires non-empty). */
export const MAX_ATTRIBUTE_LENGTH = 256;

/**
 * The CloudEvents 1.0 attributes every event must get right to be a CloudEvent at all.
 * A failure on one of these makes the record `NOT_CLOUDEVENT`.
 */
export class CloudEventAttributesDto {
  @IsExactly('1.0') specversion: string;
  @IsText(1, MAX_ATTRIBUTE_LENGTH) id: string;
  @IsText(1, MAX_ATTRIBUTE_LENGTH) source: string;
  @IsText(1, MAX_ATTRIBUTE_LENGTH) type: string;
  @Optional() @IsDateTime() time?: string;
  @Optional() @IsText(1, MAX_ATTRIBUTE_LENGTH) dataschema?: string;
}

/** Attributes whose errors classify a record as NOT_CLOUDEVENT rather than INVALID_DATA. */
export const CLOUDEVENT_CORE_ATTRIBUTES: ReadonlySet<string> = new Set(['specversion', 'id', 'source', 'type', 'time', 'dataschema']);

/**
 * What this contract adds for the four known types: `subject` is required and equals
 * `data.shipmentId` (docs/contract.md#the-envelope: `subject` equals `data.shipmentId`; requiring it lets brokers,
 * tracing and the DLQ identify the shipment without parsing `data`), the content type, if
 * given, is JSON, and `data` is present.
 */
abstract class KnownShipmentEventDto extends CloudEventAttributesDto {
  @IsShipmentId() @EqualsDataShipmentId() subject: string;
  @Optional() @IsJsonContentType() datacontenttype?: string;
}

export class CancellationDataDto implements CancellationData {
  @IsShipmentId() shipmentId: string;
  @IsText(1, 500) reason: string;
}

export class ArrivalDataDto implements ArrivalData {
  @IsShipmentId() shipmentId: string;
  @IsDateTime() arrivedAt: string;
  @IsUnLocode() entryLocation: string;
}

export class SubmittedEventDto extends KnownShipmentEventDto {
  @NestedObject(() => SubmittedDeclarationDto) data: SubmittedDeclarationDto;
}

export class AmendedEventDto extends KnownShipmentEventDto {
  @NestedObject(() => AmendedDeclarationDto) data: AmendedDeclarationDto;
}

export class CancelledEventDto extends KnownShipmentEventDto {
  @NestedObject(() => CancellationDataDto) data: CancellationDataDto;
}

export class ArrivedEventDto extends KnownShipmentEventDto {
  @NestedObject(() => ArrivalDataDto) data: ArrivalDataDto;
}
