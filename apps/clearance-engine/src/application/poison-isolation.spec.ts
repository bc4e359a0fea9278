import { type BatchOutcome, noOutcome } from './batch-changes';
import { type ParsedBatch, parseBatches } from './parsed-record';
import { isDataError, processIsolatingPoison } from './poison-isolation';
import { aBatch, aRecord } from './testing.fixtures';

const dataError = () => Object.assign(new Error('invalid byte sequence'), { code: '22021' });
const one = (n: number): BatchOutcome => ({ ...noOutcome(), applied: n });

describe('processIsolatingPoison', () => {
  const parts = parseBatches([aBatch(0, [aRecord('SHP-1', 'a'), aRecord('SHP-2', 'b'), aRecord('SHP-3', 'c')])]);
  const keysOf = (some: ParsedBatch[]) => some.flatMap((p) => p.parsed.map((r) => r.record.key!.toString()));

  it('given batches the database accepts, then they are processed once, together', async () => {
    const calls: string[][] = [];
    const outcome = await processIsolatingPoison(
      parts,
      async (some) => (calls.push(keysOf(some)), one(3)),
      () => undefined,
    );
    expect(calls).toEqual([['SHP-1', 'SHP-2', 'SHP-3']]);
    expect(outcome.applied).toBe(3);
  });

  it('given one record the database refuses, then the others are processed alone and it is dead-lettered as UNSTORABLE', async () => {
    const processed: { key: string; kind: string }[] = [];
    const outcome = await processIsolatingPoison(
      parts,
      async (some) => {
        const records = some.flatMap((p) => p.parsed);
        if (records.some((r) => r.record.key!.toString() === 'SHP-2' && (r.parsed.ok || r.parsed.errorKind !== 'UNSTORABLE')))
          throw dataError();
        processed.push(...records.map((r) => ({ key: r.record.key!.toString(), kind: r.parsed.ok ? 'ok' : r.parsed.errorKind })));
        return one(records.length);
      },
      () => undefined,
    );
    expect(processed).toEqual([
      { key: 'SHP-1', kind: 'NOT_JSON' },
      { key: 'SHP-2', kind: 'UNSTORABLE' },
      { key: 'SHP-3', kind: 'NOT_JSON' },
    ]);
    expect(outcome.applied).toBe(3);
  });

  it('given a record whose dead letter is refused too, then its raw bytes alone are dead-lettered, without its shipment', async () => {
    const shipments: (string | null)[] = [];
    await processIsolatingPoison(
      [parts[0]].map((p) => ({ ...p, parsed: p.parsed.slice(0, 1) })),
      async (some) => {
        const [record] = some[0].parsed;
        if (record.parsed.ok || record.parsed.shipmentId !== null) throw dataError();
        shipments.push(record.parsed.shipmentId);
        return one(1);
      },
      () => undefined,
    );
    expect(shipments).toEqual([null]);
  });

  it('given another error (the database is down), then it is thrown for the transport to retry', async () => {
    await expect(
      processIsolatingPoison(
        parts,
        async () => Promise.reject(new Error('connection refused')),
        () => undefined,
      ),
    ).rejects.toThrow('connection refused');
    expect(isDataError(new Error('x'))).toBe(false);
    expect(isDataError({ driverError: { code: '22P05' } })).toBe(true);
  });
});
