/**
 * Raw Kafka record (value bytes + key) -> a validated, typed ShipmentEvent, or the list of
 * everything wrong with it. Never throws, whatever the bytes.
 *
 * The rules of the attributes and of `data` are the JSON Schema
 * libs/contract/schemas/shipment-events.schema.json (compiled once, ./event-schema); this
 * module adds what a schema does not say: the bytes (size, UTF-8, JSON), the shape limits
 * that protect the process and PostgreSQL (./structure-guard), the CloudEvents extension
 * attributes, and which error kind a record is.
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
import { SHIPMENT_EVENT_TYPES, type ShipmentEvent } from '../shipment-events';
import { EVENT_DEFINITIONS, explainEnvelope, isValidEnvelope } from './event-schema';
import { IssueCollector, type ValidationIssue, joinPath } from './issues';
import { isShipmentId } from './patterns';
import { addSchemaIssues, jsonKindOf } from './schema-issues';
import { checkStructure, isStorableText } from './structure-guard';

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

/** Limit for `id`, `source`, `type`, `dataschema` (CloudEvents only requires non-empty); the schema's EventId, EventSource, ... */
export const MAX_ATTRIBUTE_LENGTH = 256;

/** The CloudEvents attributes every event must get right to be a CloudEvent at all: a failure on one makes the record NOT_CLOUDEVENT. */
const CLOUDEVENT_CORE_ATTRIBUTES: ReadonlySet<string> = new Set(['specversion', 'id', 'source', 'type', 'time', 'dataschema']);
/** Attributes this contract reads; anything else at the top level is a CloudEvents extension. */
const CONTRACT_ATTRIBUTES: ReadonlySet<string> = new Set([...CLOUDEVENT_CORE_ATTRIBUTES, 'subject', 'datacontenttype', 'data']);
/** CloudEvents 1.0 §3.1.1: attribute names are lower-case ASCII letters and digits. */
const EXTENSION_NAME = /^[a-z0-9]+$/;

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
  //    not validated by the schema and are not part of the returned event.
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
  const knownDefinition = typeof type === 'string' ? EVENT_DEFINITIONS.get(type) : undefined;
  if (!knownDefinition) {
    // Only the CloudEvents attributes can be checked; subject and data mean nothing yet.
    delete envelope.subject;
    delete envelope.datacontenttype;
    delete envelope.data;
  }

  // 2. Shape first: hostile values (reserved keys, unstorable text, too deep, too long) are
  //    reported on their own; the schema is not asked about a record that has any.
  let structuralIssues = 0;
  for (const name of Object.keys(envelope)) {
    const found = checkStructure(envelope[name], name, issues, 1);
    if (found === 0) continue;
    structuralIssues += found;
    if (CLOUDEVENT_CORE_ATTRIBUTES.has(name)) notCloudEvent = true;
    else invalidData = true;
  }
  if (structuralIssues === 0) {
    // 3. The schema. Almost every record is valid: the first pass stops at the first error,
    //    and only a record that failed is validated again for every error and its messages.
    const definition = knownDefinition ?? 'CloudEventAttributes';
    try {
      if (!isValidEnvelope(envelope, definition)) {
        const attributes = addSchemaIssues(explainEnvelope(envelope, definition), envelope, definition, issues);
        for (const attribute of attributes) {
          if (CLOUDEVENT_CORE_ATTRIBUTES.has(attribute)) notCloudEvent = true;
          else invalidData = true;
        }
        if (attributes.size === 0) invalidData = true; // defence in depth: never valid when the schema said no
      }
    } catch (error) {
      // Defence in depth; the structure guard should make this unreachable.
      invalidData = true;
      issues.add('$', `could not be validated: ${error instanceof Error ? error.message.slice(0, 200) : 'unexpected error'}`);
    }
  }

  if (!knownDefinition && typeof type === 'string' && type.length > 0 && type.length <= MAX_ATTRIBUTE_LENGTH) {
    unknownType = true;
    issues.add('type', `"${type.slice(0, 100)}" is not a known event type; expected one of ${SHIPMENT_EVENT_TYPES.join(', ')}`);
  }

  if (!notCloudEvent && !unknownType && !invalidData && issues.count === 0) {
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
