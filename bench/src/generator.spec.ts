import { parseShipmentEvent } from '@app/contract';
import { MIX, defaultPolicy, expectedStatusCount, generateLoad } from './generator';

describe('load generator', () => {
  const policy = defaultPolicy();
  const load = generateLoad({ events: 10_000, seed: 42 }, policy);

  it('given the same seed, when generated twice, then the records and expectations are identical', () => {
    const again = generateLoad({ events: 10_000, seed: 42 }, policy);
    expect(again.records).toEqual(load.records);
    expect([...again.expected]).toEqual([...load.expected]);
  });

  it('given another seed, then the records differ', () => {
    const other = generateLoad({ events: 500, seed: 43 }, policy);
    expect(other.records.map((r) => r.value)).not.toEqual(load.records.slice(0, 500).map((r) => r.value));
  });

  it('given N events, then exactly N records with unique event ids', () => {
    expect(load.records).toHaveLength(10_000);
    const ids = load.records.map((r) => r.eventId).filter((id) => id !== null);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('then the mix is about 5% CRITICAL and 15% ESSENTIAL declarations, 2% amendments, 5% arrivals and 1% bad records', () => {
    const { kinds, classes } = load.mix;
    const declarations = classes.CRITICAL + classes.ESSENTIAL + classes.STANDARD;
    expect(classes.CRITICAL / declarations).toBeCloseTo(MIX.critical, 1);
    expect(Math.abs(classes.CRITICAL / declarations - 0.05)).toBeLessThan(0.01);
    expect(Math.abs(classes.ESSENTIAL / declarations - 0.15)).toBeLessThan(0.015);
    const n = load.records.length;
    expect(Math.abs(kinds.amended / n - 0.02)).toBeLessThan(0.005);
    expect(Math.abs((kinds.arrived + kinds['arrived-unknown']) / n - 0.05)).toBeLessThan(0.01);
    const bad = kinds['bad-not-json'] + kinds['bad-invalid-field'] + kinds['bad-unknown-type'];
    expect(Math.abs(bad / n - 0.01)).toBeLessThan(0.003);
    // Every kind of bad record is there.
    expect(Math.min(kinds['bad-not-json'], kinds['bad-invalid-field'], kinds['bad-unknown-type'])).toBeGreaterThan(20);
    expect(load.expectedDeadLetters).toBe(bad);
  });

  it('then every record parses as the kind it claims, and bad records name their shipment', () => {
    for (const r of load.records.slice(0, 2000)) {
      const parsed = parseShipmentEvent(Buffer.from(r.value), Buffer.from(r.key));
      if (r.kind.startsWith('bad-')) {
        expect(parsed.ok).toBe(false);
        if (!parsed.ok) expect(parsed.shipmentId).toBe(r.shipmentId);
        expect(load.expected.get(r.shipmentId)).toEqual({ status: 'REJECTED', versions: 1 });
      } else {
        expect(parsed.ok).toBe(true);
        if (parsed.ok) expect(parsed.event.id).toBe(r.eventId);
      }
    }
  });

  it('then the expected outcomes cover the statuses of the policy, and amended shipments expect more than one version', () => {
    const statuses = new Set([...load.expected.values()].map((e) => e.status));
    for (const s of ['PRE_CLEARED', 'DOCUMENT_CHECK', 'INSPECTION_REQUIRED', 'HELD', 'RELEASED', 'REJECTED']) expect(statuses).toContain(s);
    const amended = load.records.find((r) => r.kind === 'amended')!;
    expect(load.expected.get(amended.shipmentId)!.versions).toBeGreaterThan(1);
    expect(expectedStatusCount(load)).toBeGreaterThan(load.expected.size);
  });
});
