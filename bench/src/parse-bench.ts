/**
 * `npm run bench:parse`: a micro-benchmark of inbound validation alone (record bytes ->
 * parseShipmentEvent result), no Kafka, no database. Three corpora from the load generator
 * (bench/src/generator.ts, seeded): the bench's mix (1% bad records), its valid declarations
 * only, and its bad records only; and one hostile record (999 items breaking about 11,000
 * rules, 187 KB). Each validator in VALIDATORS runs several rounds over each corpus, in
 * alternating order; the median round's records per CPU second is printed. Run it on a quiet
 * machine (`uptime`): the numbers are only comparable within one run. To compare another
 * validator (e.g. a rewrite), add it to VALIDATORS: the corpora are checked to get the same
 * verdicts from each first.
 */
import { parseShipmentEvent } from '@app/contract';

import { generateLoad } from './generator';

type Parse = (value: Buffer | null, key?: Buffer | null) => { ok: boolean };

const VALIDATORS: [string, Parse][] = [['parseShipmentEvent', parseShipmentEvent]];
const ROUNDS = 7;
const MIN_RECORDS_PER_ROUND = 20_000;
/** A round stops after this long (the hostile record takes a tenth of a second). */
const MAX_ROUND_SECONDS = 1;

interface Input {
  value: Buffer;
  key: Buffer;
}

function corpora(): [string, Input[]][] {
  const load = generateLoad({ events: 20_000, seed: 20260407 });
  const all = load.records.map((r) => ({ value: Buffer.from(r.value, 'utf8'), key: Buffer.from(r.key, 'utf8'), kind: r.kind }));
  return [
    ['mix (1% bad)', all],
    ['valid declarations', all.filter((r) => r.kind === 'submitted' || r.kind === 'amended')],
    ['bad records', all.filter((r) => r.kind.startsWith('bad-'))],
    ['hostile record', [hostileRecord()]],
  ];
}

/** A declaration of 999 items that each break about 11 rules: the most work one record can ask of the issue list. */
function hostileRecord(): Input & { kind: string } {
  const items = Array.from({ length: 999 }, () => ({
    lineNo: 1,
    hsCode: 'x',
    description: '',
    quantity: -1,
    unit: 5,
    grossMassKg: 'a',
    value: { amount: -1, currency: 'XX', note: 1 },
    storageTemperature: { minC: 9, maxC: 1 },
    expiryDate: 'no',
  }));
  const event = {
    specversion: '1.0',
    id: 'evt-hostile',
    source: 'urn:bench',
    type: 'customs.prearrival.submitted',
    subject: 'SHP-HOSTILE',
    data: { shipmentId: 'SHP-HOSTILE', amendment: 0, transport: [], route: 1, parties: null, items },
  };
  return { value: Buffer.from(JSON.stringify(event), 'utf8'), key: Buffer.from('SHP-HOSTILE'), kind: 'bad-hostile' };
}

/**
 * Records per CPU second (this process's user + system time, so other work on a shared machine
 * matters less than with wall time) of one round: `inputs` over and over, until
 * MIN_RECORDS_PER_ROUND records or MAX_ROUND_SECONDS of CPU.
 */
function round(parse: Parse, inputs: Input[]): number {
  let accepted = 0;
  let records = 0;
  let seconds = 0;
  const start = process.cpuUsage();
  do {
    for (const input of inputs) if (parse(input.value, input.key).ok) accepted++;
    records += inputs.length;
    const used = process.cpuUsage(start);
    seconds = (used.user + used.system) / 1e6;
  } while (records < MIN_RECORDS_PER_ROUND && seconds < MAX_ROUND_SECONDS);
  if (accepted < 0) throw new Error('unreachable'); // keeps the results alive
  return records / seconds;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function main(): void {
  for (const [corpus, inputs] of corpora()) {
    // The validators must agree on the corpus before their speed means anything.
    for (const input of inputs) {
      const verdicts = VALIDATORS.map(([, parse]) => parse(input.value, input.key).ok);
      if (verdicts.some((v) => v !== verdicts[0])) throw new Error(`validators disagree on ${input.value.toString('utf8').slice(0, 200)}`);
    }
    for (const [, parse] of VALIDATORS) round(parse, inputs); // warm-up
    const results = new Map<string, number[]>(VALIDATORS.map(([name]) => [name, []]));
    for (let r = 0; r < ROUNDS; r++) {
      const order = r % 2 === 0 ? VALIDATORS : [...VALIDATORS].reverse();
      for (const [name, parse] of order) results.get(name)?.push(round(parse, inputs));
    }
    console.log(`${corpus} (${inputs.length} records):`);
    for (const [name, perSecond] of results)
      console.log(`  ${name.padEnd(22)} ${Math.round(median(perSecond)).toLocaleString('en')} records per CPU second`);
  }
}

main();
