import { unseenRecords } from './batch-progress';
import { parseBatches } from './parsed-record';
import { aBatch, aRecord } from './testing.fixtures';

describe('unseenRecords', () => {
  const records = (offsets: number[]) => offsets.map((o) => aRecord('SHP-1', 'x', { offset: String(o) }));

  it('given no stored progress, when filtered, then every record is fresh and the next offset follows the last', () => {
    const unseen = unseenRecords(parseBatches([aBatch(0, records([5, 6, 7]))]), new Map());
    expect(unseen.fresh.map((p) => p.record.offset)).toEqual(['5', '6', '7']);
    expect(unseen.progressed).toEqual(new Map([[0, 8n]]));
    expect(unseen.skipped).toBe(0);
  });

  it('given progress stored inside a redelivered batch, when filtered, then the records before it are skipped', () => {
    const unseen = unseenRecords(
      parseBatches([aBatch(0, records([5, 6, 7])), aBatch(1, records([3]))]),
      new Map([
        [0, 7n],
        [1, 4n],
      ]),
    );
    expect(unseen.fresh.map((p) => [p.record.partition, p.record.offset])).toEqual([[0, '7']]);
    expect(unseen.progressed).toEqual(new Map([[0, 8n]]));
    expect(unseen.skipped).toBe(3);
  });
});
