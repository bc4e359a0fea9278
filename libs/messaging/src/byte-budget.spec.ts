import { prefixWithinBytes } from './byte-budget';

const row = (bytes: number) => ({ messageKey: null, messageValue: Buffer.alloc(bytes) });

describe('prefixWithinBytes', () => {
  it('given rows within the budget, when cut, then all are kept', () => {
    const rows = [row(10), row(10)];
    expect(prefixWithinBytes(rows, 20)).toEqual(rows);
  });

  it('given rows over the budget, when cut, then the longest prefix within it is kept', () => {
    const rows = [row(10), row(10), row(10)];
    expect(prefixWithinBytes(rows, 25)).toHaveLength(2);
  });

  it('given a first row larger than the budget, when cut, then it goes alone (nothing blocks the queue)', () => {
    expect(prefixWithinBytes([row(100), row(1)], 25)).toHaveLength(1);
  });
});
