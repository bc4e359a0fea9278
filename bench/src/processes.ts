/** Child processes of the bench: spawned from dist/ (the apps) or dist-tools/, logs to files, peak memory sampled from /proc. */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..', '..');

export interface Child {
  name: string;
  process: ChildProcess;
  logFile: string;
  exited: Promise<number | null>;
}

export function spawnNode(name: string, script: string, env: Record<string, string>, logDir: string, nodeArgs: string[] = []): Child {
  const logFile = join(logDir, `${name}.log`);
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, [...nodeArgs, '-r', join(ROOT, 'scripts/paths.js'), join(ROOT, script)], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(log, { end: false });
  child.stderr!.pipe(log, { end: false });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { name, process: child, logFile, exited };
}

export async function stopChild(child: Child, graceMs = 15_000): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return;
  child.process.kill('SIGTERM');
  const timer = setTimeout(() => child.process.kill('SIGKILL'), graceMs);
  await child.exited;
  clearTimeout(timer);
}

/** Resident set size of a process in kB: current (VmRSS) and peak (VmHWM). Null once it is gone. */
export function readRss(pid: number): { rssKb: number; hwmKb: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
    return { rssKb: kb('VmRSS'), hwmKb: kb('VmHWM') };
  } catch {
    return null;
  }
}

export interface MemoryReport {
  peakRssMb: number;
  firstRssMb: number;
  lastRssMb: number;
  samples: number;
  /** RSS every `timelineEveryMs` (10 s by default): flat under sustained load, or growing. */
  timeline: { atSeconds: number; rssMb: number }[];
}

/** Samples a process's memory every intervalMs; `stop` returns the peak, first/last samples and a timeline in MB. */
export function sampleMemory(pid: number, intervalMs = 200, timelineEveryMs = 10_000): { stop(): MemoryReport } {
  let peakKb = 0;
  let firstKb = -1;
  let lastKb = 0;
  let samples = 0;
  const started = performance.now();
  const timeline: MemoryReport['timeline'] = [];
  const mb = (kb: number) => Math.round((kb / 1024) * 10) / 10;
  const take = () => {
    const r = readRss(pid);
    if (!r) return;
    samples++;
    if (firstKb < 0) firstKb = r.rssKb;
    lastKb = r.rssKb;
    peakKb = Math.max(peakKb, r.hwmKb, r.rssKb);
    const elapsed = performance.now() - started;
    if (elapsed >= timeline.length * timelineEveryMs) timeline.push({ atSeconds: Math.round(elapsed / 1000), rssMb: mb(r.rssKb) });
  };
  take();
  const timer = setInterval(take, intervalMs);
  return {
    stop() {
      take();
      clearInterval(timer);
      return { peakRssMb: mb(peakKb), firstRssMb: mb(Math.max(firstKb, 0)), lastRssMb: mb(lastKb), samples, timeline };
    },
  };
}
