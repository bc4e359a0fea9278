/**
 * Raw Kafka record (value bytes + key) -> a validated, typed ShipmentEvent, or the list of
 * everything wrong with it. Never throws, whatever the bytes.
 *
 * Error kinds, most fundamental first (the first that applies is reported, but the issues
 * of the later stages are still listed when they could be checked):
 *  - NOT_JSON:       tombstone (null value), invalid UTF-8, or not JSON.
 *  - TOO_LARGE:      value over MAX_EVENT_BYTES; not even parsed.
 *  - NOT_CLOUDEVENT: not a CloudEvents 1.0 structured-mode JSON object: specversion, id,
 *                    source, type, time, dataschema broken, or a malformed extension attribute.
 *  - UNKNOWN_TYPE:   a well-formed CloudEvent whose `type` is not one of SHIPMENT_EVENT_TYPES.
 *  - INVALID_DATA:   a known type breaking this contract: subject, datacontenttype, data.
 */
import { type ValidationError, type ValidatorOptions, validateSync } from 'class-validator';
import { SHIPMENT_EVENT_TYPES, type ShipmentEvent, type ShipmentEventType } from '../shipment-events';
import { IssueCollector, type ValidationIssue, flattenValidationErrors, joinPath } from './issues';
import { isShipmentId } from './patterns';
import {
  AmendedEventDto,
  ArrivalDataDto,
  ArrivedEventDto,
  CLOUDEVENT_CORE_ATTRIBUTES,
  CancellationDataDto,
  CancelledEventDto,
  CloudEventAttributesDto,
  MAX_ATTRIBUTE_LENGTH,
  SubmittedEventDto,
} from './shipment-event.dto';
import { checkStructure, isStorableText } from './structure-guard';
import { jsonKindOf } from './decorators';
import {
  AmendedDeclarationDto,
  DangerousGoodsDto,
  ItemDto,
  ManufacturerDto,
  MoneyDto,
  PartiesDto,
  PartyDto,
  RouteDto,
  SubmittedDeclarationDto,
  SupportingDocumentDto,
  TemperatureRangeDto,
  TransportDto,
} from './declaration.dto';
import { cacheValidationMetadata } from './metadata-cache';
import { applyTransforms, dehydrate, setPrototypes } from './hydrate';
import { validityCheck } from './validity-check';

export type ParseErrorKind = 'NOT_JSON' | 'TOO_LARGE' | 'NOT_CLOUDEVENT' | 'UNKNOWN_TYPE' | 'INVALID_DATA';

export type ParsedShipmentEvent =
  | { ok: true; event: ShipmentEvent }
  | {
      ok: false;
      issues: ValidationIssue[];
      errorKind: ParseErrorKind;
      /** Best effort, for the REJECTED status: data.shipmentId, else subject, else the record key. */
      shipmentId: string | null;
      eventId: string | null;
      eventType: string | null;
    };

/** docs/contract.md#general-rules-for-every-value: a whole event over 256 KiB is invalid. Measured on the record value bytes. */
export const MAX_EVENT_BYTES = 256 * 1024;

const EVENT_DTOS = new Map<string, new () => object>([
  ['customs.prearrival.submitted', SubmittedEventDto],
  ['customs.prearrival.amended', AmendedEventDto],
  ['customs.prearrival.cancelled', CancelledEventDto],
  ['customs.shipment.arrived', ArrivedEventDto],
] satisfies [ShipmentEventType, new () => object][]);

cacheValidationMetadata([
  CloudEventAttributesDto,
  ...EVENT_DTOS.values(),
  SubmittedDeclarationDto,
  AmendedDeclarationDto,
  CancellationDataDto,
  ArrivalDataDto,
  TransportDto,
  RouteDto,
  PartiesDto,
  PartyDto,
  ItemDto,
  MoneyDto,
  ManufacturerDto,
  TemperatureRangeDto,
  DangerousGoodsDto,
  SupportingDocumentDto,
]);

/** Attributes this contract reads; anything else at the top level is a CloudEvents extension. */
const CONTRACT_ATTRIBUTES = new Set([...CLOUDEVENT_CORE_ATTRIBUTES, 'subject', 'datacontenttype', 'data']);
/** CloudEvents 1.0 §3.1.1: attribute names are lower-case ASCII letters and digits. */
const EXTENSION_NAME = /^[a-z0-9]+$/;

/**
 * Fast, strict options. `forbidNonWhitelisted` rejects unknown properties inside `data`
 * (the envelope only ever receives known attributes, see below); `stopAtFirstError` gives
 * one message per field and skips further rules once a field failed; no target/value
 * copies in errors. No groups, no async.
 */
const VALIDATOR_OPTIONS: ValidatorOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  stopAtFirstError: true,
  validationError: { target: false, value: false },
};

/** `validateSync(instance, VALIDATOR_OPTIONS).length === 0` without an error tree; `false` may also mean "not sure". */
const isValidInstance = validityCheck(VALIDATOR_OPTIONS);

/** No implicit conversion: "5" stays a string and fails a number rule. */
const TRANSFORM_OPTIONS = { enableImplicitConversion: false, exposeDefaultValues: false } as const;

const utf8 = new TextDecoder('utf-8', { fatal: true });

type Failure = Extract<ParsedShipmentEvent, { ok: false }>;

/**
 * Validates one record value of `customs.shipment-events.v1`.
 * @param value the record value (null for a tombstone)
 * @param key   the record key; used only to name the shipment of an unreadable record
 */
export function parseShipmentEvent(value: Buffer | null, key?: Buffer | null): ParsedShipmentEvent {
  const keyShipmentId = shipmentIdFromKey(key);
  const fail = (errorKind: ParseErrorKind, path: string, message: string): Failure => ({
    ok: false,
    errorKind,
    issues: [{ path, message }],
    shipmentId: keyShipmentId,
    eventId: null,
    eventType: null,
  });

  if (value === null || value === undefined) {
    return fail('NOT_JSON', '$', 'record value is null (a tombstone); expected a CloudEvent JSON object');
  }
  if (!(value instanceof Uint8Array)) {
    return fail('NOT_JSON', '$', 'record value is not a byte buffer');
  }
  if (value.byteLength > MAX_EVENT_BYTES) {
    return fail('TOO_LARGE', '$', `record value is ${value.byteLength} bytes; the limit is ${MAX_EVENT_BYTES} bytes (256 KiB)`);
  }

  let text: string;
  try {
    text = utf8.decode(value);
  } catch {
    return fail('NOT_JSON', '$', 'record value is not valid UTF-8');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.slice(0, 200) : 'parse error';
    return fail('NOT_JSON', '$', `record value is not valid JSON: ${reason}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    const kind = jsonKindOf(parsed);
    const got = kind === 'null' ? 'null' : kind === 'array' ? 'an array' : `a ${kind}`;
    return fail('NOT_CLOUDEVENT', '$', `must be a JSON object (a CloudEvent), got ${got}`);
  }

  return validateRecord(parsed as Record<string, unknown>, keyShipmentId);
}

function validateRecord(record: Record<string, unknown>, keyShipmentId: string | null): ParsedShipmentEvent {
  const issues = new IssueCollector();
  let notCloudEvent = false;
  let invalidData = false;
  let unknownType = false;

  // 1. Split the known attributes from extensions. Extensions are allowed (CloudEvents is
  //    designed to be extended: tracing, partitioning, ...) but must be well-formed; they are
  //    never hydrated into the DTOs and are not part of the returned event.
  const envelope: Record<string, unknown> = {};
  for (const name of Object.keys(record)) {
    const attribute = record[name];
    if (CONTRACT_ATTRIBUTES.has(name)) {
      envelope[name] = attribute;
    } else if (name === 'data_base64') {
      invalidData = true;
      issues.add(name, 'binary data is not accepted; send the Declaration as a JSON object in "data"');
    } else if (!EXTENSION_NAME.test(name)) {
      notCloudEvent = true;
      issues.add(joinPath('', name), 'is not a valid CloudEvents attribute name (lower-case letters and digits only)');
    } else if (typeof attribute === 'object' && attribute !== null) {
      notCloudEvent = true;
      issues.add(name, 'is an extension attribute and must be a string, number or boolean');
    }
  }

  const type = envelope.type;
  const knownDto = typeof type === 'string' ? EVENT_DTOS.get(type) : undefined;
  if (!knownDto) {
    // Only the CloudEvents attributes can be checked; subject and data mean nothing yet.
    delete envelope.subject;
    delete envelope.datacontenttype;
    delete envelope.data;
  }

  // 2. Structure first: hostile shapes are reported without being transformed.
  let structuralIssues = 0;
  for (const name of Object.keys(envelope)) {
    const found = checkStructure(envelope[name], name, issues, 1);
    if (found === 0) continue;
    structuralIssues += found;
    if (CLOUDEVENT_CORE_ATTRIBUTES.has(name)) notCloudEvent = true;
    else invalidData = true;
  }
  const hydrated: object[] = [];
  if (structuralIssues === 0) {
    // 3. The DTO rules (a structurally hostile record is not transformed; its structural
    //    issues are all that is reported).
    try {
      // plainToInstance in place (./hydrate). Almost every record is valid, and for those
      // the prototypes and class-validator's error tree are all waste: a valid verdict of
      // the pre-check is final, anything else is decided by validateSync.
      const dto = knownDto ?? CloudEventAttributesDto;
      applyTransforms(envelope, dto, TRANSFORM_OPTIONS);
      let errors: ValidationError[] = [];
      if (!isValidInstance(envelope, dto)) {
        setPrototypes(envelope, dto, hydrated);
        errors = validateSync(envelope, VALIDATOR_OPTIONS);
      }
      for (const error of errors) {
        if (CLOUDEVENT_CORE_ATTRIBUTES.has(error.property)) notCloudEvent = true;
        else invalidData = true;
      }
      flattenValidationErrors(errors, '', issues);
    } catch (error) {
      // Defence in depth; the structure guard should make this unreachable.
      invalidData = true;
      issues.add('$', `could not be validated: ${error instanceof Error ? error.message.slice(0, 200) : 'unexpected error'}`);
    }
  }

  if (!knownDto && typeof type === 'string' && type.length > 0 && type.length <= MAX_ATTRIBUTE_LENGTH) {
    unknownType = true;
    issues.add('type', `"${type.slice(0, 100)}" is not a known event type; expected one of ${SHIPMENT_EVENT_TYPES.join(', ')}`);
  }

  if (!notCloudEvent && !unknownType && !invalidData && issues.count === 0) {
    dehydrate(hydrated);
    return { ok: true, event: toEvent(envelope) };
  }
  return {
    ok: false,
    errorKind: notCloudEvent ? 'NOT_CLOUDEVENT' : unknownType ? 'UNKNOWN_TYPE' : 'INVALID_DATA',
    issues: issues.result(),
    shipmentId: bestShipmentId(record, keyShipmentId),
    eventId: boundedString(record.id),
    eventType: boundedString(record.type),
  };
}

/**
 * The validated event as a plain object: the parsed JSON itself (data has been checked to
 * hold only known properties, and no nulls), without extension attributes or dataschema.
 */
function toEvent(envelope: Record<string, unknown>): ShipmentEvent {
  const event: Record<string, unknown> = {
    specversion: envelope.specversion,
    id: envelope.id,
    source: envelope.source,
    type: envelope.type,
  };
  if (envelope.time !== undefined) event.time = envelope.time;
  event.subject = envelope.subject;
  if (envelope.datacontenttype !== undefined) event.datacontenttype = envelope.datacontenttype;
  event.data = envelope.data;
  return event as unknown as ShipmentEvent;
}

/** An attribute of a failed record worth keeping (it is stored): bounded and storable. */
function boundedString(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_ATTRIBUTE_LENGTH && isStorableText(value) ? value : null;
}

/** The shipment a record is about: `data.shipmentId`, else `subject`, else the key (each only if it is a valid shipmentId). */
export function bestShipmentId(record: Record<string, unknown>, keyShipmentId: string | null): string | null {
  const data = record.data;
  if (typeof data === 'object' && data !== null && !Array.isArray(data)) {
    const fromData = (data as Record<string, unknown>).shipmentId;
    if (isShipmentId(fromData)) return fromData;
  }
  if (isShipmentId(record.subject)) return record.subject;
  return keyShipmentId;
}

export function shipmentIdFromKey(key: Buffer | null | undefined): string | null {
  if (!key || key.byteLength === 0 || key.byteLength > 64) return null;
  const text = key.toString('utf8');
  return isShipmentId(text) ? text : null;
}
