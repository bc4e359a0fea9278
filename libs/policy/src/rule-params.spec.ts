import { type ParamSchema, param, readParams } from './rule-params';
import { type RulesetValidationError } from './ruleset-validation';

function read<T>(schema: ParamSchema<T>, value: unknown): { value: T | undefined; errors: RulesetValidationError[] } {
  const errors: RulesetValidationError[] = [];
  return { value: schema.read('p', value, errors), errors };
}

describe('rule parameter schemas', () => {
  describe('param.number', () => {
    const days = param.number({ min: 0, max: 30, integer: true, unit: 'days' });

    it.each([
      [0, []],
      [30, []],
      [31, ['must be between 0 and 30 days, got 31']],
      [2.5, ['must be a whole number, got 2.5']],
      [-1.5, ['must be a whole number, got -1.5', 'must be between 0 and 30 days, got -1.5']],
      [Number.NaN, ['must be a number, got number NaN']],
      ['3', ['must be a number, got the string "3"']],
    ])('given %j, then %j', (value, messages) => {
      expect(read(days, value).errors.map((e) => e.message)).toEqual(messages);
    });
  });

  describe('param.enumArray', () => {
    const colours = param.enumArray(['RED', 'GREEN'], { minItems: 1, note: 'no blue' });

    it('given distinct allowed values, then a copy of them', () => {
      const given = ['GREEN', 'RED'];
      const r = read(colours, given);
      expect(r).toEqual({ value: ['GREEN', 'RED'], errors: [] });
      expect(r.value).not.toBe(given);
    });

    it('given an unknown, a repeated and a non-string value, then each at its index', () => {
      expect(read(colours, ['BLUE', 'RED', 'RED', 7]).errors).toEqual([
        { path: 'p[0]', message: 'must be one of RED, GREEN, got the string "BLUE" (no blue)' },
        { path: 'p[2]', message: 'duplicate value the string "RED"' },
        { path: 'p[3]', message: 'must be a string, got number 7' },
      ]);
    });

    it('given too few or too many values, then the count is named', () => {
      expect(read(colours, []).errors).toEqual([{ path: 'p', message: 'must have at least 1 value(s)' }]);
      expect(
        read(
          colours,
          Array.from({ length: 1001 }, () => 'RED'),
        ).errors,
      ).toEqual([{ path: 'p', message: 'must have at most 1000 values, got 1001' }]);
    });
  });

  it('param.hsPrefixArray: 3002 and 30.02 are one prefix', () => {
    expect(read(param.hsPrefixArray({ minItems: 1 }), ['3002', '30.02']).errors).toEqual([
      { path: 'p[1]', message: 'duplicate value the string "30.02"' },
    ]);
  });

  it('param.listName: only the reference lists', () => {
    expect(read(param.listName(), 'critical-hs-codes')).toEqual({ value: 'critical-hs-codes', errors: [] });
    expect(read(param.listName(), 'vaccines').errors[0].message).toContain('must name a reference list (one of critical-hs-codes');
  });

  describe('readParams', () => {
    const schemas = {
      kinds: param.enumArray(['A', 'B'], { minItems: 1, default: ['A', 'B'] }),
      rate: param.number({ min: 0, max: 1 }),
    };

    it('given a default taken twice, then each rule gets its own copy', () => {
      const first = readParams('K', schemas, 'params', { rate: 0.5 }, []);
      first!.kinds.push('A');
      expect(readParams('K', schemas, 'params', { rate: 0.5 }, [])).toEqual({ kinds: ['A', 'B'], rate: 0.5 });
    });

    it.each(['toString', 'constructor', '__proto__'])('given a parameter named %s, then it is unknown', (name) => {
      const params = JSON.parse(`{ "rate": 1, "${name}": 1 }`) as Record<string, unknown>;
      const errors: RulesetValidationError[] = [];
      expect(readParams('K', schemas, 'params', params, errors)).toBeNull();
      expect(errors).toEqual([{ path: `params.${name}`, message: 'unknown parameter for K (allowed: kinds, rate)' }]);
    });
  });
});
