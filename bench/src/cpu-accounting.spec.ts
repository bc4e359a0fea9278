import { type ProcessSample, type RunIdentity, classify, cpuReport, parseMachineTicks, parseStatTicks } from './cpu-accounting';

const run: RunIdentity = { children: new Map([[4001, 'engine']]), benchPid: 4000, databaseName: 'clearance_bench_1' };
const cmd = (...args: string[]) => args.join('\0') + '\0';

describe('parseStatTicks', () => {
  it('adds utime and stime, whatever the command name holds', () => {
    // Fields after the name: state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime ...
    const line = '1234 (node (main) x) S 1 1234 1234 0 -1 4194560 900 0 0 0 250 75 0 0 20 0 11 0 100 0 0';
    expect(parseStatTicks(line)).toBe(325);
  });
});

describe('classify', () => {
  it('names the run’s own children and the bench itself by pid', () => {
    expect(classify(4001, cmd('node', 'dist/apps/clearance-engine/src/main.js'), run)).toBe('engine');
    expect(classify(4000, cmd('node', 'dist-tools/bench/src/main.js'), run)).toBe('bench');
  });

  it('recognises the Kafka broker by its main class', () => {
    expect(classify(10, cmd('/usr/lib/jvm/java-17/bin/java', '-Xmx1g', 'kafka.Kafka', 'server.properties'), run)).toBe('broker');
    expect(classify(11, cmd('/usr/bin/java', '-jar', 'other.jar'), run)).toBe('other');
  });

  it('counts the backends of the run’s database, and the server’s shared processes apart', () => {
    expect(classify(20, cmd('postgres: 15/main: postgres clearance_bench_1 127.0.0.1(5555) idle'), run)).toBe('postgres');
    expect(classify(21, cmd('postgres: postgres clearance_bench_1 127.0.0.1(5556) INSERT'), run)).toBe('postgres');
    expect(classify(22, cmd('postgres: 15/main: walwriter '), run)).toBe('postgresShared');
    expect(classify(23, cmd('postgres: 15/main: checkpointer '), run)).toBe('postgresShared');
    expect(classify(24, cmd('postgres: 15/main: postgres someone_else 127.0.0.1(5557) idle'), run)).toBe('other');
  });
});

describe('parseMachineTicks', () => {
  it('sums the first eight columns and counts idle plus iowait as idle', () => {
    const stat = 'cpu  100 5 50 800 20 1 2 3 0 0\ncpu0 50 2 25 400 10 0 1 1 0 0\n';
    expect(parseMachineTicks(stat)).toEqual({ totalTicks: 981, idleTicks: 820 });
  });
});

describe('cpuReport', () => {
  const snapshot = (processes: [number, ProcessSample][], total: number, idle: number) => ({
    processes: new Map(processes),
    machine: { totalTicks: total, idleTicks: idle },
  });

  it('gives milliseconds of CPU per event per family, a new process counting from zero and foreign work kept out of the total', () => {
    // Given two snapshots 10 s apart at 100 ticks/s, 1,000 events in between
    const before = snapshot(
      [
        [1, { pid: 1, family: 'engine', ticks: 100 }],
        [2, { pid: 2, family: 'postgres', ticks: 50 }],
        [9, { pid: 9, family: 'other', ticks: 0 }],
      ],
      10_000,
      8_000,
    );
    const after = snapshot(
      [
        [1, { pid: 1, family: 'engine', ticks: 130 }],
        [2, { pid: 2, family: 'postgres', ticks: 60 }],
        [3, { pid: 3, family: 'postgres', ticks: 10 }],
        [9, { pid: 9, family: 'other', ticks: 500 }],
      ],
      12_000,
      9_000,
    );

    // When the report is made
    const report = cpuReport(before, after, 1000, { ms: 10_000, cores: 2, ticksPerSecond: 100 });

    // Then the engine used 300 ms (0.3 ms/event), PostgreSQL 200 ms, and the foreign process is apart
    expect(report.msPerEvent.engine).toBe(0.3);
    expect(report.msPerEvent.postgres).toBe(0.2);
    expect(report.msPerEvent.other).toBe(5);
    expect(report.msPerEvent.total).toBe(0.5);
    expect(report.busyShare).toBe(0.5);
  });

  it('reports zero per event for an empty run rather than dividing by zero', () => {
    const s = snapshot([], 0, 0);
    expect(cpuReport(s, s, 0, { ms: 0, cores: 2, ticksPerSecond: 100 }).msPerEvent.total).toBe(0);
  });
});
