/**
 * The 8 rules of the default ruleset (docs/contract.md#rules-1-9, rules 1-8) written for json-rules-engine, on the
 * same reference lists and watchlist as the project's compiled policy: conditions over facts
 * of the declaration, with custom operators where a rule looks inside the items.
 */
import { Engine, type RuleProperties } from 'json-rules-engine';
import { type Declaration, type Item, type Priority } from '@app/contract';
import {
  OUTCOME_SEVERITY,
  type ReferenceLists,
  type RuleOutcome,
  type WatchlistEntry,
  isWatchlistEntryActive,
  normaliseHsCode,
  normaliseName,
  samplingScore,
  utcDatePlusDays,
} from '@app/policy';

export interface JsonRulesOutcome {
  status: RuleOutcome;
  priority: Priority;
  coldChain: boolean;
  /** Ids of the rules with an outcome that fired, sorted. */
  fired: string[];
}

const anyHasPrefix = (codes: string[], prefixes: string[]) => codes.some((c) => prefixes.some((p) => c.startsWith(p)));

/** The facts of one declaration: the declaration's own fields, flattened for conditions. */
export function factsOf(d: Declaration): Record<string, unknown> {
  const parties = [d.parties.consignor, d.parties.consignee, ...(d.parties.declarant ? [d.parties.declarant] : [])];
  return {
    shipmentId: d.shipmentId,
    items: d.items,
    hsCodes: d.items.map((i) => i.hsCode),
    documentTypes: (d.documents ?? []).map((doc) => doc.type),
    consigneeType: d.parties.consignee.type ?? null,
    consigneeAeo: d.parties.consignee.aeo === true,
    channel: d.transport.channel,
    partyIds: parties.filter((p) => p.id !== undefined).map((p) => p.id!),
    partyNames: parties.map((p) => p.name),
    manufacturerNames: d.items.filter((i) => i.manufacturer?.name).map((i) => i.manufacturer!.name),
    originCountry: d.route.originCountry,
    // Rule 5 compares expiry dates with the arrival's UTC date.
    arrivalDate: utcDatePlusDays(d.route.estimatedArrival, 0),
  };
}

export function buildJsonRulesEngine(lists: ReferenceLists, watchlist: WatchlistEntry[], now: Date): Engine {
  const critical = lists['critical-hs-codes'].map(normaliseHsCode);
  const essential = lists['essential-hs-codes'].map(normaliseHsCode);
  const authorised = lists['authorized-manufacturers'].map(normaliseName);
  const active = watchlist.filter((e) => isWatchlistEntryActive(e, now));
  const watched = (kind: WatchlistEntry['kind'], norm: (v: string) => string) =>
    active.filter((e) => e.kind === kind).map((e) => norm(e.value.trim()));

  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addOperator<string[], string[]>('anyHasPrefix', (codes, prefixes) => anyHasPrefix(codes, prefixes));
  engine.addOperator<string[], string[]>('noneHasPrefix', (codes, prefixes) => !anyHasPrefix(codes, prefixes));
  engine.addOperator<string[], { lists: string[]; within: string[] }>('anyListedWithin', (codes, v) =>
    codes.some((c) => anyHasPrefix([c], v.lists) && anyHasPrefix([c], v.within)),
  );
  engine.addOperator<string[], string[]>('containsNone', (values, wanted) => !values.some((v) => wanted.includes(v)));
  engine.addOperator<Item[], number>('anyStoredAtMost', (items, maxC) =>
    items.some((i) => i.storageTemperature !== undefined && i.storageTemperature.maxC <= maxC),
  );
  engine.addOperator<Item[], string[]>('anyUnNumberIn', (items, un) =>
    items.some((i) => i.dangerousGoods !== undefined && un.includes(i.dangerousGoods.unNumber.toUpperCase())),
  );
  engine.addOperator<Item[], { prefixes: string[]; authorised: string[] }>('anyManufacturerUnverified', (items, v) =>
    items.some(
      (i) => anyHasPrefix([i.hsCode], v.prefixes) && (!i.manufacturer?.name || !v.authorised.includes(normaliseName(i.manufacturer.name))),
    ),
  );
  engine.addOperator<Item[], string | null>(
    'anyExpiresBefore',
    (items, date) => date !== null && items.some((i) => i.expiryDate !== undefined && i.expiryDate < date),
  );
  engine.addOperator<Item[], boolean>('anyPreferentialClaim', (items, claimed) =>
    items.some((i) => (i.preferentialOriginClaimed === true) === claimed),
  );
  engine.addOperator<string[], string[]>('anyNameIn', (names, list) => names.some((n) => list.includes(normaliseName(n))));
  engine.addOperator<string[], string[]>('anyIdIn', (ids, list) => ids.some((n) => list.includes(n.trim().toLowerCase())));
  engine.addFact('samplingScore', async (_params, almanac) => samplingScore(await almanac.factValue<string>('shipmentId')));

  const outcome = (id: string, o: RuleOutcome) => ({ type: 'outcome', params: { ruleId: id, outcome: o } });
  const rules: RuleProperties[] = [
    // 1. priority
    {
      name: 'classify-critical',
      conditions: { all: [{ fact: 'hsCodes', operator: 'anyHasPrefix', value: critical }] },
      event: { type: 'priority', params: { priority: 'CRITICAL' } },
    },
    {
      name: 'classify-essential',
      conditions: { all: [{ fact: 'hsCodes', operator: 'anyHasPrefix', value: essential }] },
      event: { type: 'priority', params: { priority: 'ESSENTIAL' } },
    },
    // 2. cold chain
    {
      name: 'cold-chain',
      conditions: {
        any: [
          { fact: 'items', operator: 'anyStoredAtMost', value: 8 },
          { fact: 'items', operator: 'anyUnNumberIn', value: ['UN1845'] },
        ],
      },
      event: { type: 'coldChain' },
    },
    // 3. regulatory authorisation
    {
      name: 'regulatory-authorisation',
      conditions: {
        all: [
          { fact: 'hsCodes', operator: 'anyListedWithin', value: { lists: [...critical, ...essential], within: ['3002', '3004'] } },
          {
            fact: 'documentTypes',
            operator: 'containsNone',
            value: ['IMPORT_AUTHORIZATION', 'EMERGENCY_USE_AUTHORIZATION', 'MARKETING_AUTHORIZATION'],
          },
        ],
      },
      event: outcome('regulatory-authorisation', 'DOCUMENT_CHECK'),
    },
    // 4. falsified-medicine indicators
    {
      name: 'falsified-medicine-indicators',
      conditions: {
        all: [
          { fact: 'hsCodes', operator: 'anyHasPrefix', value: critical },
          {
            any: [
              { fact: 'consigneeType', operator: 'in', value: ['PRIVATE_INDIVIDUAL'] },
              {
                all: [
                  { fact: 'channel', operator: 'in', value: ['POSTAL', 'EXPRESS'] },
                  { fact: 'consigneeType', operator: 'notIn', value: ['GOVERNMENT', 'INTERNATIONAL_ORGANIZATION', 'HEALTHCARE_PROVIDER'] },
                ],
              },
              { fact: 'items', operator: 'anyManufacturerUnverified', value: { prefixes: critical, authorised } },
            ],
          },
        ],
      },
      event: outcome('falsified-medicine-indicators', 'INSPECTION_REQUIRED'),
    },
    // 5. expiry before arrival
    {
      name: 'expiry-before-arrival',
      conditions: { all: [{ fact: 'items', operator: 'anyExpiresBefore', value: { fact: 'arrivalDate' } }] },
      event: outcome('expiry-before-arrival', 'HELD'),
    },
    // 6. watchlist
    {
      name: 'watchlist',
      conditions: {
        any: [
          { fact: 'partyIds', operator: 'anyIdIn', value: watched('PARTY', (v) => v.toLowerCase()) },
          { fact: 'partyNames', operator: 'anyNameIn', value: watched('PARTY', normaliseName) },
          { fact: 'manufacturerNames', operator: 'anyNameIn', value: watched('MANUFACTURER', normaliseName) },
          { fact: 'originCountry', operator: 'in', value: watched('ORIGIN_COUNTRY', (v) => v.toUpperCase()) },
        ],
      },
      event: outcome('watchlist', 'HELD'),
    },
    // 7. preferential origin proof
    {
      name: 'preferential-origin-proof',
      conditions: {
        all: [
          { fact: 'items', operator: 'anyPreferentialClaim', value: true },
          { fact: 'documentTypes', operator: 'containsNone', value: ['CERTIFICATE_OF_ORIGIN', 'E_CERTIFICATE_OF_ORIGIN'] },
        ],
      },
      event: outcome('preferential-origin-proof', 'DOCUMENT_CHECK'),
    },
    // 8. random sampling of STANDARD shipments
    {
      name: 'random-sampling',
      conditions: {
        all: [
          { fact: 'hsCodes', operator: 'noneHasPrefix', value: [...critical, ...essential] },
          { fact: 'consigneeAeo', operator: 'notEqual', value: true },
          { fact: 'samplingScore', operator: 'lessThan', value: 0.05 },
        ],
      },
      event: outcome('random-sampling', 'DOCUMENT_CHECK'),
    },
  ];
  for (const rule of rules) engine.addRule(rule);
  return engine;
}

/** Runs the engine on one declaration and folds its events into an outcome like the project's. */
export async function assessWithJsonRules(engine: Engine, declaration: Declaration): Promise<JsonRulesOutcome> {
  const { events } = await engine.run(factsOf(declaration));
  let severity = 0;
  let priority: Priority = 'STANDARD';
  let coldChain = false;
  const fired: string[] = [];
  for (const e of events) {
    if (e.type === 'priority') {
      if (e.params!.priority === 'CRITICAL' || priority === 'STANDARD') priority = e.params!.priority as Priority;
    } else if (e.type === 'coldChain') {
      coldChain = true;
    } else if (e.type === 'outcome') {
      fired.push(e.params!.ruleId as string);
      severity = Math.max(severity, OUTCOME_SEVERITY.indexOf(e.params!.outcome as RuleOutcome));
    }
  }
  return { status: OUTCOME_SEVERITY[severity], priority, coldChain, fired: fired.sort() };
}
