/**
 * What the demo has seen, aggregated for the view: filings sent, statuses by status and
 * priority, latency from the produce time of an event to its status, dead letters. Pure: the
 * caller passes the times (performance.now() milliseconds).
 */
import { CLEARANCE_STATUSES, type ClearanceStatus, PRIORITIES, type Priority } from '@app/contract';
import { summarise } from '../../bench/src/stats';
import { FILING_KINDS, type Filing, type FilingKind } from './traffic';

/** Latency samples kept per priority: the most recent ones (percentiles of the recent past). */
export const LATENCY_WINDOW = 20_000;
/** A produced event without its status after this long no longer waits for one. */
export const PENDING_TTL_MS = 120_000;

/** A bounded ring of the most recent samples. */
export class RecentSamples {
  private readonly values: number[] = [];
  private next = 0;
  total = 0;

  constructor(private readonly capacity = LATENCY_WINDOW) {}

  add(value: number): void {
    this.total++;
    if (this.values.length < this.capacity) this.values.push(value);
    else {
      this.values[this.next] = value;
      this.next = (this.next + 1) % this.capacity;
    }
  }

  /** Nearest-rank p50 and p99 of the kept samples, to 0.1 (null when none); count of all samples. */
  percentiles(): { p50: number | null; p99: number | null; count: number } {
    const { p50, p99 } = summarise(this.values);
    return { p50, p99, count: this.total };
  }
}

export interface StatusRecord {
  shipmentId: string;
  version: number;
  status: ClearanceStatus;
  priority: Priority;
  causationId: string | null;
}

export type StatusCounts = Record<ClearanceStatus, Record<Priority, number>>;

function emptyCounts(): StatusCounts {
  const counts = {} as StatusCounts;
  for (const s of CLEARANCE_STATUSES) counts[s] = { CRITICAL: 0, ESSENTIAL: 0, STANDARD: 0 };
  return counts;
}

export class Tally {
  readonly filed = Object.fromEntries(FILING_KINDS.map((k) => [k, 0])) as Record<FilingKind, number>;
  readonly statuses: StatusCounts = emptyCounts();
  readonly latency: Record<Priority, RecentSamples> = {
    CRITICAL: new RecentSamples(),
    ESSENTIAL: new RecentSamples(),
    STANDARD: new RecentSamples(),
  };
  sent = 0;
  /** Status events received for this run's shipments (each version once). */
  received = 0;
  /** Redelivered statuses (a version already seen). */
  duplicates = 0;
  deadLetters = 0;
  expectedStatuses = 0;
  expectedDeadLetters = 0;
  private readonly pending = new Map<string, number>();
  private readonly versions = new Map<string, number>();

  /** A filing was produced at `at`. */
  sentFiling(filing: Filing, at: number): void {
    this.sent++;
    this.filed[filing.kind]++;
    this.expectedStatuses += filing.statusesExpected;
    if (filing.deadLetter) this.expectedDeadLetters++;
    if (filing.record.eventId && filing.statusesExpected > 0) this.pending.set(filing.record.eventId, at);
  }

  /** A status of this run's shipments arrived at `at`. */
  status(record: StatusRecord, at: number): void {
    const seen = this.versions.get(record.shipmentId) ?? 0;
    if (record.version <= seen) {
      this.duplicates++;
      return;
    }
    this.versions.set(record.shipmentId, record.version);
    this.received++;
    this.statuses[record.status][record.priority]++;
    if (record.causationId) {
      const sentAt = this.pending.get(record.causationId);
      if (sentAt !== undefined) {
        this.pending.delete(record.causationId);
        this.latency[record.priority].add(at - sentAt);
      }
    }
  }

  deadLetter(): void {
    this.deadLetters++;
  }

  /** Statuses and dead letters still expected. */
  get outstanding(): number {
    return Math.max(0, this.expectedStatuses - this.received) + Math.max(0, this.expectedDeadLetters - this.deadLetters);
  }

  /** Forgets produced events older than the TTL still without a status. */
  prune(now: number): void {
    for (const [id, at] of this.pending) {
      if (now - at <= PENDING_TTL_MS) break; // insertion order is produce order
      this.pending.delete(id);
    }
  }

  /** Status events by priority, all statuses together. */
  byPriority(): Record<Priority, number> {
    const totals: Record<Priority, number> = { CRITICAL: 0, ESSENTIAL: 0, STANDARD: 0 };
    for (const s of CLEARANCE_STATUSES) for (const p of PRIORITIES) totals[p] += this.statuses[s][p];
    return totals;
  }
}

/** Events per second over a sliding window, from (time, cumulative count) samples. */
export class RateMeter {
  private readonly samples: { at: number; count: number }[] = [];

  constructor(private readonly windowMs = 5_000) {}

  add(at: number, count: number): void {
    this.samples.push({ at, count });
    while (this.samples.length > 2 && at - this.samples[0].at > this.windowMs) this.samples.shift();
  }

  perSecond(): number {
    if (this.samples.length < 2) return 0;
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    return last.at > first.at ? ((last.count - first.count) * 1000) / (last.at - first.at) : 0;
  }
}
