import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { type AppConfig } from '@app/config';

/** The repository: above chaos/src when run from source (tests), above dist-tools/chaos/src when compiled. */
function repositoryRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'scripts/paths.js'))) return dir;
    if (dirname(dir) === dir) throw new Error(`No repository above ${from}`);
  }
}

const ROOT = repositoryRoot(__dirname);
const SUPERVISOR_MAIN = join(ROOT, 'dist/supervisor/src/main.js');

/** The environment that makes a compiled app (a real process) run with `config`'s broker, database and topics. */
export function appProcessEnvironment(config: AppConfig, more: Record<string, string> = {}): Record<string, string | undefined> {
  return {
    PATH: process.env.PATH,
    KAFKA_BROKERS: config.kafka.brokers.join(','),
    DATABASE_URL: config.databaseUrl,
    TOPIC_SHIPMENT_EVENTS: config.topics.shipmentEvents,
    TOPIC_CLEARANCE_STATUS: config.topics.clearanceStatus,
    TOPIC_DEAD_LETTER: config.topics.deadLetter,
    TOPIC_PARTITIONS: String(config.topics.partitions),
    ENGINE_GROUP_ID: config.engine.groupId,
    LOG_LEVEL: 'warn',
    ...more,
  };
}

/**
 * `npm start -- --engines N --publishers M` as a real process tree (the compiled supervisor and
 * the apps it starts), its log lines kept: the pids of the apps come from them.
 */
export class SupervisedSystem {
  readonly lines: string[] = [];
  private readonly child: ChildProcess;

  constructor(env: Record<string, string | undefined>, shape: { engines: number; publishers: number }, echo?: (line: string) => void) {
    this.child = spawn(
      process.execPath,
      ['-r', join(ROOT, 'scripts/paths.js'), SUPERVISOR_MAIN, '--engines', String(shape.engines), '--publishers', String(shape.publishers)],
      // With `echo`, the apps' error output goes there too (e.g. to a log file), not to the terminal.
      { cwd: ROOT, env, stdio: ['ignore', 'pipe', echo ? 'pipe' : 'inherit'] },
    );
    this.follow(this.child.stdout!, true, echo);
    if (echo) this.follow(this.child.stderr!, false, echo);
  }

  private follow(stream: NodeJS.ReadableStream, keep: boolean, echo?: (line: string) => void): void {
    let rest = '';
    stream.on('data', (chunk: Buffer) => {
      const parts = (rest + chunk.toString()).split('\n');
      rest = parts.pop()!;
      if (keep) this.lines.push(...parts);
      for (const line of parts) echo?.(line);
    });
  }

  static get mainScript(): string {
    return SUPERVISOR_MAIN;
  }

  /** The pid of an app instance's latest start (`clearance-engine#1`, `admin-api`), from the supervisor's log. */
  pidOf(name: string): number | undefined {
    const started = this.lines.flatMap((line) => {
      const match = / (\S+) started \(pid (\d+)\)/.exec(line);
      return match && match[1] === name ? [Number(match[2])] : [];
    });
    return started.at(-1);
  }

  /** SIGTERM to the supervisor, which stops every app; SIGKILL to all that is left after the grace period. */
  async stop(graceMs = 40_000): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => {
      // The apps run in process groups of their own: none may outlive the run.
      for (const line of this.lines) {
        const match = / started \(pid (\d+)\)/.exec(line);
        if (!match) continue;
        try {
          process.kill(Number(match[1]), 'SIGKILL');
        } catch {
          // already gone
        }
      }
      this.child.kill('SIGKILL');
    }, graceMs);
    await exited;
    clearTimeout(timer);
  }
}

/** Whether `port` can be listened on now, on every address (as the apps listen). */
async function canListen(port: number): Promise<boolean> {
  const server = createServer();
  const listening = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, () => resolve(true));
  });
  if (listening) await new Promise((resolve) => server.close(resolve));
  return listening;
}

/**
 * `count` consecutive TCP ports free now (an app's HTTP port, probe ports at PROBE_PORT + i).
 * Taken below the kernel's ephemeral range (32768 and up on Linux), where the outgoing
 * connections of the broker, the database and the apps themselves take their local ports: a
 * port handed out by the kernel there can be taken by a client socket before the app binds it.
 */
export async function freePorts(count: number): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * (12_000 - count));
    let free = true;
    for (let port = base; free && port < base + count; port++) free = await canListen(port);
    if (free) return base;
  }
  throw new Error(`No ${count} consecutive free ports between 20000 and 32000`);
}

/** A TCP port free now (for an app's HTTP port). */
export const freePort = (): Promise<number> => freePorts(1);
