/**
 * CPU per event per process family, read from /proc: utime + stime of every process at the
 * start and at the end of the measured window, grouped by what the process is. The machine's
 * busy share over the same window (from /proc/stat) shows how much of the cores was in use,
 * and `otherMs` how much of it went to processes that are not part of the run (a figure taken
 * while something else runs is not a figure).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

export const CPU_FAMILIES = ['engine', 'publisher', 'baseline', 'broker', 'postgres', 'postgresShared', 'bench', 'other'] as const;
export type CpuFamily = (typeof CPU_FAMILIES)[number];

export interface ProcessSample {
  pid: number;
  family: CpuFamily;
  /** utime + stime, in clock ticks. */
  ticks: number;
}

export interface CpuSnapshot {
  processes: Map<number, ProcessSample>;
  /** /proc/stat's aggregate line: all ticks, and the idle ones (idle + iowait). */
  machine: { totalTicks: number; idleTicks: number };
}

export interface CpuReport {
  /** Milliseconds of CPU per event, per family; `total` sums the run's own families (not `other`). */
  msPerEvent: Record<CpuFamily | 'total', number>;
  /** Share of all cores busy during the window, 0..1. */
  busyShare: number;
  cores: number;
  windowMs: number;
}

/** What identifies a run's processes: its spawned children by pid, the bench itself, its database. */
export interface RunIdentity {
  children: Map<number, CpuFamily>;
  benchPid: number;
  databaseName: string;
}

/** utime + stime (fields 14 and 15) of a /proc/<pid>/stat line; the command name may hold spaces and parentheses. */
export function parseStatTicks(statLine: string): number {
  const fields = statLine.slice(statLine.lastIndexOf(')') + 2).split(' ');
  // After the name, the first field is the state (field 3): utime is field 14, stime field 15.
  return Number(fields[11]) + Number(fields[12]);
}

/** The family of one process from its cmdline (NUL-separated, as /proc gives it). */
export function classify(pid: number, cmdline: string, run: RunIdentity): CpuFamily {
  const known = run.children.get(pid);
  if (known) return known;
  if (pid === run.benchPid) return 'bench';
  const args = cmdline.split('\0').filter(Boolean);
  const command = args.join(' ');
  if (args.length > 0 && /(^|\/)java$/.test(args[0]) && command.includes('kafka.Kafka')) return 'broker';
  if (command.startsWith('postgres: ')) {
    // A backend's title is "postgres: [<cluster>: ]<user> <database> <client> <state>" (Debian adds "15/main: ").
    const title = command.slice('postgres: '.length).replace(/^\S+\/\S+: /, '');
    if (title.split(' ')[1] === run.databaseName) return 'postgres';
    // The server's own processes work for every database, the run's included; other backends are someone else's.
    if (/^(walwriter|checkpointer|background writer|autovacuum|logical replication|stats|archiver|walsender)/.test(title)) {
      return 'postgresShared';
    }
  }
  return 'other';
}

export function parseMachineTicks(procStat: string): CpuSnapshot['machine'] {
  const line = procStat.split('\n').find((l) => l.startsWith('cpu '));
  if (!line) throw new Error('/proc/stat has no aggregate cpu line');
  const ticks = line.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already inside user).
  const totalTicks = ticks.slice(0, 8).reduce((a, b) => a + b, 0);
  return { totalTicks, idleTicks: ticks[3] + ticks[4] };
}

/**
 * The figures of a window from two snapshots. A process that started during the window counts
 * from zero (a new database backend); one that ended during it is left out (its last ticks are
 * unknown), which is why the run's processes are kept alive across the window.
 */
export function cpuReport(
  before: CpuSnapshot,
  after: CpuSnapshot,
  events: number,
  window: { ms: number; cores: number; ticksPerSecond: number },
): CpuReport {
  const ms = Object.fromEntries([...CPU_FAMILIES, 'total'].map((f) => [f, 0])) as Record<CpuFamily | 'total', number>;
  for (const [pid, end] of after.processes) {
    const start = before.processes.get(pid);
    const used = end.ticks - (start?.ticks ?? 0);
    if (used > 0) ms[end.family] += (used * 1000) / window.ticksPerSecond;
  }
  for (const family of CPU_FAMILIES) if (family !== 'other') ms.total += ms[family];
  const perEvent = (value: number) => (events > 0 ? Math.round((value / events) * 1000) / 1000 : 0);
  const total = after.machine.totalTicks - before.machine.totalTicks;
  const idle = after.machine.idleTicks - before.machine.idleTicks;
  return {
    msPerEvent: Object.fromEntries(Object.entries(ms).map(([f, v]) => [f, perEvent(v)])) as CpuReport['msPerEvent'],
    busyShare: total > 0 ? Math.round(((total - idle) / total) * 1000) / 1000 : 0,
    cores: window.cores,
    windowMs: Math.round(window.ms),
  };
}

/** Reads every process of the machine now. */
export function takeCpuSnapshot(run: RunIdentity): CpuSnapshot {
  const processes = new Map<number, ProcessSample>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      processes.set(pid, { pid, family: classify(pid, cmdline, run), ticks: parseStatTicks(readFileSync(`/proc/${pid}/stat`, 'utf8')) });
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return { processes, machine: parseMachineTicks(readFileSync('/proc/stat', 'utf8')) };
}

/** Clock ticks per second (USER_HZ), 100 on Linux unless `getconf` says otherwise. */
export function ticksPerSecond(): number {
  try {
    const value = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isFinite(value) && value > 0 ? value : 100;
  } catch {
    return 100;
  }
}
