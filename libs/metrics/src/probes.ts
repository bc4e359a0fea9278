import { createServer, type Server } from 'node:http';

/** One probe's answer: 200 with the details when `ok`, 503 otherwise. */
export interface ProbeResult {
  ok: boolean;
  details: Record<string, unknown>;
}

export interface Probes {
  /** Liveness: false means restarting the process is the cure (a stalled consumer, a hung loop). */
  live(): ProbeResult;
  /** Readiness: doing its work now (in its consumer groups, holding outbox partitions). */
  ready(): ProbeResult;
}

/**
 * The probes of a worker process (engine, publisher) on a port of its own: `GET /health/live`
 * and `GET /health/ready`, JSON, 200 or 503. The admin API serves its own through Nest.
 */
export async function serveProbes(port: number, probes: Probes): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    const probe =
      req.method !== 'GET'
        ? null
        : path === '/health/live' || path === '/health'
          ? probes.live
          : path === '/health/ready'
            ? probes.ready
            : null;
    if (!probe) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'GET /health/live or /health/ready' }));
      return;
    }
    let result: ProbeResult;
    try {
      result = probe.call(probes);
    } catch (error) {
      result = { ok: false, details: { message: (error as Error).message } };
    }
    res
      .writeHead(result.ok ? 200 : 503, { 'content-type': 'application/json' })
      .end(JSON.stringify({ status: result.ok ? 'ok' : 'error', ...result.details }));
  });
  // A probe server must never keep a stopping process alive.
  server.unref();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve());
  });
  return server;
}

/**
 * When each named worker (a consumer, a relay loop) last showed progress. A worker that has
 * shown none for longer than the stall bound is stalled: it holds its work and does nothing.
 */
export class ProgressWatch {
  private readonly last = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  progressed(name: string): void {
    this.last.set(name, this.now());
  }

  forget(name: string): void {
    this.last.delete(name);
  }

  /** The workers with no progress for longer than `stallMs`, with how long each has been quiet. */
  stalled(stallMs: number): { name: string; quietMs: number }[] {
    const now = this.now();
    return [...this.last].flatMap(([name, at]) => (now - at > stallMs ? [{ name, quietMs: now - at }] : []));
  }
}
