import { RateMeter, RecentSamples, Tally } from './tally';
import { type Filing } from './traffic';

function filing(eventId: string | null, shipmentId: string, overrides: Partial<Filing> = {}): Filing {
  return {
    record: { key: shipmentId, value: '{}', eventId, shipmentId, kind: 'submitted' },
    kind: 'vaccine campaign',
    statusesExpected: 1,
    deadLetter: false,
    ...overrides,
  };
}

describe('Tally', () => {
  it('given filings and their statuses, then it counts by status and priority and measures latency by priority', () => {
    const tally = new Tally();
    tally.sentFiling(filing('e1', 'S1'), 1000);
    tally.sentFiling(filing('e2', 'S2', { kind: 'ordinary trade' }), 1000);
    tally.sentFiling(filing('e3', 'S3', { kind: 'ordinary trade' }), 1000);
    tally.status({ shipmentId: 'S1', version: 1, status: 'PRE_CLEARED', priority: 'CRITICAL', causationId: 'e1' }, 1040);
    tally.status({ shipmentId: 'S2', version: 1, status: 'DOCUMENT_CHECK', priority: 'STANDARD', causationId: 'e2' }, 1100);
    tally.status({ shipmentId: 'S3', version: 1, status: 'PRE_CLEARED', priority: 'STANDARD', causationId: 'e3' }, 1300);

    expect(tally.sent).toBe(3);
    expect(tally.filed['vaccine campaign']).toBe(1);
    expect(tally.filed['ordinary trade']).toBe(2);
    expect(tally.statuses.PRE_CLEARED).toEqual({ CRITICAL: 1, ESSENTIAL: 0, STANDARD: 1 });
    expect(tally.statuses.DOCUMENT_CHECK.STANDARD).toBe(1);
    expect(tally.byPriority()).toEqual({ CRITICAL: 1, ESSENTIAL: 0, STANDARD: 2 });
    expect(tally.latency.CRITICAL.percentiles()).toEqual({ p50: 40, p99: 40, count: 1 });
    expect(tally.latency.STANDARD.percentiles()).toEqual({ p50: 100, p99: 300, count: 2 });
    expect(tally.outstanding).toBe(0);
  });

  it('given a redelivered status version, then it is counted once, as a redelivery', () => {
    const tally = new Tally();
    tally.sentFiling(filing('e1', 'S1'), 0);
    const status = { shipmentId: 'S1', version: 1, status: 'HELD' as const, priority: 'CRITICAL' as const, causationId: 'e1' };
    tally.status(status, 10);
    tally.status(status, 20);
    expect(tally.received).toBe(1);
    expect(tally.duplicates).toBe(1);
    expect(tally.statuses.HELD.CRITICAL).toBe(1);
    expect(tally.latency.CRITICAL.percentiles().count).toBe(1);
  });

  it('then outstanding counts the statuses and dead letters still expected', () => {
    const tally = new Tally();
    tally.sentFiling(filing('e1', 'S1'), 0);
    tally.sentFiling(filing(null, 'S2', { kind: 'malformed', deadLetter: true }), 0);
    tally.sentFiling(filing('e3', 'S1', { kind: 'arrival', statusesExpected: 0 }), 0);
    expect(tally.expectedStatuses).toBe(2);
    expect(tally.outstanding).toBe(3);
    tally.deadLetter();
    tally.status({ shipmentId: 'S2', version: 1, status: 'REJECTED', priority: 'STANDARD', causationId: null }, 5);
    expect(tally.outstanding).toBe(1);
    tally.status({ shipmentId: 'S1', version: 1, status: 'PRE_CLEARED', priority: 'CRITICAL', causationId: 'e1' }, 5);
    expect(tally.outstanding).toBe(0);
  });

  it('given an event without a status past the TTL, then prune forgets it (a late status has no latency)', () => {
    const tally = new Tally();
    tally.sentFiling(filing('e1', 'S1'), 0);
    tally.sentFiling(filing('e2', 'S2'), 200_000);
    tally.prune(200_001);
    tally.status({ shipmentId: 'S1', version: 1, status: 'PRE_CLEARED', priority: 'CRITICAL', causationId: 'e1' }, 200_002);
    tally.status({ shipmentId: 'S2', version: 1, status: 'PRE_CLEARED', priority: 'CRITICAL', causationId: 'e2' }, 200_010);
    expect(tally.latency.CRITICAL.percentiles()).toEqual({ p50: 10, p99: 10, count: 1 });
    expect(tally.received).toBe(2);
  });
});

describe('RecentSamples', () => {
  it('given more samples than its capacity, then percentiles cover the most recent ones and count all', () => {
    const samples = new RecentSamples(100);
    for (let i = 1; i <= 100; i++) samples.add(1000);
    for (let i = 1; i <= 100; i++) samples.add(i);
    expect(samples.percentiles()).toEqual({ p50: 50, p99: 99, count: 200 });
  });

  it('given no samples, then the percentiles are null', () => {
    expect(new RecentSamples().percentiles()).toEqual({ p50: null, p99: null, count: 0 });
  });
});

describe('RateMeter', () => {
  it('measures events per second over its window', () => {
    const meter = new RateMeter(5_000);
    expect(meter.perSecond()).toBe(0);
    for (let t = 0; t <= 10_000; t += 250) meter.add(t, (t / 1000) * 40);
    expect(meter.perSecond()).toBeCloseTo(40, 5);
  });
});
