import { aDeclaration, anItem, aParty } from '@app/contract/testing';
import { declarationWatchlistKeys, watchlistMatchKeys } from './watchlist-keys';

describe('watchlistMatchKeys: the index keys a watchlist entry is looked up by', () => {
  it('given a party, then its id as the policy compares it (trimmed, lower case) and its normalised name, each reduced to ASCII', () => {
    expect(watchlistMatchKeys('PARTY', '  Acme Pharma N.V. ')).toEqual(['party-id:acme pharma n.v.', 'name:acmepharmanv']);
    expect(watchlistMatchKeys('PARTY', 'ID-KEMENKES')).toEqual(['party-id:id-kemenkes', 'name:idkemenkes']);
    // İ lower-cases to i + a combining dot, which is not ASCII; ß and 国 are dropped from the keys alone.
    expect(watchlistMatchKeys('PARTY', 'İlaç Straße')).toEqual(['party-id:ila strae', 'name:ilastrae']);
    expect(watchlistMatchKeys('PARTY', '国药集团')).toEqual(['party-id:', 'name:']);
  });

  it('given a name the policy normalises to nothing, then no name key (the policy matches no name with it)', () => {
    expect(watchlistMatchKeys('PARTY', '...')).toEqual(['party-id:...']);
    expect(watchlistMatchKeys('MANUFACTURER', '--')).toEqual([]);
  });

  it('given a manufacturer or an origin country, then their one key', () => {
    expect(watchlistMatchKeys('MANUFACTURER', 'BioNTech Manufacturing GmbH')).toEqual(['manufacturer:biontechmanufacturinggmbh']);
    expect(watchlistMatchKeys('ORIGIN_COUNTRY', 'BE')).toEqual(['origin:BE']);
  });
});

describe('declarationWatchlistKeys: the keys stored with a shipment', () => {
  const declaration = aDeclaration({
    parties: {
      consignor: aParty({ id: 'BE-0403.053.608', name: 'Pfizer Manufacturing Belgium N.V.' }),
      consignee: aParty({ id: 'ID-KEMENKES', name: 'Kementerian Kesehatan' }),
      declarant: { ...aParty({ name: 'İlaç Straße' }), id: undefined },
    },
    items: [
      anItem({ manufacturer: { name: 'BioNTech Manufacturing GmbH' } }),
      anItem({ manufacturer: { name: 'BioNTech  Manufacturing GmbH' } }),
    ],
    route: { originCountry: 'BE' },
  });

  it('given a declaration, then its party ids, party and manufacturer names and origin, each once', () => {
    expect(declarationWatchlistKeys(declaration).sort()).toEqual(
      [
        'party-id:be-0403.053.608',
        'name:pfizermanufacturingbelgiumnv',
        'party-id:id-kemenkes',
        'name:kementeriankesehatan',
        'name:ilastrae',
        'manufacturer:biontechmanufacturinggmbh',
        'origin:BE',
      ].sort(),
    );
  });

  it.each([
    ['PARTY', 'be-0403.053.608'],
    ['PARTY', '  ID-KEMENKES '],
    ['PARTY', 'Pfizer Manufacturing Belgium NV'],
    ['PARTY', 'İlaç  Straße'],
    ['MANUFACTURER', 'biontech manufacturing gmbh'],
    ['ORIGIN_COUNTRY', 'BE'],
  ] as const)('given an entry %s %j the policy matches on this declaration, then it shares a key with it', (kind, value) => {
    const stored = new Set(declarationWatchlistKeys(declaration));
    expect(watchlistMatchKeys(kind, value).some((key) => stored.has(key))).toBe(true);
  });
});
