import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '..', '..');
const run = promisify(execFile);

/**
 * The secured broker's state directory: fixed, so `npm test` (scripts/test.sh) can stop a broker
 * a killed run left behind, and the next start stops it too.
 */
export const SECURE_BROKER_DIR = join(ROOT, '.infra', 'kafka-secure');

const PORTS = { sasl: 19092, controller: 19093, tls: 19094 };

export interface SecureBrokerOptions {
  /** SCRAM users (SHA-256 and SHA-512) written at format time: name -> password. */
  users: Record<string, string>;
  /** Principals allowed everything. */
  superUsers: string[];
  /** Names of the client certificates to make (signed by the broker's CA). */
  tlsClients: string[];
}

/**
 * A second, secured Kafka broker for the security tests, started by scripts/kafka.sh next to
 * the shared one (other ports, its own state directory, the same jars): a SASL_PLAINTEXT
 * listener, a SASL_SSL listener requiring a client certificate, the standard authorizer, and
 * no access without an ACL.
 */
export class SecureBroker {
  readonly saslBootstrap = `localhost:${PORTS.sasl}`;
  readonly tlsBootstrap = `localhost:${PORTS.tls}`;

  private constructor(private readonly environment: NodeJS.ProcessEnv) {}

  static async start(options: SecureBrokerOptions): Promise<SecureBroker> {
    const broker = new SecureBroker({
      ...process.env,
      KAFKA_INFRA_DIR: SECURE_BROKER_DIR,
      // The jars of this checkout's broker (scripts/kafka.sh fetches them there when missing).
      KAFKA_LIBS_DIR: join(ROOT, '.infra', 'kafka', 'libs'),
      KAFKA_PORT: String(PORTS.sasl),
      KAFKA_CONTROLLER_PORT: String(PORTS.controller),
      KAFKA_SSL_PORT: String(PORTS.tls),
      KAFKA_SCRAM_USERS: Object.entries(options.users)
        .map(([name, password]) => `${name}=${password}`)
        .join(','),
      KAFKA_SUPER_USERS: options.superUsers.join(','),
      KAFKA_TLS_CLIENTS: options.tlsClients.join(','),
      KAFKA_HEAP: '-Xms128m -Xmx384m',
    });
    // A broker left by a run that was killed, and its data, go first: credentials are made at format time.
    await broker.stop();
    try {
      await broker.script('start');
    } catch (error) {
      await broker.stop();
      throw error;
    }
    return broker;
  }

  /** A file of the broker's TLS material: ca.pem, <client>.pem, <client>.key. */
  tlsFile(name: string): string {
    return join(SECURE_BROKER_DIR, 'tls', name);
  }

  /** Stops the broker (if it runs) and deletes its state directory. */
  async stop(): Promise<void> {
    await this.script('stop');
    rmSync(SECURE_BROKER_DIR, { recursive: true, force: true });
  }

  private async script(command: 'start' | 'stop'): Promise<void> {
    try {
      await run('bash', [join(ROOT, 'scripts', 'kafka.sh'), command], { cwd: ROOT, env: this.environment, timeout: 600_000 });
    } catch (error) {
      const { stdout, stderr } = error as { stdout?: string; stderr?: string };
      throw new Error(`scripts/kafka.sh ${command} (secured broker) failed: ${(error as Error).message}\n${stdout ?? ''}${stderr ?? ''}`);
    }
  }
}
