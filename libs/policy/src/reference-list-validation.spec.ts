import { DEFAULT_REFERENCE_LISTS } from './default-ruleset';
import { validateReferenceListEntries } from './reference-list-validation';
import { REFERENCE_LIST_NAMES } from './types';

describe('validateReferenceListEntries', () => {
  it.each(REFERENCE_LIST_NAMES)('given the default %s list, then it is valid', (name) => {
    expect(validateReferenceListEntries(name, DEFAULT_REFERENCE_LISTS[name])).toEqual([]);
  });

  it('given HS codes that are not 2 to 10 digits, then each is reported by index', () => {
    const errors = validateReferenceListEntries('critical-hs-codes', ['3002.41', '3', 'abc', "3002'; DROP TABLE x--", '12345678901', 3002]);
    expect(errors.map((e) => e.index)).toEqual([1, 2, 3, 4, 5]);
    expect(errors[0].message).toMatch(/2 to 10 digits/);
    expect(errors[4].message).toBe('must be a string');
  });

  it('given the same HS code written twice (with and without dots), then the second is a duplicate', () => {
    expect(validateReferenceListEntries('essential-hs-codes', ['3004', '3002.41', '300241'])).toEqual([
      { index: 2, message: 'duplicates the entry at index 1' },
    ]);
  });

  it('given manufacturer names that are blank, too long or equal once normalised, then each is reported', () => {
    const errors = validateReferenceListEntries('authorized-manufacturers', [
      'Pfizer Manufacturing Belgium NV',
      '   ',
      'x'.repeat(201),
      'Pfizer Manufacturing Belgium N.V.',
      '',
    ]);
    expect(errors.map((e) => e.index)).toEqual([1, 2, 3, 4]);
    expect(errors[2].message).toBe('duplicates the entry at index 0');
  });

  it('given an empty list, then only arrival-sources may be empty', () => {
    expect(validateReferenceListEntries('arrival-sources', [])).toEqual([]);
    expect(validateReferenceListEntries('critical-hs-codes', [])).toEqual([
      { index: null, message: 'critical-hs-codes must hold at least one entry' },
    ]);
  });

  it('given arrival sources, then CloudEvents sources are accepted and anything with spaces or too long is named', () => {
    expect(
      validateReferenceListEntries('arrival-sources', [
        'urn:terminal:IDCGK:gate-1',
        'https://port.example/cgk',
        'a b',
        'x'.repeat(257),
        'urn:terminal:IDCGK:gate-1',
      ]),
    ).toEqual([
      { index: 2, message: expect.stringContaining('CloudEvents source') },
      { index: 3, message: expect.stringContaining('CloudEvents source') },
      { index: 4, message: 'duplicates the entry at index 0' },
    ]);
  });
});
