import { EngineProbes } from './engine-probes';

describe('EngineProbes', () => {
  it('is ready only once every consumer is in its group, and not while one is down', () => {
    const probes = new EngineProbes(['triage', 'CRITICAL'], 60_000, () => 0);
    expect(probes.ready().ok).toBe(false);
    probes.consumerChanged({ name: 'triage', groupId: 'g', up: true });
    expect(probes.ready().ok).toBe(false);
    probes.consumerChanged({ name: 'CRITICAL', groupId: 'g.lane.critical', up: true });
    expect(probes.ready()).toEqual({ ok: true, details: { consumers: { triage: true, CRITICAL: true } } });
    probes.consumerChanged({ name: 'CRITICAL', groupId: 'g.lane.critical', up: false });
    expect(probes.ready().ok).toBe(false);
  });

  it('is not live once a consumer has shown no progress for longer than the stall bound', () => {
    let now = 0;
    const probes = new EngineProbes(['triage', 'CRITICAL'], 60_000, () => now);
    probes.progress.progressed('triage');
    probes.progress.progressed('CRITICAL');
    now = 59_000;
    probes.progress.progressed('triage');
    expect(probes.live().ok).toBe(true);
    now = 61_000;
    expect(probes.live()).toEqual({ ok: false, details: { stalled: [{ name: 'CRITICAL', quietMs: 61_000 }], stallMs: 60_000 } });
  });
});
