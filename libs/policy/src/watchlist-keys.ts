/**
 * The keys by which open shipments are found for a new watchlist entry (the GIN index on
 * `shipments.watchlist_keys`): a declaration's keys are stored with the shipment, an entry's
 * keys are looked up. Both sides are computed here from what the policy compares
 * (rules/watchlist.ts): party ids lower-cased, party and manufacturer names normalised, the
 * origin country as declared; each reduced to its ASCII part, so whatever the policy finds equal
 * has a key in common (and a few more pairs do: the caller checks each candidate with the policy).
 * Pure, no I/O.
 */
import type { Declaration, Party } from '@app/contract/declaration';
import { normaliseName } from './normalise';
import type { WatchlistKind } from './types';

const NON_ASCII = /[^\u0000-\u007f]/g;

const ascii = (text: string) => text.replace(NON_ASCII, '');
const partyIdKey = (id: string) => `party-id:${ascii(id.toLowerCase())}`;
const nameKey = (name: string) => `name:${ascii(name)}`;
const manufacturerKey = (name: string) => `manufacturer:${ascii(name)}`;
const originKey = (country: string) => `origin:${country}`;

/** The keys a watchlist entry is looked up by. */
export function watchlistMatchKeys(kind: WatchlistKind, value: string): string[] {
  const trimmed = value.trim();
  const name = normaliseName(trimmed);
  switch (kind) {
    case 'PARTY': {
      const keys: string[] = [];
      if (trimmed !== '') keys.push(partyIdKey(trimmed));
      if (name !== '') keys.push(nameKey(name));
      return keys;
    }
    case 'MANUFACTURER':
      return name === '' ? [] : [manufacturerKey(name)];
    case 'ORIGIN_COUNTRY':
      // Entries and declarations both hold validated upper-case ISO codes.
      return trimmed === '' ? [] : [originKey(trimmed.toUpperCase())];
  }
}

/** The keys a declaration offers to watchlist entries, each once (stored with the shipment). */
export function declarationWatchlistKeys(declaration: Declaration): string[] {
  const keys = new Set<string>();
  const addParty = (party: Party | undefined) => {
    if (party === undefined) return;
    if (party.id !== undefined) keys.add(partyIdKey(party.id));
    const name = normaliseName(party.name);
    if (name !== '') keys.add(nameKey(name));
  };
  addParty(declaration.parties.consignor);
  addParty(declaration.parties.consignee);
  addParty(declaration.parties.declarant);
  for (const item of declaration.items) {
    const name = item.manufacturer ? normaliseName(item.manufacturer.name) : '';
    if (name !== '') keys.add(manufacturerKey(name));
  }
  keys.add(originKey(declaration.route.originCountry));
  return [...keys];
}
