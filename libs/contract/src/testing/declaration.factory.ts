/**
 * Test data for the shipment-event contract, shared by unit, policy and integration tests.
 *
 * Every builder returns a fresh, valid object; by default a CRITICAL vaccine shipment that
 * the baseline policy pre-clears: Comirnaty-type vaccine (HS 3002.41) made by an authorised
 * manufacturer, consigned by air cargo to a GOVERNMENT consignee, kept at 2..8 C, with an
 * emergency use authorisation, arriving in Jakarta (IDCGK) on 2026-04-07T08:00:00Z.
 *
 * Overrides are merged deeply: nested objects are merged, arrays are replaced, and an
 * explicit `undefined` removes the field (`aDeclaration({ route: { loadingLocation: undefined } })`).
 * For deliberately invalid shapes, build a valid object and edit it, or cast.
 */
import { randomUUID } from 'node:crypto';
import {
  type ArrivalData,
  type CancellationData,
  type Declaration,
  type Item,
  type Party,
  type ShipmentEventOf,
  type ShipmentEventPayloads,
  type ShipmentEventType,
  type SupportingDocument,
} from '../index';

/** Deep partial where `undefined` means "remove". Arrays are replaced whole; optional objects are merged too. */
export type Overrides<T> = {
  [K in keyof T]?: NonNullable<T[K]> extends readonly unknown[]
    ? T[K] | undefined
    : NonNullable<T[K]> extends object
      ? Overrides<NonNullable<T[K]>> | undefined
      : T[K] | undefined;
};

export const DEFAULT_SHIPMENT_ID = 'SHP-ID-2026-000123';
export const DEFAULT_ESTIMATED_ARRIVAL = '2026-04-07T08:00:00Z';
export const DEFAULT_EVENT_TIME = '2026-04-06T20:00:00Z';
export const DEFAULT_EVENT_SOURCE = 'urn:border:ID:CGK:cargo-community';
export const AUTHORISED_MANUFACTURER = 'Pfizer Manufacturing Belgium NV';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep merge as described above; neither argument is modified. */
export function applyOverrides<T>(base: T, overrides?: Overrides<T> | Record<string, unknown>): T {
  if (!overrides) return base;
  const result: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete result[key];
    else if (isPlainObject(value) && isPlainObject(result[key])) result[key] = applyOverrides(result[key], value);
    else result[key] = value;
  }
  return result as T;
}

/** The default consignor: the authorised manufacturer, an AEO. */
export function aParty(overrides?: Overrides<Party>): Party {
  return applyOverrides<Party>(
    {
      id: 'BE0403053608',
      name: AUTHORISED_MANUFACTURER,
      country: 'BE',
      type: 'PHARMACEUTICAL_COMPANY',
      aeo: true,
    },
    overrides,
  );
}

/** The default consignee: the Indonesian Ministry of Health (GOVERNMENT, not an AEO). */
export function aGovernmentConsignee(overrides?: Overrides<Party>): Party {
  return applyOverrides<Party>(
    {
      id: 'ID-KEMENKES',
      name: 'Ministry of Health of the Republic of Indonesia',
      country: 'ID',
      type: 'GOVERNMENT',
      aeo: false,
    },
    overrides,
  );
}

/**
 * A consignee that is a private individual (not an AEO). Every Party field is set, so passed as
 * `aDeclaration({ parties: { consignee: aPrivateConsignee() } })` it replaces the default consignee whole.
 */
export function aPrivateConsignee(overrides?: Overrides<Party>): Party {
  return applyOverrides<Party>(
    { id: 'ID-NIK-3171012345670001', name: 'Jane Roe', country: 'ID', type: 'PRIVATE_INDIVIDUAL', aeo: false },
    overrides,
  );
}

/** A consignee that is a trading company (not an AEO); replaces the default consignee whole, like aPrivateConsignee. */
export function aCompanyConsignee(overrides?: Overrides<Party>): Party {
  return applyOverrides<Party>(
    { id: 'ID-NIB-8120001234567', name: 'PT Retail Nusantara', country: 'ID', type: 'COMPANY', aeo: false },
    overrides,
  );
}

/** A CRITICAL item: 4,800 vials of COVID-19 mRNA vaccine, 2..8 C, expiring 2027-01-31. */
export function anItem(overrides?: Overrides<Item>): Item {
  return applyOverrides<Item>(
    {
      lineNo: 1,
      hsCode: '300241',
      description: 'COVID-19 mRNA vaccine (nucleoside modified), 6-dose multidose vials',
      quantity: 4800,
      unit: 'VIAL',
      grossMassKg: 120.5,
      value: { amount: 96000, currency: 'EUR' },
      manufacturer: { name: AUTHORISED_MANUFACTURER, country: 'BE' },
      storageTemperature: { minC: 2, maxC: 8 },
      batchNumbers: ['FP8471', 'FP8472'],
      expiryDate: '2027-01-31',
      preferentialOriginClaimed: false,
    },
    overrides,
  );
}

/** A STANDARD (non-medical) item: 10 laptop computers (HS 8471.30), ambient, no expiry. */
export function aStandardItem(overrides?: Overrides<Item>): Item {
  return applyOverrides<Item>(
    {
      lineNo: 1,
      hsCode: '847130',
      description: 'Laptop computers',
      quantity: 10,
      unit: 'PCE',
      grossMassKg: 25,
      value: { amount: 8500, currency: 'EUR' },
      preferentialOriginClaimed: false,
    },
    overrides,
  );
}

/** An ESSENTIAL item: auto-disable syringes (HS 9018.31), ambient, no regulatory authorisation needed. */
export function aSyringeItem(overrides?: Overrides<Item>): Item {
  return applyOverrides<Item>(
    {
      lineNo: 1,
      hsCode: '901831',
      description: 'Auto-disable syringes, 0.3 ml, with needle',
      quantity: 50000,
      unit: 'PCE',
      grossMassKg: 310,
      value: { amount: 4500, currency: 'EUR' },
      manufacturer: { name: 'Becton Dickinson', country: 'US' },
      preferentialOriginClaimed: false,
    },
    overrides,
  );
}

/** An ESSENTIAL item: dry ice (HS 2811.21) declared as dangerous goods UN1845, no temperature, no expiry. */
export function aDryIceItem(overrides?: Overrides<Item>): Item {
  return applyOverrides<Item>(
    {
      lineNo: 1,
      hsCode: '281121',
      description: 'Carbon dioxide, solid (dry ice), refrigerant',
      quantity: 200,
      unit: 'KGM',
      grossMassKg: 200,
      dangerousGoods: { unNumber: 'UN1845' },
      preferentialOriginClaimed: false,
    },
    overrides,
  );
}

/** An emergency use authorisation issued by the Indonesian health regulator. */
export function aDocument(overrides?: Overrides<SupportingDocument>): SupportingDocument {
  return applyOverrides<SupportingDocument>(
    {
      type: 'EMERGENCY_USE_AUTHORIZATION',
      reference: 'EUA2345600121A1',
      issuer: 'Badan Pengawas Obat dan Makanan (BPOM)',
      issuingCountry: 'ID',
    },
    overrides,
  );
}

/** A valid CRITICAL vaccine declaration, amendment 0 (see the file comment). */
export function aDeclaration(overrides?: Overrides<Declaration>): Declaration {
  return applyOverrides<Declaration>(
    {
      shipmentId: DEFAULT_SHIPMENT_ID,
      amendment: 0,
      transport: {
        mode: 'AIR',
        channel: 'CARGO',
        carrierId: 'GA',
        conveyanceRef: 'GA9051',
        documentType: 'AWB',
        documentNumber: '126-12345675',
      },
      route: {
        originCountry: 'BE',
        loadingLocation: 'BEBRU',
        entryLocation: 'IDCGK',
        estimatedArrival: DEFAULT_ESTIMATED_ARRIVAL,
      },
      parties: {
        consignor: aParty(),
        consignee: aGovernmentConsignee(),
        declarant: {
          id: 'ID-PPJK-0001',
          name: 'PT Rantai Dingin Logistik Indonesia',
          country: 'ID',
          type: 'LOGISTICS_PROVIDER',
          aeo: true,
        },
      },
      items: [anItem()],
      documents: [aDocument()],
    },
    overrides,
  );
}

export function aCancellation(overrides?: Overrides<CancellationData>): CancellationData {
  return applyOverrides<CancellationData>(
    { shipmentId: DEFAULT_SHIPMENT_ID, reason: 'Flight cancelled; consignment rebooked under a new AWB' },
    overrides,
  );
}

export function anArrival(overrides?: Overrides<ArrivalData>): ArrivalData {
  return applyOverrides<ArrivalData>(
    { shipmentId: DEFAULT_SHIPMENT_ID, arrivedAt: '2026-04-07T07:42:00Z', entryLocation: 'IDCGK' },
    overrides,
  );
}

/** The default `data` of each event type. */
export function defaultDataFor<K extends ShipmentEventType>(type: K): ShipmentEventPayloads[K] {
  const data: { [T in ShipmentEventType]: () => ShipmentEventPayloads[T] } = {
    'customs.prearrival.submitted': () => aDeclaration(),
    'customs.prearrival.amended': () => aDeclaration({ amendment: 1 }),
    'customs.prearrival.cancelled': () => aCancellation(),
    'customs.shipment.arrived': () => anArrival(),
  };
  return data[type]();
}

/**
 * A valid CloudEvent of `type` carrying `data` (default: defaultDataFor(type)).
 * `subject` follows data.shipmentId; `id` is unique per call (`evt-<uuid>`).
 */
export function aShipmentEvent<K extends ShipmentEventType>(
  type: K,
  data?: ShipmentEventPayloads[K],
  overrides?: Overrides<ShipmentEventOf<K>> | Record<string, unknown>,
): ShipmentEventOf<K> {
  const payload = data ?? defaultDataFor(type);
  const event = {
    specversion: '1.0',
    id: `evt-${randomUUID()}`,
    source: DEFAULT_EVENT_SOURCE,
    type,
    time: DEFAULT_EVENT_TIME,
    subject: payload.shipmentId,
    datacontenttype: 'application/json',
    data: payload,
  } as ShipmentEventOf<K>;
  if (!overrides) return event;
  // `data` in overrides replaces the payload instead of being merged into it.
  const { data: dataOverride, ...rest } = overrides as Record<string, unknown>;
  const merged: Record<string, unknown> = applyOverrides<Record<string, unknown>>(
    { ...(event as unknown as Record<string, unknown>) },
    rest,
  );
  if ('data' in (overrides as object)) {
    if (dataOverride === undefined) delete merged.data;
    else merged.data = dataOverride;
  }
  return merged as unknown as ShipmentEventOf<K>;
}

/** The record value bytes of anything (valid or not), as a producer would send it. */
export function toRecordValue(event: unknown): Buffer {
  return Buffer.from(JSON.stringify(event), 'utf8');
}

/** The record key of an event: its shipmentId. */
export function toRecordKey(event: { data: { shipmentId: string } } | string): Buffer {
  return Buffer.from(typeof event === 'string' ? event : event.data.shipmentId, 'utf8');
}
