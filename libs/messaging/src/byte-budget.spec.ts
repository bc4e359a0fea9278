import { chunksWithinBytes, prefixWithinBytes, recordBytes } from './byte-budget';

const row = (bytes: number, headers?: Record<string, string>) => ({ messageKey: null, messageValue: Buffer.alloc(bytes), headers });

describe('prefixWithinBytes', () => {
  it('given rows within the budget, when cut, then all are kept', () => {
    const rows = [row(10), row(10)];
    expect(prefixWithinBytes(rows, recordBytes(rows[0]) * 2)).toEqual(rows);
  });

  it('given rows over the budget, when cut, then the longest prefix within it is kept', () => {
    const rows = [row(10), row(10), row(10)];
    expect(prefixWithinBytes(rows, recordBytes(rows[0]) * 2 + 5)).toHaveLength(2);
  });

  it('given a first row larger than the budget, when cut, then it goes alone (nothing blocks the queue)', () => {
    expect(prefixWithinBytes([row(100), row(1)], 25)).toHaveLength(1);
  });

  it('given headers, when sized, then they count: a status with a long parties header weighs more than its value', () => {
    const plain = row(500);
    const withParties = row(500, { parties: 'consignee::' + 'x'.repeat(400) });
    expect(recordBytes(withParties)).toBeGreaterThan(recordBytes(plain) + 400);
  });

  it('given 2,000 statuses of 700 bytes with headers, when cut at the default budget, then the send stays below 1 MiB', () => {
    const statuses = Array.from({ length: 2000 }, () =>
      row(700, { 'content-type': 'application/cloudevents+json; charset=utf-8', parties: 'consignor::A;consignee::B' }),
    );
    const send = prefixWithinBytes(statuses);
    expect(send.length).toBeLessThan(2000);
    expect(send.reduce((n, r) => n + recordBytes(r), 0)).toBeLessThan(1024 * 1024);
  });
});

describe('chunksWithinBytes', () => {
  const rows = Array.from({ length: 7 }, (_, i) => ({ messageKey: Buffer.from(`k${i}`), messageValue: Buffer.alloc(100) }));
  const size = recordBytes(rows[0]);

  it('given rows over the budget, then consecutive prefixes within it, every row once and in order', () => {
    const chunks = chunksWithinBytes(rows, size * 3);
    expect(chunks.map((c) => c.length)).toEqual([3, 3, 1]);
    expect(chunks.flat()).toEqual(rows);
  });

  it('given one row larger than the budget, then it goes alone (nothing blocks the queue)', () => {
    expect(chunksWithinBytes(rows.slice(0, 2), size - 1).map((c) => c.length)).toEqual([1, 1]);
  });

  it('given no rows, then no chunk', () => {
    expect(chunksWithinBytes([])).toEqual([]);
  });
});
