import { watchlistMatchKeys } from './watchlist-candidates.repository';

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
