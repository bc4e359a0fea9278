import { EventEmitter } from 'node:events';
import { type AppInstance } from './shape';
import { Supervisor, type SupervisorDeps } from './supervisor';

class FakeProcess extends EventEmitter {
  readonly signals: NodeJS.Signals[] = [];
  constructor(readonly pid: number) {
    super();
  }
  kill(signal: NodeJS.Signals): boolean {
    this.signals.push(signal);
    return true;
  }
  exit(code: number | null, signal: NodeJS.Signals | null = null): void {
    this.emit('exit', code, signal);
  }
}

/** Fake time and processes: timers fire when the test advances the clock. */
function harness() {
  let now = 0;
  let nextPid = 100;
  const timers: { at: number; callback: () => void; cancelled: boolean }[] = [];
  const started: { name: string; process: FakeProcess }[] = [];
  const lines: string[] = [];
  const deps: SupervisorDeps = {
    start: (instance) => {
      const process = new FakeProcess(nextPid++);
      started.push({ name: instance.name, process });
      return process;
    },
    log: (line) => lines.push(line),
    now: () => now,
    setTimer: (callback, ms) => {
      const timer = { at: now + ms, callback, cancelled: false };
      timers.push(timer);
      return { cancel: () => (timer.cancelled = true) };
    },
  };
  const advance = (ms: number) => {
    now += ms;
    for (const timer of timers.filter((t) => !t.cancelled && t.at <= now)) {
      timer.cancelled = true;
      timer.callback();
    }
  };
  const latest = (name: string) => started.filter((s) => s.name === name).at(-1)!.process;
  return { deps, started, lines, advance, latest };
}

const instances: AppInstance[] = [
  { app: 'clearance-engine', name: 'clearance-engine#1', env: {} },
  { app: 'clearance-engine', name: 'clearance-engine#2', env: {} },
  { app: 'admin-api', name: 'admin-api', env: {} },
];
const restart = { initialDelayMs: 1_000, maxDelayMs: 8_000, stableAfterMs: 60_000 };

describe('Supervisor', () => {
  it('restarts an app that exits, after a back-off that grows while it keeps exiting, and leaves the others running', () => {
    const { deps, started, lines, advance, latest } = harness();
    const supervisor = new Supervisor(instances, deps, { restart });
    supervisor.start();
    expect(started.map((s) => s.name)).toEqual(['clearance-engine#1', 'clearance-engine#2', 'admin-api']);

    latest('clearance-engine#2').exit(null, 'SIGKILL');
    expect(lines.at(-1)).toMatch(/clearance-engine#2 was killed by SIGKILL after 0\.0 s; restarting it in 1\.0 s \(exit 1 in a row/);
    advance(999);
    expect(started).toHaveLength(3);
    advance(1);
    expect(started.map((s) => s.name)).toEqual(['clearance-engine#1', 'clearance-engine#2', 'admin-api', 'clearance-engine#2']);

    latest('clearance-engine#2').exit(1);
    expect(lines.at(-1)).toMatch(/exited with code 1 .* restarting it in 2\.0 s \(exit 2 in a row/);
    advance(2_000);
    expect(started).toHaveLength(5);
    expect(started.filter((s) => s.name !== 'clearance-engine#2').every((s) => s.process.signals.length === 0)).toBe(true);
  });

  it('starts the back-off over for an app that ran stably before it exited', () => {
    const { deps, lines, advance, latest } = harness();
    new Supervisor(instances, deps, { restart }).start();
    latest('admin-api').exit(1);
    advance(1_000);
    latest('admin-api').exit(1);
    advance(2_000);
    advance(60_000);
    latest('admin-api').exit(1);
    expect(lines.at(-1)).toMatch(/restarting it in 1\.0 s \(exit 1 in a row/);
  });

  it('on stop, sends SIGTERM to every app, restarts none, cancels a pending restart and kills what outlives the grace period', async () => {
    const { deps, started, advance, latest } = harness();
    const supervisor = new Supervisor(instances, deps, { restart, stopGraceMs: 5_000 });
    supervisor.start();
    latest('admin-api').exit(1);
    const stopped = supervisor.stop();
    expect(latest('clearance-engine#1').signals).toEqual(['SIGTERM']);
    expect(latest('clearance-engine#2').signals).toEqual(['SIGTERM']);
    latest('clearance-engine#1').exit(0);
    advance(1_000);
    expect(started).toHaveLength(3);
    advance(4_000);
    expect(latest('clearance-engine#2').signals).toEqual(['SIGTERM', 'SIGKILL']);
    latest('clearance-engine#2').exit(null, 'SIGKILL');
    await stopped;
    expect(started).toHaveLength(3);
  });
});
