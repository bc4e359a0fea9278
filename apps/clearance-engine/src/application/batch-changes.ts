import type { Shipment, Transition } from '@app/clearance';
import type { Priority } from '@app/contract';
import type { OutgoingMessage } from '@app/messaging';
import type { DeadLetterRepository, ShipmentEventRow } from '@app/persistence';

export interface BatchOutcome {
  applied: number;
  unchanged: number;
  duplicates: number;
  deadLettered: number;
  /** Records at or below the stored progress of the partition (a redelivery). */
  skipped: number;
}

export const noOutcome = (): BatchOutcome => ({ applied: 0, unchanged: 0, duplicates: 0, deadLettered: 0, skipped: 0 });

export function addOutcome(total: BatchOutcome, more: BatchOutcome): void {
  for (const key of Object.keys(total) as (keyof BatchOutcome)[]) total[key] += more[key];
}

export type NewDeadLetter = Parameters<DeadLetterRepository['appendMany']>[1][number];

/** Everything one batch writes, flushed in its transaction. */
export class BatchChanges {
  /** Shipments this batch changed. */
  readonly touched = new Set<string>();
  readonly transitions: Transition[] = [];
  readonly events: ShipmentEventRow[] = [];
  readonly deadLetters: NewDeadLetter[] = [];
  /** Kafka timestamp and priority behind each transition, for the latency metric. */
  readonly decided: { recordTimestampMs: number; priority: Priority }[] = [];
  /** Dead-letter records; status events are written with their transitions. */
  readonly outbox: OutgoingMessage[] = [];
  readonly outcome: BatchOutcome = noOutcome();

  /** @param current the rows of the batch's shipments as they stand, updated as the batch decides */
  constructor(readonly current: Map<string, Shipment>) {}

  /** The rows of the shipments this batch changed, as they stand at its end. */
  finalRows(): Shipment[] {
    return [...this.touched].map((id) => this.current.get(id)!);
  }
}
