import { addOutcome, type BatchOutcome, noOutcome } from './batch-changes';
import { type ParsedBatch, type ParsedRecord, unstorable } from './parsed-record';

/** PostgreSQL data exceptions (class 22, e.g. a NUL character in jsonb): retrying cannot help. */
export function isDataError(error: unknown): boolean {
  const code = (error as { driverError?: { code?: string }; code?: string }).driverError?.code ?? (error as { code?: string }).code;
  return typeof code === 'string' && code.startsWith('22');
}

/**
 * Processes the batches with `process` (one transaction); if PostgreSQL refuses some value, redoes
 * them record by record, one transaction each, so the refused record alone is dead-lettered
 * (UNSTORABLE, with its shipment, else its raw bytes alone) and the partition moves on. Any
 * other error (e.g. the database is down) is thrown: the transport retries the batches.
 */
export async function processIsolatingPoison(
  parts: ParsedBatch[],
  process: (parts: ParsedBatch[]) => Promise<BatchOutcome>,
  onRefused: (error: Error) => void,
): Promise<BatchOutcome> {
  try {
    return await process(parts);
  } catch (error) {
    if (!isDataError(error)) throw error;
    onRefused(error as Error);
  }
  const total = noOutcome();
  for (const { batch, parsed } of parts) {
    const alone = (one: ParsedRecord) => process([{ batch, parsed: [one] }]);
    for (const one of parsed) addOutcome(total, await isolated(one, alone));
  }
  return total;
}

async function isolated(one: ParsedRecord, alone: (one: ParsedRecord) => Promise<BatchOutcome>): Promise<BatchOutcome> {
  let refusal: Error;
  try {
    return await alone(one);
  } catch (error) {
    if (!isDataError(error)) throw error;
    refusal = error as Error;
  }
  try {
    return await alone(unstorable(one, refusal, true));
  } catch (deadLetterError) {
    if (!isDataError(deadLetterError)) throw deadLetterError;
    // Last resort: the raw bytes alone, no shipment, so the partition always moves on.
    return alone(unstorable(one, refusal, false));
  }
}
