import { type ConsumerStatus } from '@app/messaging';
import { type ProbeResult, type Probes, ProgressWatch } from '@app/metrics';

/**
 * The engine process's own probes (PROBE_PORT). Live: no consumer stalled, i.e. each shows progress
 * (a fetch, a handler call ending, a restart under way) within the stall bound; a consumer whose
 * handler never returns keeps heartbeating and holding its partitions, and only a restart frees them.
 * Ready: every consumer (the triage and each lane) is in its group.
 */
export class EngineProbes implements Probes {
  readonly progress: ProgressWatch;
  private readonly up = new Map<string, boolean>();

  constructor(
    consumers: string[],
    private readonly stallMs: number,
    now: () => number = Date.now,
  ) {
    this.progress = new ProgressWatch(now);
    for (const name of consumers) this.up.set(name, false);
  }

  consumerChanged(status: ConsumerStatus): void {
    this.up.set(status.name, status.up);
  }

  live(): ProbeResult {
    const stalled = this.progress.stalled(this.stallMs);
    return { ok: stalled.length === 0, details: { stalled, stallMs: this.stallMs } };
  }

  ready(): ProbeResult {
    const consumers = Object.fromEntries(this.up);
    return { ok: [...this.up.values()].every(Boolean), details: { consumers } };
  }
}
