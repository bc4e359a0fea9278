/** What `npm start` runs: how many of each app, from its command line and environment. */
import { parseArgs } from 'node:util';

export const APPS = ['clearance-engine', 'status-publisher', 'admin-api', 'trade-delivery'] as const;
export type AppName = (typeof APPS)[number];

export interface SystemShape {
  engines: number;
  publishers: number;
  /** The admin API runs once: it serves HTTP on one port. */
  adminApis: number;
  /** Webhook delivery workers: they share the endpoints through leases in PostgreSQL. */
  deliveryWorkers: number;
  /**
   * Each engine and publisher serves its probes on `probePortBase + i` (i counts the instances,
   * engines first), so several on one machine do not collide; null: no probe ports.
   */
  probePortBase: number | null;
}

/** One process the supervisor keeps running. */
export interface AppInstance {
  app: AppName;
  /** `clearance-engine#2`: the name in the supervisor's log lines. */
  name: string;
  /** Added to the supervisor's own environment. */
  env: Record<string, string>;
}

export const START_USAGE = `npm start -- [--engines N] [--publishers M]
  --engines N      clearance engine processes, sharing the triage and the lanes through their consumer groups (default 1; START_ENGINES)
  --publishers M   status publisher processes, sharing the outbox's partitions (default 1; START_PUBLISHERS)
  --delivery-workers W   webhook delivery workers, sharing the endpoints by leases (default 1; START_DELIVERY_WORKERS)
  PROBE_PORT       when set, engine and publisher i serve /health/live and /health/ready on PROBE_PORT + i`;

const MAX_INSTANCES = 32;

function count(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value.trim());
  if (!Number.isInteger(n) || n < 1 || n > MAX_INSTANCES) {
    throw new Error(`${name} must be an integer from 1 to ${MAX_INSTANCES}, got ${JSON.stringify(value)}\n${START_USAGE}`);
  }
  return n;
}

/**
 * The shape of the system to run; the command line wins over the environment
 * (START_ENGINES, START_PUBLISHERS, PROBE_PORT). Throws with the usage on a bad value or --help.
 */
export function parseSystemShape(argv: string[], env: Record<string, string | undefined>): SystemShape {
  let values: { engines?: string; publishers?: string; 'delivery-workers'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        engines: { type: 'string' },
        publishers: { type: 'string' },
        'delivery-workers': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${START_USAGE}`);
  }
  if (values.help) throw new Error(START_USAGE);
  const engines = count('--engines', values.engines, count('START_ENGINES', env.START_ENGINES, 1));
  const publishers = count('--publishers', values.publishers, count('START_PUBLISHERS', env.START_PUBLISHERS, 1));
  const deliveryWorkers = count(
    '--delivery-workers',
    values['delivery-workers'],
    count('START_DELIVERY_WORKERS', env.START_DELIVERY_WORKERS, 1),
  );
  let probePortBase: number | null = null;
  if (env.PROBE_PORT !== undefined && env.PROBE_PORT.trim() !== '') {
    probePortBase = Number(env.PROBE_PORT.trim());
    if (!Number.isInteger(probePortBase) || probePortBase < 1 || probePortBase + engines + publishers > 65536) {
      throw new Error(
        `PROBE_PORT must be a port leaving room for ${engines + publishers} consecutive ports, got ${JSON.stringify(env.PROBE_PORT)}`,
      );
    }
  }
  return { engines, publishers, adminApis: 1, deliveryWorkers, probePortBase };
}

/** Every process of the shape, engines first, then publishers, the admin API, the delivery workers. */
export function instancesOf(shape: SystemShape): AppInstance[] {
  const instances: AppInstance[] = [];
  const add = (app: AppName, howMany: number, probes: boolean) => {
    for (let i = 1; i <= howMany; i++) {
      const env: Record<string, string> = {};
      if (probes && shape.probePortBase !== null) env.PROBE_PORT = String(shape.probePortBase + instances.length);
      instances.push({ app, name: howMany > 1 ? `${app}#${i}` : app, env });
    }
  };
  add('clearance-engine', shape.engines, true);
  add('status-publisher', shape.publishers, true);
  add('admin-api', shape.adminApis, false);
  add('trade-delivery', shape.deliveryWorkers, false);
  return instances;
}
