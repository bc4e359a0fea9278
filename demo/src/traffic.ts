/**
 * The simulated border systems: the bench's seeded load (vaccine campaigns, syringes and
 * cold-chain equipment, ordinary trade, amendments, arrivals, ~1% malformed records), drawn as a
 * stream for as long as the demo runs, with a few suspicious declarations added.
 */
import { type Declaration } from '@app/contract';
import { aPrivateConsignee } from '@app/contract/testing';
import { type CompiledPolicy } from '@app/policy';
import { type DeclarationClass, type GeneratedRecord, LoadStream, defaultPolicy, generateDeclaration } from '../../bench/src/generator';
import { type Random, chance, mulberry32, pick } from '@app/contract/testing/random';

export const FILING_KINDS = [
  'vaccine campaign',
  'syringes & cold chain',
  'ordinary trade',
  'suspicious',
  'amendment',
  'arrival',
  'malformed',
] as const;
export type FilingKind = (typeof FILING_KINDS)[number];

export const SUSPICIOUS_KINDS = ['private-express', 'unauthorised-manufacturer', 'expired', 'watchlisted-origin'] as const;
export type SuspiciousKind = (typeof SUSPICIOUS_KINDS)[number];

/** Share of filings that are one of the suspicious declarations below. */
export const SUSPICIOUS_SHARE = 0.01;
/** Declarations kept for later amendments and arrivals (bounds memory on long runs). */
const MAX_OPEN = 20_000;

export interface Filing {
  record: GeneratedRecord;
  kind: FilingKind;
  /** Set for suspicious filings. */
  suspicious?: SuspiciousKind;
  /** Status versions this record should produce under the default policy (0: an arrival of a shipment not yet pre-cleared...). */
  statusesExpected: number;
  /** True when the record must reach the dead-letter topic. */
  deadLetter: boolean;
}

export interface TrafficOptions {
  seed: number;
  /** Prefix of shipment and event ids: unique per run, so runs never collide in the database. */
  idPrefix: string;
  /** Origin countries on an active watchlist entry, if any. */
  watchlistedOrigins?: readonly string[];
}

/** A suspicious declaration of the given kind: an indicator the policy must catch. */
export function suspiciousDeclaration(
  random: Random,
  kind: SuspiciousKind,
  shipmentId: string,
  n: number,
  watchlistedOrigins: readonly string[],
): Declaration {
  if (kind === 'watchlisted-origin') {
    const base = generateDeclaration(random, 'STANDARD', shipmentId, n);
    const origin = pick(random, watchlistedOrigins);
    return {
      ...base,
      route: { ...base.route, originCountry: origin },
      parties: { ...base.parties, consignor: { ...base.parties.consignor, country: origin } },
    };
  }
  const base = generateDeclaration(random, 'CRITICAL', shipmentId, n);
  const [first, ...rest] = base.items;
  switch (kind) {
    case 'private-express':
      // Vaccines by express courier to a private person: a falsified-medicine indicator.
      return {
        ...base,
        transport: { ...base.transport, channel: 'EXPRESS' },
        parties: { ...base.parties, consignee: aPrivateConsignee() },
      };
    case 'unauthorised-manufacturer':
      return { ...base, items: [{ ...first, manufacturer: { name: 'Global Pharma Distribution FZE', country: 'AE' } }, ...rest] };
    default:
      // Expired a month before the estimated arrival.
      return { ...base, items: [{ ...first, expiryDate: '2026-03-07' }, ...rest] };
  }
}

const KIND_BY_CLASS: Record<DeclarationClass, FilingKind> = {
  CRITICAL: 'vaccine campaign',
  ESSENTIAL: 'syringes & cold chain',
  STANDARD: 'ordinary trade',
};

export class BorderTraffic {
  private readonly stream: LoadStream;
  /** Draws of the demo's own (suspicious) filings; the stream keeps the bench's sequence. */
  private readonly random: Random;
  private readonly suspiciousKinds: SuspiciousKind[];
  private readonly watchlistedOrigins: readonly string[];

  constructor(options: TrafficOptions, policy: CompiledPolicy = defaultPolicy()) {
    this.stream = new LoadStream({ seed: options.seed, idPrefix: options.idPrefix }, policy, MAX_OPEN);
    this.random = mulberry32(options.seed ^ 0x5eed);
    this.watchlistedOrigins = options.watchlistedOrigins ?? [];
    this.suspiciousKinds = SUSPICIOUS_KINDS.filter((k) => k !== 'watchlisted-origin' || this.watchlistedOrigins.length > 0);
  }

  /** Records expected on the dead-letter topic so far. */
  get expectedDeadLetters(): number {
    return this.stream.deadLetters;
  }

  /** Status events expected so far under the default policy. */
  get expectedStatuses(): number {
    return this.stream.expectedStatuses;
  }

  next(): Filing {
    const { stream } = this;
    const classesBefore = { ...stream.classes };
    const statusesBefore = stream.expectedStatuses;
    const deadLettersBefore = stream.deadLetters;
    if (chance(this.random, SUSPICIOUS_SHARE)) {
      const suspicious = pick(this.random, this.suspiciousKinds);
      const declaration = suspiciousDeclaration(this.random, suspicious, stream.nextShipmentId(), stream.count, this.watchlistedOrigins);
      const record = stream.submit(declaration, suspicious === 'watchlisted-origin' ? 'STANDARD' : 'CRITICAL');
      return { record, kind: 'suspicious', suspicious, statusesExpected: stream.expectedStatuses - statusesBefore, deadLetter: false };
    }
    const record = stream.next();
    return {
      record,
      kind: kindOf(record, classesBefore, stream.classes),
      statusesExpected: stream.expectedStatuses - statusesBefore,
      deadLetter: stream.deadLetters > deadLettersBefore,
    };
  }
}

function kindOf(record: GeneratedRecord, before: Record<DeclarationClass, number>, after: Record<DeclarationClass, number>): FilingKind {
  switch (record.kind) {
    case 'submitted': {
      const cls = (Object.keys(after) as DeclarationClass[]).find((c) => after[c] > before[c]) ?? 'STANDARD';
      return KIND_BY_CLASS[cls];
    }
    case 'amended':
      return 'amendment';
    case 'arrived':
    case 'arrived-unknown':
      return 'arrival';
    default:
      return 'malformed';
  }
}
