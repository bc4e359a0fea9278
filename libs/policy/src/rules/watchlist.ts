import { type Reason } from '@app/contract/clearance-status';
import { type Party } from '@app/contract/declaration';
import { type RuleContext } from '../context';
import { type NameNormaliser } from '../normalise';
import { defineDecidingRuleKind } from '../rule-kind';
import { type ParamsOf, param } from '../rule-params';
import { WATCHLIST_KINDS, type WatchlistEntry } from '../types';

/** Rule 6: parties, manufacturers or origin countries on an active watchlist. */
const WATCHLIST_PARAMS = {
  /** Which watchlist kinds the rule checks (default all three). */
  kinds: param.enumArray(WATCHLIST_KINDS, { minItems: 1, default: WATCHLIST_KINDS }),
};
type WatchlistParams = ParamsOf<typeof WATCHLIST_PARAMS>;

/** The code of a watchlist match's reason (the admin API's re-screening looks for it). */
export const WATCHLIST_MATCH = 'WATCHLIST_MATCH';

interface ActiveEntry {
  entry: WatchlistEntry;
  /** Epoch ms after which the entry no longer applies; Infinity when it never expires. */
  expiresMs: number;
}

interface CompiledWatchlist {
  ruleId: string;
  /** PARTY entries by lower-cased id value. */
  partyIds: ReadonlyMap<string, ActiveEntry[]>;
  /** PARTY entries by normalised name. */
  partyNames: ReadonlyMap<string, ActiveEntry[]>;
  /** MANUFACTURER entries by normalised name. */
  manufacturers: ReadonlyMap<string, ActiveEntry[]>;
  /** ORIGIN_COUNTRY entries by upper-cased country code. */
  countries: ReadonlyMap<string, ActiveEntry[]>;
  empty: boolean;
}

function add(map: Map<string, ActiveEntry[]>, key: string, e: ActiveEntry): void {
  if (key.length === 0) return;
  const list = map.get(key);
  if (list === undefined) map.set(key, [e]);
  else list.push(e);
}

/** An unreadable expiresAt is treated as "never expires": intelligence fails safe. */
function watchlistExpiryMs(expiresAt: string | null | undefined): number {
  if (expiresAt === null || expiresAt === undefined) return Infinity;
  const ms = Date.parse(expiresAt);
  return Number.isNaN(ms) ? Infinity : ms;
}

export function isWatchlistEntryActive(entry: WatchlistEntry, now: Date): boolean {
  return watchlistExpiryMs(entry.expiresAt) > now.getTime();
}

function compileWatchlist(
  ruleId: string,
  p: WatchlistParams,
  entries: readonly WatchlistEntry[],
  names: NameNormaliser,
): CompiledWatchlist {
  const kinds = new Set(p.kinds);
  const partyIds = new Map<string, ActiveEntry[]>();
  const partyNames = new Map<string, ActiveEntry[]>();
  const manufacturers = new Map<string, ActiveEntry[]>();
  const countries = new Map<string, ActiveEntry[]>();
  for (const entry of entries) {
    if (!kinds.has(entry.kind)) continue;
    const e: ActiveEntry = { entry, expiresMs: watchlistExpiryMs(entry.expiresAt) };
    const value = entry.value.trim();
    if (entry.kind === 'PARTY') {
      add(partyIds, value.toLowerCase(), e);
      add(partyNames, names.normalise(value), e);
    } else if (entry.kind === 'MANUFACTURER') {
      add(manufacturers, names.normalise(value), e);
    } else if (entry.kind === 'ORIGIN_COUNTRY') {
      add(countries, value.toUpperCase(), e);
    }
  }
  return {
    ruleId,
    partyIds,
    partyNames,
    manufacturers,
    countries,
    empty: partyIds.size + partyNames.size + manufacturers.size + countries.size === 0,
  };
}

type Hits = Map<WatchlistEntry, string[]>;

function record(hits: Hits | null, list: ActiveEntry[], nowMs: number, what: string): Hits | null {
  for (let i = 0; i < list.length; i++) {
    const a = list[i];
    if (a.expiresMs <= nowMs) continue;
    hits ??= new Map();
    const whats = hits.get(a.entry);
    if (whats === undefined) hits.set(a.entry, [what]);
    else if (!whats.includes(what)) whats.push(what);
  }
  return hits;
}

function checkParty(hits: Hits | null, role: string, party: Party | undefined, ctx: RuleContext, c: CompiledWatchlist): Hits | null {
  if (party === undefined) return hits;
  if (party.id !== undefined && c.partyIds.size > 0) {
    const list = c.partyIds.get(party.id.toLowerCase());
    if (list !== undefined) hits = record(hits, list, ctx.nowMs, `${role} id '${party.id}'`);
  }
  if (c.partyNames.size > 0) {
    const list = c.partyNames.get(ctx.names.normalise(party.name));
    if (list !== undefined) hits = record(hits, list, ctx.nowMs, `${role} '${party.name}'`);
  }
  return hits;
}

function evaluateWatchlist(ctx: RuleContext, c: CompiledWatchlist): Reason[] | null {
  if (c.empty) return null;
  const d = ctx.declaration;
  let hits: Hits | null = null;
  if (c.partyIds.size > 0 || c.partyNames.size > 0) {
    hits = checkParty(hits, 'consignor', d.parties.consignor, ctx, c);
    hits = checkParty(hits, 'consignee', d.parties.consignee, ctx, c);
    hits = checkParty(hits, 'declarant', d.parties.declarant, ctx, c);
  }
  if (c.manufacturers.size > 0) {
    const items = d.items;
    for (let i = 0; i < items.length; i++) {
      const m = items[i].manufacturer;
      if (m === undefined || !m.name) continue;
      const list = c.manufacturers.get(ctx.names.normalise(m.name));
      if (list !== undefined) hits = record(hits, list, ctx.nowMs, `manufacturer '${m.name}' (line ${items[i].lineNo})`);
    }
  }
  if (c.countries.size > 0) {
    const origin = d.route.originCountry;
    const list = c.countries.get(origin.toUpperCase());
    if (list !== undefined) hits = record(hits, list, ctx.nowMs, `origin country ${origin}`);
  }
  if (hits === null) return null;
  const out: Reason[] = [];
  for (const [entry, whats] of hits) {
    const until = entry.expiresAt ? ` (active until ${entry.expiresAt})` : '';
    out.push({
      code: WATCHLIST_MATCH,
      ruleId: c.ruleId,
      message: `On the ${entry.kind} watchlist, entry ${entry.id} '${entry.value}'${until}: matched ${whats.join(', ')}. Reason: ${entry.reason}`,
    });
  }
  return out;
}

/** Internal by default: watchlists are intelligence. A match that decides the outcome is a hold that sticks. */
export const watchlistRuleKind = defineDecidingRuleKind({
  kind: 'WATCHLIST',
  defaultDisclosure: 'internal',
  params: WATCHLIST_PARAMS,
  compile: (ruleId, params, inputs) => compileWatchlist(ruleId, params, inputs.watchlist, inputs.names),
  evaluate: evaluateWatchlist,
});
