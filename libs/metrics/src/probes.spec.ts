import { type AddressInfo } from 'node:net';
import { ProgressWatch, serveProbes } from './probes';

describe('ProgressWatch', () => {
  it('finds a worker stalled once it showed no progress for longer than the bound, and not after it progressed again', () => {
    let now = 1_000;
    const watch = new ProgressWatch(() => now);
    watch.progressed('triage');
    watch.progressed('CRITICAL');
    now += 60_000;
    watch.progressed('CRITICAL');
    now += 1;
    expect(watch.stalled(60_000)).toEqual([{ name: 'triage', quietMs: 60_001 }]);
    watch.progressed('triage');
    expect(watch.stalled(60_000)).toEqual([]);
  });

  it('forgets a worker that was retired', () => {
    let now = 0;
    const watch = new ProgressWatch(() => now);
    watch.progressed('relay');
    watch.forget('relay');
    now += 1_000_000;
    expect(watch.stalled(1)).toEqual([]);
  });
});

describe('serveProbes', () => {
  it('answers 200 or 503 with the details of each probe, and 404 elsewhere', async () => {
    let live = true;
    const server = await serveProbes(0, {
      live: () => ({ ok: live, details: { stalled: live ? [] : ['triage'] } }),
      ready: () => ({ ok: false, details: { message: 'not in its group' } }),
    });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const ok = await fetch(`${base}/health/live`);
      expect([ok.status, await ok.json()]).toEqual([200, { status: 'ok', stalled: [] }]);
      live = false;
      const stalled = await fetch(`${base}/health/live`);
      expect([stalled.status, await stalled.json()]).toEqual([503, { status: 'error', stalled: ['triage'] }]);
      const ready = await fetch(`${base}/health/ready`);
      expect(ready.status).toBe(503);
      expect((await fetch(`${base}/metrics`)).status).toBe(404);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
