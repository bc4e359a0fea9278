import { type AppInstance } from './shape';
import { DEFAULT_RESTART_POLICY, exitsInARow, restartDelayMs, type RestartPolicy } from './backoff';

/** A started process, as the supervisor sees it (a ChildProcess in production). */
export interface SupervisedProcess {
  readonly pid?: number;
  kill(signal: NodeJS.Signals): boolean;
  once(event: 'exit', listener: (code: number | null, signal: NodeJS.Signals | null) => void): unknown;
}

export interface SupervisorDeps {
  start(instance: AppInstance): SupervisedProcess;
  log(line: string): void;
  now(): number;
  setTimer(callback: () => void, ms: number): { cancel(): void };
}

export interface SupervisorOptions {
  restart?: RestartPolicy;
  /** After SIGTERM, apps still running after this long get SIGKILL. */
  stopGraceMs?: number;
}

interface Slot {
  instance: AppInstance;
  process: SupervisedProcess | null;
  startedAt: number;
  inARow: number;
  restartTimer: { cancel(): void } | null;
  exited: Promise<void>;
}

/**
 * Keeps every app running: one that exits, for whatever reason, is started again after a
 * growing back-off (with a log line saying which, how and when), never given up on, so one
 * crash is never a full outage. Only `stop()` (Ctrl-C, SIGTERM) ends them: each gets SIGTERM,
 * and SIGKILL if it is still there after the grace period.
 */
export class Supervisor {
  private readonly slots: Slot[];
  private readonly policy: RestartPolicy;
  private readonly stopGraceMs: number;
  private stopping: Promise<void> | null = null;

  constructor(
    instances: AppInstance[],
    private readonly deps: SupervisorDeps,
    options: SupervisorOptions = {},
  ) {
    this.policy = options.restart ?? DEFAULT_RESTART_POLICY;
    this.stopGraceMs = options.stopGraceMs ?? 20_000;
    this.slots = instances.map((instance) => ({
      instance,
      process: null,
      startedAt: 0,
      inARow: 0,
      restartTimer: null,
      exited: Promise.resolve(),
    }));
  }

  start(): void {
    for (const slot of this.slots) this.launch(slot);
  }

  /** The pids now running, by instance name (for logs and tests). */
  pids(): Record<string, number | undefined> {
    return Object.fromEntries(this.slots.map((s) => [s.instance.name, s.process?.pid]));
  }

  /** SIGTERM to every app, SIGKILL to those still running after the grace period; resolves once all exited. */
  stop(): Promise<void> {
    this.stopping ??= this.stopAll();
    return this.stopping;
  }

  private launch(slot: Slot): void {
    const child = this.deps.start(slot.instance);
    slot.process = child;
    slot.startedAt = this.deps.now();
    slot.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        slot.process = null;
        this.exited(slot, code, signal);
        resolve();
      });
    });
    this.deps.log(`${slot.instance.name} started (pid ${child.pid ?? '?'})`);
  }

  private exited(slot: Slot, code: number | null, signal: NodeJS.Signals | null): void {
    const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    const ranForMs = this.deps.now() - slot.startedAt;
    if (this.stopping) {
      this.deps.log(`${slot.instance.name} stopped (${signal ?? `exit code ${code}`})`);
      return;
    }
    slot.inARow = exitsInARow(slot.inARow, ranForMs, this.policy);
    const delay = restartDelayMs(slot.inARow, this.policy);
    this.deps.log(
      `${slot.instance.name} ${how} after ${(ranForMs / 1000).toFixed(1)} s; restarting it in ${(delay / 1000).toFixed(1)} s ` +
        `(exit ${slot.inARow} in a row; the others keep running)`,
    );
    slot.restartTimer = this.deps.setTimer(() => {
      slot.restartTimer = null;
      if (!this.stopping) this.launch(slot);
    }, delay);
  }

  private async stopAll(): Promise<void> {
    for (const slot of this.slots) {
      slot.restartTimer?.cancel();
      slot.restartTimer = null;
      slot.process?.kill('SIGTERM');
    }
    const killer = this.deps.setTimer(() => {
      for (const slot of this.slots) {
        if (slot.process) {
          this.deps.log(`${slot.instance.name} still running ${this.stopGraceMs / 1000} s after SIGTERM; sending SIGKILL`);
          slot.process.kill('SIGKILL');
        }
      }
    }, this.stopGraceMs);
    await Promise.all(this.slots.map((slot) => slot.exited));
    killer.cancel();
  }
}
