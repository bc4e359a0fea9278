/** Command line of `npm run chaos`. */
import { parseArgs } from 'node:util';

export interface ChaosArgs {
  /** New shipments per second (each: submitted, amended, arrived). */
  rate: number;
  /** How long the broker is paused with SIGSTOP (longer than the consumers' 15 s session timeout). */
  pauseSeconds: number;
  /** Seconds of load between faults, after a fault's recovery. */
  settleSeconds: number;
  /** Where the JSON report goes (null: none). */
  out: string | null;
}

export const CHAOS_USAGE = `npm run chaos -- [--ci] [--rate N] [--pause-seconds S] [--settle-seconds S] [--out FILE]
  --ci                  the small load for CI: --rate 5 --settle-seconds 3 (the faults are the same)
  --rate N              new shipments per second, each submitted, amended and arrived (default 20)
  --pause-seconds S     how long the broker stays SIGSTOPped (default 25; more than the 15 s session timeout)
  --settle-seconds S    load between a fault's recovery and the next fault (default 10)
  --out FILE            also write the report as JSON`;

function number(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < min)
    throw new Error(`--${name} needs a number >= ${min}, got ${value}\n${CHAOS_USAGE}`);
  return n;
}

export function parseChaosArgs(argv: string[]): ChaosArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        ci: { type: 'boolean' },
        rate: { type: 'string' },
        'pause-seconds': { type: 'string' },
        'settle-seconds': { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${CHAOS_USAGE}`);
  }
  if (values.help) throw new Error(CHAOS_USAGE);
  const str = (name: string) => values[name] as string | undefined;
  const ci = values.ci === true;
  return {
    rate: number('rate', str('rate'), ci ? 5 : 20, 0.5),
    pauseSeconds: number('pause-seconds', str('pause-seconds'), 25, 16),
    settleSeconds: number('settle-seconds', str('settle-seconds'), ci ? 3 : 10, 0),
    out: str('out') ?? null,
  };
}
