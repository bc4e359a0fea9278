/**
 * Pure format checks: the formats the event schema names (`date-time`, `date`), and the
 * schema's rules of shipment ids, countries and currencies for other callers (the admin API).
 */
import schema from '../../schemas/shipment-events.schema.json';

/** docs/contract.md#general-rules-for-every-value: `shipmentId` is 1-64 chars of `[A-Za-z0-9._:-]` (the schema's ShipmentId). */
export const SHIPMENT_ID_PATTERN = new RegExp(schema.definitions.ShipmentId.pattern, 'u');

/**
 * RFC 3339 `date-time` (section 5.6), with a mandatory offset. Deliberately the strict,
 * upper-case profile (`T`, `Z`) that `Date.parse` understands everywhere; lower-case `t`/`z`
 * and a space separator are rejected. Leap seconds (`:60`) are rejected too because
 * JavaScript dates cannot represent them.
 */
const RFC3339_PATTERN =
  /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([01][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9])(\.[0-9]{1,9})?(Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])$/;

/** ISO 8601 calendar date `YYYY-MM-DD`. */
const CALENDAR_DATE_PATTERN = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

/** The schema's lists (libs/contract/schemas/shipment-events.schema.json): assigned ISO 3166-1 alpha-2 and ISO 4217 codes. */
const COUNTRY_CODES: ReadonlySet<unknown> = new Set<unknown>(schema.definitions.CountryCode.enum);
const CURRENCY_CODES: ReadonlySet<unknown> = new Set<unknown>(schema.definitions.CurrencyCode.enum);

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isRealDate(year: string, month: string, day: string): boolean {
  const m = Number(month);
  const d = Number(day);
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(Number(year), m);
}

/** RFC 3339 date-time with offset, e.g. `2026-04-07T08:00:00Z` or `2026-04-07T15:00:00.5+07:00`; a real calendar date. */
export function isRfc3339DateTime(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = RFC3339_PATTERN.exec(value);
  return match !== null && isRealDate(match[1], match[2], match[3]) && Number.isFinite(Date.parse(value));
}

/** `YYYY-MM-DD`, and a date that exists (no 2027-02-30). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = CALENDAR_DATE_PATTERN.exec(value);
  return match !== null && isRealDate(match[1], match[2], match[3]);
}

/** An assigned ISO 3166-1 alpha-2 code, upper case. */
export function isCountryCode(value: unknown): value is string {
  return COUNTRY_CODES.has(value);
}

/** An ISO 4217 currency code, upper case. */
export function isCurrencyCode(value: unknown): value is string {
  return CURRENCY_CODES.has(value);
}

export function isShipmentId(value: unknown): value is string {
  return typeof value === 'string' && SHIPMENT_ID_PATTERN.test(value);
}
