/**
 * `npm run bench:parse`: a micro-benchmark of inbound validation alone (record bytes ->
 * parseShipmentEvent result), no Kafka, no database. Three corpora from the load generator
 * (bench/src/generator.ts, seeded): the bench's mix (1% bad records), its valid declarations
 * only, and its bad records only. Each validator runs several rounds over each corpus, in
 * alternating order; the median round's records per second is printed. Run it on a quiet
 * machine (`uptime`): the numbers are only comparable within one run.
 */
import { parseShipmentEvent } from '@app/contract';
import { parseShipmentEventWithSchema } from '@app/contract/validation/parse-shipment-event-schema';
import { generateLoad } from './generator';

type Parse = (value: Buffer | null, key?: Buffer | null) => { ok: boolean };

const VALIDATORS: [string, Parse][] = [
  ['class-validator DTOs', parseShipmentEvent],
  ['JSON Schema + Ajv', parseShipmentEventWithSchema],
];
const ROUNDS = 7;
const MIN_RECORDS_PER_ROUND = 20_000;

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
  ];
}

/** Records per second of one round over `inputs` (repeated up to MIN_RECORDS_PER_ROUND). */
function round(parse: Parse, inputs: Input[]): number {
  const repeats = Math.max(1, Math.ceil(MIN_RECORDS_PER_ROUND / inputs.length));
  let accepted = 0;
  const start = process.hrtime.bigint();
  for (let r = 0; r < repeats; r++) for (const input of inputs) if (parse(input.value, input.key).ok) accepted++;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (accepted < 0) throw new Error('unreachable'); // keeps the results alive
  return (repeats * inputs.length) / seconds;
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
      console.log(`  ${name.padEnd(22)} ${Math.round(median(perSecond)).toLocaleString('en')} records/s`);
  }
}

main();
