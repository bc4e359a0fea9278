import { presentedKey } from './presented-key';

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('presentedKey', () => {
  it('given a bearer key, then it is the key', () => {
    expect(presentedKey('Bearer pck_abc-DEF_123.x~y+z/w=')).toEqual({ kind: 'key', key: 'pck_abc-DEF_123.x~y+z/w=' });
  });

  it('given no header, then missing; given anything else, then malformed', () => {
    expect(presentedKey(undefined)).toEqual({ kind: 'missing' });
    expect(presentedKey('')).toEqual({ kind: 'missing' });
    for (const header of [
      'Bearer',
      'Bearer ',
      'bearer abc',
      'Bearer a b',
      'Bearer ab"c',
      `Bearer ${'k'.repeat(257)}`,
      'Token abc',
      basic('ops', 'pck_key'),
    ]) {
      expect({ header, presented: presentedKey(header) }).toEqual({ header, presented: { kind: 'malformed' } });
    }
  });

  it('given Basic credentials where they are allowed, then the password is the key (any user name)', () => {
    expect(presentedKey(basic('ops', 'pck_key-1'), true)).toEqual({ kind: 'key', key: 'pck_key-1' });
    expect(presentedKey(basic('', 'pck_key:2'), true)).toEqual({ kind: 'malformed' });
    expect(presentedKey(basic('a:b', 'pck_key'), true)).toEqual({ kind: 'malformed' });
    expect(presentedKey('Basic bm9jb2xvbg==', true)).toEqual({ kind: 'malformed' });
    expect(presentedKey('Basic !!!', true)).toEqual({ kind: 'malformed' });
  });
});
