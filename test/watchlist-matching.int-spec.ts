import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { type Declaration } from '@app/contract';
import { aDeclaration, anItem, chance, mulberry32, pick, type Random } from '@app/contract/testing';
import { ShipmentStateRepository, WatchlistCandidatesRepository } from '@app/persistence';
import {
  compilePolicy,
  DEFAULT_REFERENCE_LISTS,
  DEFAULT_RULESET_DOCUMENT,
  DEFAULT_RULESET_VERSION,
  type WatchlistEntry,
  type WatchlistKind,
  watchlistMatchKeys,
} from '@app/policy';
import { integrationEnvironment } from './support/test-system';

/**
 * The re-screening of a new watchlist entry finds open shipments in SQL (shipments.watchlist_keys,
 * written with each row, and its index). Here, on the real database, against the policy's own matching
 * (libs/policy rules/watchlist.ts): the SQL must find every shipment the policy matches, and no
 * other unless a name or id it compared has characters outside ASCII (which the policy, run on
 * every candidate, then rules out).
 */

const NON_ASCII = /[^\u0000-\u007f]/;
const NOW = new Date('2026-04-07T06:00:00Z');

/** Names that normalise alike in many ways, and characters whose case and class differ between JavaScript and PostgreSQL. */
const BASES = [
  'Acme Pharma Trading Ltd',
  'BioNTech Manufacturing GmbH',
  'Sinovac Life Sciences',
  'PT Kimia Farma',
  'Müller & Söhne KG',
  'İstanbul İlaç A.Ş.',
  'Σίσυφος ΑΕ',
  '国药集团',
  'Ｆｕｌｌｗｉｄｔｈ Co',
  'Kelvin K Labs',
];
const ODD = [
  '\u0130',
  '\u0131',
  '\u212A',
  '\u017F',
  '\uFB01',
  '\u00DF',
  '\u1E9E',
  '\u2126',
  '\u212B',
  '\u00B2',
  '\u00BD',
  '\u0663',
  '\u2460',
  '\u0301',
  '\u00A0',
  '\u200B',
  '\u2013',
  '\u2019',
  '\u{1F642}',
  '\u01C5',
  '\uFF21',
  '\u13A0',
  '\u0345',
];
const PUNCTUATION = [' ', '.', ',', '-', '&', '/', "'", '  '];
/** Characters JavaScript lower-cases to an ASCII letter: a name spelt with them is the same name to the policy. */
const LOOKALIKES: Record<string, string> = { k: '\u212A', K: '\u212A', i: '\u0130', I: '\u0130' };

function variant(random: Random, base: string): string {
  let out = '';
  for (const char of base) {
    if (chance(random, 0.05)) out += pick(random, ODD);
    if (chance(random, 0.05)) out += pick(random, PUNCTUATION);
    if (chance(random, 0.03)) continue;
    if (LOOKALIKES[char] !== undefined && chance(random, 0.3)) {
      out += LOOKALIKES[char];
      continue;
    }
    out += chance(random, 0.3) ? (chance(random, 0.5) ? char.toUpperCase() : char.toLowerCase()) : char;
  }
  return chance(random, 0.1) ? `${out}${pick(random, ODD)}` : out;
}

function aName(random: Random): string {
  return chance(random, 0.2)
    ? Array.from({ length: 1 + Math.floor(random() * 6) }, () => pick(random, [...ODD, ...PUNCTUATION, 'a', 'B', '7'])).join('')
    : variant(random, pick(random, BASES));
}

const anId = (random: Random) => variant(random, pick(random, ['BE0403053608', 'ID-KEMENKES', 'abc-123', 'İD-77', 'ıd-77', 'K-9']));

function aScreenedDeclaration(random: Random, shipmentId: string): Declaration {
  const party = () => ({ name: aName(random), country: 'ID', ...(chance(random, 0.6) ? { id: anId(random) } : {}) });
  return aDeclaration({
    shipmentId,
    route: { originCountry: pick(random, ['BE', 'CN', 'IN', 'ID']) },
    parties: { consignor: party(), consignee: party(), declarant: chance(random, 0.5) ? party() : undefined },
    items: Array.from({ length: 1 + Math.floor(random() * 3) }, (_, i) =>
      anItem({ lineNo: i + 1, manufacturer: chance(random, 0.8) ? { name: aName(random), country: 'BE' } : undefined }),
    ),
  });
}

/** Every string of a declaration the watchlist rule compares for an entry of this kind. */
function comparedStrings(d: Declaration, kind: WatchlistKind): string[] {
  const parties = [d.parties.consignor, d.parties.consignee, d.parties.declarant].filter((p) => p !== undefined);
  if (kind === 'PARTY') return parties.flatMap((p) => [p.name, ...(p.id === undefined ? [] : [p.id])]);
  if (kind === 'MANUFACTURER') return d.items.flatMap((i) => (i.manufacturer ? [i.manufacturer.name] : []));
  return [d.route.originCountry];
}

describe('watchlist matching: SQL (shipments.watchlist_keys) against the policy, on the real database', () => {
  let db: DataSource;

  beforeAll(async () => {
    db = new DataSource({ type: 'postgres', url: integrationEnvironment().DATABASE_URL });
    await db.initialize();
  });

  afterAll(async () => {
    await db?.destroy();
  });

  /** Runs `work` in a transaction that is rolled back: the shared run database keeps nothing of it. */
  async function rolledBack(work: (tx: EntityManager) => Promise<void>): Promise<void> {
    const runner = db.createQueryRunner();
    await runner.startTransaction();
    try {
      await work(runner.manager);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  }

  it('given random declarations and entries, when the SQL finds candidates, then it finds every shipment the policy matches, and others only for non-ASCII names', async () => {
    const random = mulberry32(42);
    const prefix = `SHP-WLDIFF-${randomBytes(3).toString('hex')}`;
    const declarations = new Map(
      Array.from({ length: 400 }, (_, i) => [`${prefix}-${String(i).padStart(3, '0')}`, undefined as unknown as Declaration]),
    );
    for (const id of declarations.keys()) declarations.set(id, aScreenedDeclaration(random, id));
    const entries: WatchlistEntry[] = [];
    for (let i = 0; i < 120; i++) {
      const kind = pick(random, ['PARTY', 'PARTY', 'MANUFACTURER', 'ORIGIN_COUNTRY'] as const);
      const value =
        kind === 'ORIGIN_COUNTRY'
          ? pick(random, ['BE', 'CN', 'IN', 'ID', 'AQ'])
          : kind === 'PARTY' && chance(random, 0.3)
            ? anId(random)
            : aName(random);
      entries.push({ id: randomUUID(), kind, value, reason: 'differential test', expiresAt: null });
    }
    const candidates = new WatchlistCandidatesRepository();
    let matched = 0;

    await rolledBack(async (tx) => {
      // Written by the shipments' one writer, which stores each declaration's keys with it.
      await new ShipmentStateRepository().saveMany(
        tx,
        [...declarations].map(([shipmentId, declaration]) => ({
          shipmentId,
          status: 'PRE_CLEARED',
          priority: 'CRITICAL',
          coldChain: true,
          version: 1,
          amendment: 0,
          declaration,
          rulesetVersion: 1,
          arrivedAt: null,
          submittedAt: NOW,
          releasedAt: null,
          hold: null,
          ownerSource: null,
          createdAt: NOW,
          updatedAt: NOW,
        })),
      );
      for (const entry of entries) {
        const policy = compilePolicy({
          ruleset: { version: DEFAULT_RULESET_VERSION, document: DEFAULT_RULESET_DOCUMENT },
          lists: DEFAULT_REFERENCE_LISTS,
          watchlist: [entry],
        });
        const matchedByPolicy = [...declarations]
          .filter(([, d]) => policy.assess(d, NOW).reasons.some((r) => r.code === 'WATCHLIST_MATCH'))
          .map(([id]) => id);
        // Page by page, as the re-screening does, with a small page to cross many page boundaries.
        const found: string[] = [];
        let after: string | null = null;
        for (;;) {
          const page = await candidates.findOpen(tx, watchlistMatchKeys(entry.kind, entry.value), after, 7);
          found.push(...page);
          if (page.length < 7) break;
          after = page[page.length - 1];
        }
        const foundHere = found.filter((id) => id.startsWith(prefix));
        expect({ entry, missed: matchedByPolicy.filter((id) => !foundHere.includes(id)) }).toEqual({ entry, missed: [] });
        const extra = foundHere.filter((id) => !matchedByPolicy.includes(id));
        const extraWithOnlyAscii = extra.filter(
          (id) => !comparedStrings(declarations.get(id)!, entry.kind).some((s) => NON_ASCII.test(s)) && !NON_ASCII.test(entry.value),
        );
        expect({ entry, extraWithOnlyAscii }).toEqual({ entry, extraWithOnlyAscii: [] });
        matched += matchedByPolicy.length;
      }
    });
    // The comparison is only worth something if the policy matched often.
    expect(matched).toBeGreaterThan(200);
  });
});
