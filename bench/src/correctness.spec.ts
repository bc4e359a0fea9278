import { type ExpectedShipment } from './generator';
import { type ReceivedStatus, StatusLedger } from './correctness';

const expected = new Map<string, ExpectedShipment>([
  ['A', { status: 'RELEASED', versions: 2 }],
  ['B', { status: 'REJECTED', versions: 1 }],
]);

const s = (shipmentId: string, version: number, status: ReceivedStatus['status']): ReceivedStatus => ({
  shipmentId,
  version,
  status,
  priority: 'STANDARD',
  causationId: null,
});

describe('StatusLedger', () => {
  it('given every version in order, then complete and correct', () => {
    const ledger = new StatusLedger(expected);
    expect(ledger.add(s('A', 1, 'PRE_CLEARED'))).toBe(false);
    expect(ledger.add(s('B', 1, 'REJECTED'))).toBe(true);
    expect(ledger.complete).toBe(false);
    expect(ledger.add(s('A', 2, 'RELEASED'))).toBe(true);
    expect(ledger.complete).toBe(true);
    expect(ledger.report()).toMatchObject({ correct: true, matching: 2, missing: 0, versionGaps: 0, outOfOrder: 0, duplicates: 0 });
  });

  it('given a shipment without any status, then missing and not correct', () => {
    const ledger = new StatusLedger(expected);
    ledger.add(s('B', 1, 'REJECTED'));
    expect(ledger.complete).toBe(false);
    expect(ledger.report()).toMatchObject({ correct: false, missing: 1, matching: 1 });
    expect(ledger.report().examples[0]).toContain('A: no status');
  });

  it('given the final version without the one before it, then a version gap: not complete, not correct', () => {
    const ledger = new StatusLedger(expected);
    ledger.add(s('A', 2, 'RELEASED'));
    ledger.add(s('B', 1, 'REJECTED'));
    expect(ledger.complete).toBe(false);
    expect(ledger.report()).toMatchObject({ correct: false, versionGaps: 1, matching: 1 });
    expect(ledger.report().examples).toContain('A: versions 1 missing below v2');
  });

  it('given a redelivered version with the same status, then counted as a duplicate but still correct', () => {
    const ledger = new StatusLedger(expected);
    ledger.add(s('A', 1, 'PRE_CLEARED'));
    ledger.add(s('A', 1, 'PRE_CLEARED'));
    ledger.add(s('A', 2, 'RELEASED'));
    ledger.add(s('A', 2, 'RELEASED'));
    ledger.add(s('B', 1, 'REJECTED'));
    expect(ledger.report()).toMatchObject({ correct: true, duplicates: 2 });
  });

  it('given one version with two different statuses, then conflicting and not correct', () => {
    const ledger = new StatusLedger(expected);
    ledger.add(s('A', 1, 'PRE_CLEARED'));
    ledger.add(s('A', 1, 'HELD'));
    ledger.add(s('A', 2, 'RELEASED'));
    ledger.add(s('B', 1, 'REJECTED'));
    expect(ledger.report()).toMatchObject({ correct: false, conflicting: 1 });
  });

  it('given versions out of order, then detected and not correct even though the set is whole', () => {
    const ledger = new StatusLedger(expected);
    ledger.add(s('A', 2, 'RELEASED'));
    ledger.add(s('A', 1, 'PRE_CLEARED'));
    ledger.add(s('B', 1, 'REJECTED'));
    expect(ledger.complete).toBe(true);
    expect(ledger.report()).toMatchObject({ correct: false, outOfOrder: 1, versionGaps: 0, matching: 2 });
  });

  it('given the wrong final status or an extra version, then wrongFinal and not correct', () => {
    const ledger = new StatusLedger(expected);
    ledger.add(s('A', 1, 'PRE_CLEARED'));
    ledger.add(s('A', 2, 'HELD'));
    ledger.add(s('B', 1, 'REJECTED'));
    ledger.add(s('B', 2, 'PRE_CLEARED'));
    expect(ledger.complete).toBe(false);
    expect(ledger.report()).toMatchObject({ correct: false, wrongFinal: 2, matching: 0 });
  });

  it('given a status of a shipment outside the load, then unexpected and not correct', () => {
    const ledger = new StatusLedger(expected);
    ledger.add(s('A', 1, 'PRE_CLEARED'));
    ledger.add(s('A', 2, 'RELEASED'));
    ledger.add(s('B', 1, 'REJECTED'));
    ledger.add(s('Z', 1, 'PRE_CLEARED'));
    expect(ledger.report()).toMatchObject({ correct: false, unexpected: 1 });
  });
});
