/** Command line of `npm run bench`. */
export interface BenchArgs {
  events: number;
  out: string | null;
  seed: number;
  partitions: number;
  batchSize: number;
  timeoutSeconds: number;
  skipBaseline: boolean;
  skipRules: boolean;
  profile: boolean;
  /** Open loop: events per second to produce at (null: as fast as the broker takes them). */
  rate: number | null;
  /** The backlog scenario: STANDARD declarations standing in the engine's lane (null: not run). */
  backlog: number | null;
  probes: number;
  probeIntervalMs: number;
  /** Historic shipments written to each system's database before the run (a database that has grown). */
  preseed: number;
}

export const USAGE = `npm run bench -- [--events N] [--out FILE] [--seed S] [--partitions P] [--batch-size B]
                      [--timeout SECONDS] [--skip-baseline] [--skip-rules] [--profile]
                      [--rate R] [--backlog N [--probes K] [--probe-interval MS]] [--preseed N]
  --events N        events to produce (default 20000)
  --out FILE        also write the figures as JSON
  --seed S          seed of the load generator (default 20260407)
  --partitions P    partitions of the run's topics (default 6)
  --batch-size B    records per produce request (default 500)
  --timeout S       per system, after the last event is produced (default 600)
  --skip-baseline   run only the engine
  --skip-rules      skip the rule-evaluation micro-benchmark
  --profile         record a CPU profile of the engine process (written to the run's log folder)
  --rate R          open loop: produce R events per second instead of all at once
                    (latency at a given load; with a large --events, memory under sustained load)
  --backlog N       also run the backlog scenario on the engine: N STANDARD declarations, then
                    CRITICAL probes filed one by one behind them, each timed to its status
  --probes K        probes of the backlog scenario (default 20)
  --probe-interval MS  between probes (default 250)
  --preseed N       first fill each system's database with N released shipments (with their
                    events and decisions), to measure a database that has grown (default 0)`;

export function parseArgs(argv: string[]): BenchArgs {
  const args: BenchArgs = {
    events: 20_000,
    out: null,
    seed: 20260407,
    partitions: 6,
    batchSize: 500,
    timeoutSeconds: 600,
    skipBaseline: false,
    skipRules: false,
    profile: false,
    rate: null,
    backlog: null,
    probes: 20,
    probeIntervalMs: 250,
    preseed: 0,
  };
  const int = (name: string, value: string | undefined, min: number) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new Error(`${name} needs an integer >= ${min}, got ${value}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--events':
        args.events = int(flag, value(), 1);
        break;
      case '--out':
        args.out = value() ?? null;
        if (!args.out) throw new Error('--out needs a file name');
        break;
      case '--seed':
        args.seed = int(flag, value(), 0);
        break;
      case '--partitions':
        args.partitions = int(flag, value(), 1);
        break;
      case '--batch-size':
        args.batchSize = int(flag, value(), 1);
        break;
      case '--timeout':
        args.timeoutSeconds = int(flag, value(), 1);
        break;
      case '--skip-baseline':
        args.skipBaseline = true;
        break;
      case '--skip-rules':
        args.skipRules = true;
        break;
      case '--profile':
        args.profile = true;
        break;
      case '--rate':
        args.rate = int(flag, value(), 1);
        break;
      case '--backlog':
        args.backlog = int(flag, value(), 1);
        break;
      case '--probes':
        args.probes = int(flag, value(), 1);
        break;
      case '--probe-interval':
        args.probeIntervalMs = int(flag, value(), 0);
        break;
      case '--preseed':
        args.preseed = int(flag, value(), 0);
        break;
      case '--help':
      case '-h':
        throw new Error(USAGE);
      default:
        throw new Error(`Unknown option ${a}\n${USAGE}`);
    }
  }
  return args;
}
