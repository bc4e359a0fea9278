import { parseShipmentEvent } from '@app/contract';
import { defaultPolicy } from '../../bench/src/generator';
import { BorderTraffic, FILING_KINDS, type Filing, SUSPICIOUS_KINDS } from './traffic';

describe('BorderTraffic', () => {
  const policy = defaultPolicy();
  const draw = (n: number, watchlistedOrigins: string[] = []) => {
    const traffic = new BorderTraffic({ seed: 5, idPrefix: 'DEMOT', watchlistedOrigins }, policy);
    const filings: Filing[] = [];
    for (let i = 0; i < n; i++) filings.push(traffic.next());
    return { traffic, filings };
  };
  const { traffic, filings } = draw(20_000, ['KP']);

  it('given the same seed, then the same filings', () => {
    expect(draw(500, ['KP']).filings).toEqual(filings.slice(0, 500));
  });

  it('files every kind, about 1% malformed and 1% suspicious, with unique event ids', () => {
    const count = (k: string) => filings.filter((f) => f.kind === k).length;
    for (const k of FILING_KINDS) expect(count(k)).toBeGreaterThan(0);
    expect(Math.abs(count('malformed') / filings.length - 0.01)).toBeLessThan(0.003);
    expect(Math.abs(count('suspicious') / filings.length - 0.01)).toBeLessThan(0.003);
    for (const s of SUSPICIOUS_KINDS) expect(filings.some((f) => f.suspicious === s)).toBe(true);
    const ids = filings.map((f) => f.record.eventId).filter((id) => id !== null);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('then malformed records fail validation and go to the dead letters; the others parse', () => {
    for (const f of filings.slice(0, 3000)) {
      const parsed = parseShipmentEvent(Buffer.from(f.record.value), Buffer.from(f.record.key));
      expect(parsed.ok).toBe(f.kind !== 'malformed');
      expect(f.deadLetter).toBe(f.kind === 'malformed');
    }
    expect(traffic.expectedDeadLetters).toBe(filings.filter((f) => f.deadLetter).length);
  });

  it('then the statuses expected add up, and the suspicious declarations carry their indicator', () => {
    expect(filings.reduce((n, f) => n + f.statusesExpected, 0)).toBe(traffic.expectedStatuses);
    const suspicious = (k: string) => filings.find((f) => f.suspicious === k)!;
    const data = (f: Filing) => JSON.parse(f.record.value).data;
    const express = data(suspicious('private-express'));
    expect(express.transport.channel).toBe('EXPRESS');
    expect(express.parties.consignee.type).toBe('PRIVATE_INDIVIDUAL');
    expect(data(suspicious('watchlisted-origin')).route.originCountry).toBe('KP');
    expect(data(suspicious('expired')).items[0].expiryDate < '2026-04-07').toBe(true);
    expect(data(suspicious('unauthorised-manufacturer')).items[0].manufacturer.name).toBe('Global Pharma Distribution FZE');
  });

  it('given no watchlisted origin, then no watchlisted-origin filings', () => {
    expect(draw(5_000).filings.some((f) => f.suspicious === 'watchlisted-origin')).toBe(false);
  });
});
