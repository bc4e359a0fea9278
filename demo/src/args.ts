/** Command line of `npm run demo`. */
import { parseArgs } from 'node:util';

export interface DemoArgs {
  /** Events per second to file. */
  rate: number;
  seed: number;
  /** Seconds to run; null runs until Ctrl-C. */
  durationSeconds: number | null;
}

export const USAGE = `npm run demo -- [--rate N] [--seed S] [--duration SECONDS]
  --rate N            events filed per second (default 50)
  --seed S            seed of the simulated traffic (default 20260407)
  --duration SECONDS  stop after this long (default: run until Ctrl-C)`;

function positive(name: string, value: string | undefined, fallback: number, integer: boolean, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < min || (integer && !Number.isInteger(n))) {
    throw new Error(`--${name} needs ${integer ? 'an integer' : 'a number'} >= ${min}, got ${value}\n${USAGE}`);
  }
  return n;
}

/** Throws with the usage on --help or a bad option. */
export function parseDemoArgs(argv: string[]): DemoArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { rate: { type: 'string' }, seed: { type: 'string' }, duration: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    }));
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : error}\n${USAGE}`);
  }
  if (values.help) throw new Error(USAGE);
  const str = (name: string) => values[name] as string | undefined;
  return {
    rate: positive('rate', str('rate'), 50, false, 0.1),
    seed: positive('seed', str('seed'), 20260407, true, 0),
    durationSeconds: str('duration') === undefined ? null : positive('duration', str('duration'), 0, false, 1),
  };
}
