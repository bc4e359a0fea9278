/**
 * Seeded load generator: N shipment-event records by docs/contract.md with a realistic mix, and the
 * status every shipment must end with, computed by the pure policy and lifecycle.
 */
import { type ClearanceStatus, type Declaration, type Item, type Party, type Priority, type SupportingDocument } from '@app/contract';
import {
  aCompanyConsignee,
  aDeclaration,
  aDocument,
  aDryIceItem,
  aGovernmentConsignee,
  aPrivateConsignee,
  aShipmentEvent,
  aStandardItem,
  aSyringeItem,
  anArrival,
  anItem,
} from '@app/contract/testing';
import {
  type CompiledPolicy,
  DEFAULT_REFERENCE_LISTS,
  DEFAULT_RULESET_DOCUMENT,
  DEFAULT_RULESET_VERSION,
  type LifecycleDecision,
  type ShipmentState,
  compilePolicy,
  decide,
  decideRejection,
} from '@app/policy';
import { type Random, chance, mulberry32, pick } from '@app/contract/testing/random';

export type RecordKind =
  'submitted' | 'amended' | 'arrived' | 'arrived-unknown' | 'bad-not-json' | 'bad-invalid-field' | 'bad-unknown-type';
export type DeclarationClass = Priority;

export interface GeneratedRecord {
  key: string;
  value: string;
  /** The CloudEvent id, when the record has a readable one (the status causationId). */
  eventId: string | null;
  shipmentId: string;
  kind: RecordKind;
}

export interface ExpectedShipment {
  status: ClearanceStatus;
  /** Number of status versions the shipment must get (1..versions). */
  versions: number;
}

export interface GeneratedLoad {
  seed: number;
  records: GeneratedRecord[];
  expected: Map<string, ExpectedShipment>;
  /** Records that must reach the dead-letter topic. */
  expectedDeadLetters: number;
  /** Records by kind and declarations by class. */
  mix: { kinds: Record<RecordKind, number>; classes: Record<DeclarationClass, number> };
}

export interface LoadOptions {
  events: number;
  seed: number;
  /** Prefix of shipment and event ids (default BENCH). */
  idPrefix?: string;
}

/** Shares of the generated records (the rest are new declarations). */
export const MIX = {
  bad: 0.01,
  amended: 0.02,
  arrived: 0.05,
  /** Of arrivals: shipments never declared (DOCUMENT_CHECK, NO_PREARRIVAL_DECLARATION). */
  arrivedUnknown: 0.05,
  /** Of declarations. */
  critical: 0.05,
  essential: 0.15,
} as const;

/** The policy of a fresh database: ruleset version 1, the default lists, no watchlist. */
export function defaultPolicy(): CompiledPolicy {
  return compilePolicy({
    ruleset: { version: DEFAULT_RULESET_VERSION, document: DEFAULT_RULESET_DOCUMENT },
    lists: DEFAULT_REFERENCE_LISTS,
    watchlist: [],
  });
}

const VACCINE_CODES = ['300241', '300220', '300212', '300213', '300214', '300215'];
const AUTHORISED = DEFAULT_REFERENCE_LISTS['authorized-manufacturers'];
const STANDARD_GOODS: [string, string, string][] = [
  ['847130', 'Laptop computers', 'PCE'],
  ['851762', 'Network switches', 'PCE'],
  ['940360', 'Wooden office furniture', 'PCE'],
  ['620342', 'Cotton trousers', 'PCE'],
  ['870899', 'Motor vehicle parts', 'KGM'],
  ['392690', 'Plastic articles', 'KGM'],
  ['610910', 'Cotton T-shirts', 'PCE'],
  ['940540', 'Electric lamps', 'PCE'],
  ['090111', 'Coffee, not roasted', 'KGM'],
  ['640399', 'Leather footwear', 'PAR'],
];
const ORIGINS = ['CN', 'DE', 'US', 'JP', 'KR', 'IN', 'SG', 'MY', 'TH', 'VN', 'FR', 'NL'];
const AUTHORISATIONS: SupportingDocument['type'][] = ['EMERGENCY_USE_AUTHORIZATION', 'IMPORT_AUTHORIZATION', 'MARKETING_AUTHORIZATION'];

/** Party names repeat (as they do in real trade): a pool of 200 traders. */
export function traderName(n: number): string {
  return `PT Trading Nusantara ${n % 200}`;
}

function authorisation(random: Random, ref: number): SupportingDocument {
  return aDocument({ type: pick(random, AUTHORISATIONS), reference: `AUTH${String(ref).padStart(9, '0')}` });
}

function criticalDeclaration(random: Random, shipmentId: string, n: number): Declaration {
  const maker = pick(random, AUTHORISED);
  const items: Item[] = [
    anItem({
      hsCode: pick(random, VACCINE_CODES),
      manufacturer: { name: maker, country: 'BE' },
      quantity: 100 + Math.floor(random() * 9900),
    }),
  ];
  if (chance(random, 0.4)) items.push(aSyringeItem({ lineNo: 2 }));
  if (chance(random, 0.3)) items.push(aDryIceItem({ lineNo: items.length + 1 }));
  let consignee: Party = chance(random, 0.7)
    ? aGovernmentConsignee()
    : aGovernmentConsignee({ name: 'UNICEF Supply Division', type: 'INTERNATIONAL_ORGANIZATION', country: 'DK' });
  let channel: 'CARGO' | 'POSTAL' | 'EXPRESS' = 'CARGO';
  let documents: SupportingDocument[] = [authorisation(random, n)];
  // About one in ten shows an indicator of rules 3-5 (docs/contract.md#rules-1-9).
  if (chance(random, 0.1)) {
    switch (Math.floor(random() * 5)) {
      case 0:
        consignee = aPrivateConsignee();
        break;
      case 1:
        channel = 'POSTAL';
        consignee = aCompanyConsignee();
        break;
      case 2:
        items[0] = { ...items[0], manufacturer: { name: 'Unknown Pharma Ltd', country: 'CN' } };
        break;
      case 3:
        documents = [];
        break;
      default:
        items[0] = { ...items[0], expiryDate: '2026-03-15' };
    }
  }
  return aDeclaration({ shipmentId, items, documents, transport: { channel }, parties: { consignee } });
}

function essentialDeclaration(random: Random, shipmentId: string, n: number): Declaration {
  const items: Item[] = [];
  const lines = 1 + Math.floor(random() * 3);
  let needsAuthorisation = false;
  for (let line = 1; line <= lines; line++) {
    switch (Math.floor(random() * 6)) {
      case 0:
        items.push(aSyringeItem({ lineNo: line }));
        break;
      case 1:
        items.push(aSyringeItem({ lineNo: line, hsCode: '901832', description: 'Hypodermic needles' }));
        break;
      case 2:
        needsAuthorisation = true;
        items.push(
          anItem({
            lineNo: line,
            hsCode: '300490',
            description: 'Paracetamol 500 mg tablets',
            unit: 'PCE',
            storageTemperature: { minC: 15, maxC: 25 },
            manufacturer: { name: 'Kimia Farma', country: 'ID' },
            // One lot in twenty is already past its expiry date on arrival.
            expiryDate: chance(random, 0.05) ? '2026-02-28' : '2028-06-30',
          }),
        );
        break;
      case 3:
        items.push(aDryIceItem({ lineNo: line }));
        break;
      case 4:
        items.push(
          aStandardItem({ lineNo: line, hsCode: '841850', description: 'Vaccine refrigerators (ice-lined)', unit: 'PCE', grossMassKg: 80 }),
        );
        break;
      default:
        items.push(aStandardItem({ lineNo: line, hsCode: '382219', description: 'Diagnostic test kits', unit: 'PCE', grossMassKg: 12 }));
    }
  }
  if (chance(random, 0.3)) items.push(aStandardItem({ lineNo: items.length + 1 }));
  // Medicaments need an authorisation; one shipment in ten of them comes without.
  const documents = needsAuthorisation && chance(random, 0.9) ? [authorisation(random, n)] : [];
  const consignee = chance(random, 0.5)
    ? aGovernmentConsignee({ name: 'RSUP Dr. Cipto Mangunkusumo', type: 'HEALTHCARE_PROVIDER' })
    : aCompanyConsignee({ name: traderName(n), aeo: chance(random, 0.3) });
  return aDeclaration({ shipmentId, items, documents, parties: { consignee }, route: { originCountry: pick(random, ORIGINS) } });
}

function standardDeclaration(random: Random, shipmentId: string, n: number): Declaration {
  const items: Item[] = [];
  const lines = 1 + Math.floor(random() * 3);
  const preferential = chance(random, 0.1);
  for (let line = 1; line <= lines; line++) {
    const [hsCode, description, unit] = pick(random, STANDARD_GOODS);
    items.push(
      aStandardItem({
        lineNo: line,
        hsCode,
        description,
        unit,
        quantity: 1 + Math.floor(random() * 500),
        grossMassKg: 1 + Math.floor(random() * 2000),
        preferentialOriginClaimed: preferential && line === 1,
      }),
    );
  }
  // Proof of origin comes with most preferential claims.
  const documents: SupportingDocument[] =
    preferential && chance(random, 0.7)
      ? [aDocument({ type: 'CERTIFICATE_OF_ORIGIN', reference: `COO${n}`, issuer: 'Chamber of Commerce' })]
      : [];
  const origin = pick(random, ORIGINS);
  const channel = chance(random, 0.1) ? 'EXPRESS' : 'CARGO';
  return aDeclaration({
    shipmentId,
    items,
    documents,
    transport: { channel, mode: chance(random, 0.5) ? 'SEA' : 'AIR', documentType: 'AWB' },
    route: { originCountry: origin, loadingLocation: undefined },
    parties: {
      consignor: { id: `${origin}-EXP-${n % 97}`, name: `Export Co ${n % 97}`, country: origin, type: 'COMPANY', aeo: chance(random, 0.5) },
      consignee: aCompanyConsignee({ name: traderName(n), aeo: chance(random, 0.3) }),
    },
  });
}

/** A declaration of the given class, reproducible from the random stream. */
export function generateDeclaration(random: Random, cls: DeclarationClass, shipmentId: string, n: number): Declaration {
  if (cls === 'CRITICAL') return criticalDeclaration(random, shipmentId, n);
  if (cls === 'ESSENTIAL') return essentialDeclaration(random, shipmentId, n);
  return standardDeclaration(random, shipmentId, n);
}

export function drawClass(random: Random): DeclarationClass {
  const r = random();
  return r < MIX.critical ? 'CRITICAL' : r < MIX.critical + MIX.essential ? 'ESSENTIAL' : 'STANDARD';
}

interface OpenShipment {
  declaration: Declaration;
}

/** Tracks each shipment's state through the pure lifecycle, as the engine will. */
class Expectations {
  readonly states = new Map<string, ShipmentState>();
  readonly expected = new Map<string, ExpectedShipment>();
  /** Status versions expected in all (the sum of `versions`). */
  statuses = 0;
  private readonly now = new Date();

  constructor(private readonly policy: CompiledPolicy) {}

  apply(shipmentId: string, decision: LifecycleDecision): void {
    const state = this.states.get(shipmentId) ?? null;
    if (decision.kind === 'refused') return;
    if (decision.kind === 'unchanged') {
      if (state && decision.arrivedAt && !state.arrivedAt) this.states.set(shipmentId, { ...state, arrivedAt: decision.arrivedAt });
      return;
    }
    const version = (state?.version ?? 0) + 1;
    this.statuses++;
    this.states.set(shipmentId, {
      shipmentId,
      status: decision.status,
      priority: decision.priority,
      coldChain: decision.coldChain,
      version,
      amendment: decision.amendment,
      arrivedAt: decision.arrivedAt,
      hold: decision.hold,
      ownerSource: decision.ownerSource,
    });
    this.expected.set(shipmentId, { status: decision.status, versions: version });
  }

  valid(event: Parameters<typeof decide>[1]): void {
    const id = event.data.shipmentId;
    this.apply(id, decide(this.states.get(id) ?? null, event, this.policy, this.now));
  }

  rejected(shipmentId: string): void {
    this.apply(shipmentId, decideRejection(this.states.get(shipmentId) ?? null, [{ path: '$', message: 'invalid' }]));
  }
}

/**
 * The generator as a stream: one record per `next()`, in the same order and with the same
 * random draws as `generateLoad` (which is built on it). The demo draws from it for as long as
 * it runs, and files declarations of its own through `submit` so that they get arrivals and
 * expectations like the others.
 */
export class LoadStream {
  readonly seed: number;
  readonly random: Random;
  readonly kinds: Record<RecordKind, number> = {
    submitted: 0,
    amended: 0,
    arrived: 0,
    'arrived-unknown': 0,
    'bad-not-json': 0,
    'bad-invalid-field': 0,
    'bad-unknown-type': 0,
  };
  readonly classes: Record<DeclarationClass, number> = { CRITICAL: 0, ESSENTIAL: 0, STANDARD: 0 };
  /** Records that must reach the dead-letter topic so far. */
  deadLetters = 0;
  private readonly prefix: string;
  private readonly expectations: Expectations;
  private readonly open: OpenShipment[] = [];
  private shipments = 0;
  private index = 0;

  /**
   * `maxOpen` bounds the declarations kept for later amendments and arrivals (the oldest is
   * forgotten first); unbounded by default, as a finite load needs.
   */
  constructor(
    options: Omit<LoadOptions, 'events'>,
    policy: CompiledPolicy = defaultPolicy(),
    private readonly maxOpen = Infinity,
  ) {
    this.seed = options.seed;
    this.prefix = options.idPrefix ?? 'BENCH';
    this.random = mulberry32(options.seed);
    this.expectations = new Expectations(policy);
  }

  /** The status every shipment must end with, so far. */
  get expected(): Map<string, ExpectedShipment> {
    return this.expectations.expected;
  }

  /** Status events expected so far (every version of every shipment). */
  get expectedStatuses(): number {
    return this.expectations.statuses;
  }

  /** Records generated so far. */
  get count(): number {
    return this.index;
  }

  nextShipmentId(): string {
    return `SHP-${this.prefix}-${this.seed}-${String(this.shipments++).padStart(7, '0')}`;
  }

  private nextEventId(): string {
    return `evt-${this.prefix}-${this.seed}-${this.index++}`;
  }

  private counted(record: GeneratedRecord): GeneratedRecord {
    this.kinds[record.kind]++;
    return record;
  }

  /** Files a declaration built elsewhere (its shipmentId from `nextShipmentId()`) as a new submission. */
  submit(declaration: Declaration, cls: DeclarationClass): GeneratedRecord {
    return this.submitAs(this.nextEventId(), declaration, cls);
  }

  private submitAs(eventId: string, declaration: Declaration, cls: DeclarationClass): GeneratedRecord {
    this.classes[cls]++;
    this.open.push({ declaration });
    if (this.open.length > this.maxOpen) this.open.shift();
    const event = aShipmentEvent('customs.prearrival.submitted', declaration, { id: eventId });
    this.expectations.valid(event);
    const shipmentId = declaration.shipmentId;
    return this.counted({ key: shipmentId, value: JSON.stringify(event), eventId, shipmentId, kind: 'submitted' });
  }

  next(): GeneratedRecord {
    const { random, open, expectations } = this;
    const i = this.index;
    const eventId = this.nextEventId();
    const r = random();
    if (r < MIX.bad) {
      const shipmentId = this.nextShipmentId();
      const which = Math.floor(random() * 3);
      this.deadLetters++;
      expectations.rejected(shipmentId);
      if (which === 0) {
        // Cut off mid-way: not JSON. The shipmentId is read from the key; no event id.
        const whole = JSON.stringify(aShipmentEvent('customs.prearrival.submitted', aDeclaration({ shipmentId }), { id: eventId }));
        return this.counted({ key: shipmentId, value: whole.slice(0, 120), eventId: null, shipmentId, kind: 'bad-not-json' });
      } else if (which === 1) {
        const declaration = aDeclaration({ shipmentId, route: { originCountry: 'Belgium' }, items: [anItem({ hsCode: '30-AB' })] });
        const value = JSON.stringify(aShipmentEvent('customs.prearrival.submitted', declaration, { id: eventId }));
        return this.counted({ key: shipmentId, value, eventId, shipmentId, kind: 'bad-invalid-field' });
      } else {
        const value = JSON.stringify({
          ...aShipmentEvent('customs.prearrival.cancelled', { shipmentId, reason: 'withdrawn' }, { id: eventId }),
          type: 'customs.prearrival.withdrawn',
        });
        return this.counted({ key: shipmentId, value, eventId, shipmentId, kind: 'bad-unknown-type' });
      }
    }
    if (r < MIX.bad + MIX.amended && open.length > 0) {
      const target = open[Math.floor(random() * open.length)];
      const previous = target.declaration;
      // The amendment completes the filing: authorisations and proof of origin are added.
      const documents = [...(previous.documents ?? [])];
      if (chance(random, 0.5)) documents.push(aDocument({ type: 'MARKETING_AUTHORIZATION', reference: `MA${i}` }));
      if (chance(random, 0.5)) documents.push(aDocument({ type: 'CERTIFICATE_OF_ORIGIN', reference: `COO-A${i}` }));
      const declaration: Declaration = { ...previous, amendment: previous.amendment + 1, documents };
      target.declaration = declaration;
      const event = aShipmentEvent('customs.prearrival.amended', declaration, { id: eventId });
      expectations.valid(event);
      return this.counted({
        key: declaration.shipmentId,
        value: JSON.stringify(event),
        eventId,
        shipmentId: declaration.shipmentId,
        kind: 'amended',
      });
    }
    if (r < MIX.bad + MIX.amended + MIX.arrived && (open.length > 0 || chance(random, MIX.arrivedUnknown))) {
      let shipmentId: string;
      let kind: RecordKind;
      if (open.length === 0 || chance(random, MIX.arrivedUnknown)) {
        shipmentId = this.nextShipmentId();
        kind = 'arrived-unknown';
      } else {
        const index = Math.floor(random() * open.length);
        shipmentId = open[index].declaration.shipmentId;
        open[index] = open[open.length - 1];
        open.pop();
        kind = 'arrived';
      }
      const event = aShipmentEvent('customs.shipment.arrived', anArrival({ shipmentId }), { id: eventId });
      expectations.valid(event);
      return this.counted({ key: shipmentId, value: JSON.stringify(event), eventId, shipmentId, kind });
    }
    const cls = drawClass(random);
    const shipmentId = this.nextShipmentId();
    const declaration = generateDeclaration(random, cls, shipmentId, i);
    return this.submitAs(eventId, declaration, cls);
  }
}

export function generateLoad(options: LoadOptions, policy: CompiledPolicy = defaultPolicy()): GeneratedLoad {
  const stream = new LoadStream(options, policy);
  const records: GeneratedRecord[] = [];
  for (let i = 0; i < options.events; i++) records.push(stream.next());
  return {
    seed: options.seed,
    records,
    expected: stream.expected,
    expectedDeadLetters: stream.deadLetters,
    mix: { kinds: stream.kinds, classes: stream.classes },
  };
}

/** Expected number of status events of a load (every version of every shipment). */
export function expectedStatusCount(load: Pick<GeneratedLoad, 'expected'>): number {
  let n = 0;
  for (const e of load.expected.values()) n += e.versions;
  return n;
}

export interface BacklogLoad extends GeneratedLoad {
  /** CRITICAL declarations to file one by one behind the backlog (`records`). */
  probes: GeneratedRecord[];
}

/**
 * A standing backlog: `backlog` STANDARD declarations (the records), and `probes` CRITICAL
 * declarations to file behind them. Expectations cover both.
 */
export function generateBacklogLoad(
  options: { backlog: number; probes: number; seed: number },
  policy: CompiledPolicy = defaultPolicy(),
): BacklogLoad {
  const stream = new LoadStream({ seed: options.seed, idPrefix: 'BACKLOG' }, policy);
  const random = mulberry32(options.seed + 1);
  const file = (cls: DeclarationClass, n: number) => stream.submit(generateDeclaration(random, cls, stream.nextShipmentId(), n), cls);
  const records = Array.from({ length: options.backlog }, (_, i) => file('STANDARD', i));
  const probes = Array.from({ length: options.probes }, (_, i) => file('CRITICAL', options.backlog + i));
  return {
    seed: options.seed,
    records,
    probes,
    expected: stream.expected,
    expectedDeadLetters: 0,
    mix: { kinds: stream.kinds, classes: stream.classes },
  };
}
