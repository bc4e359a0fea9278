import { PrefixIndex } from './prefix-index';

describe('PrefixIndex', () => {
  const index = new PrefixIndex(['3002.41', '3004', '30', '9018 31', '3002.41']);

  it('given duplicates and dots, then prefixes are normalised and unique', () => {
    expect(index.prefixes).toEqual(['300241', '3004', '30', '901831']);
  });

  it.each([
    ['300241', true],
    ['3002419900', true],
    ['300490', true],
    ['309999', true],
    ['901831', true],
    ['901832', false],
    ['290000', false],
    ['3002.41', true],
    ['90183', false],
  ])('given item code %s, then match is %s', (code, expected) => {
    expect(index.matches(code)).toBe(expected);
  });

  it('given an empty list, then nothing matches', () => {
    expect(new PrefixIndex([]).matches('300241')).toBe(false);
  });
});
