/**
 * The bench's accounting of what came out: every status received, checked against the
 * expected final status and version count of every shipment.
 */
import { type ClearanceStatus, type Priority } from '@app/contract';
import { type ExpectedShipment } from './generator';

export interface ReceivedStatus {
  shipmentId: string;
  version: number;
  status: ClearanceStatus;
  priority: Priority;
  causationId: string | null;
}

export interface CorrectnessReport {
  correct: boolean;
  shipments: number;
  /** Shipments whose highest version has the expected status and number. */
  matching: number;
  /** Expected shipments without any status. */
  missing: number;
  /** Shipments whose highest version or its status is not the expected one. */
  wrongFinal: number;
  /** Shipments missing a version between 1 and their highest. */
  versionGaps: number;
  /** A version received after a higher one of the same shipment. */
  outOfOrder: number;
  /** Redelivered versions with the same status (harmless, at least once). */
  duplicates: number;
  /** The same version received with different statuses. */
  conflicting: number;
  /** Statuses of shipments the load does not contain. */
  unexpected: number;
  /** Up to 10 examples of what went wrong. */
  examples: string[];
}

interface Seen {
  statuses: Map<number, ClearanceStatus>;
  highest: number;
  outOfOrder: number;
  duplicates: number;
  conflicting: number;
}

/**
 * Folds statuses in as they arrive and knows at every moment whether every expected shipment
 * reached its final status (`complete`), so the bench can stop at once.
 */
export class StatusLedger {
  private readonly seen = new Map<string, Seen>();
  private done = 0;
  private unexpected = 0;

  constructor(private readonly expected: ReadonlyMap<string, ExpectedShipment>) {}

  /** Records one status; true when it made its shipment reach the expected final version. */
  add(s: ReceivedStatus): boolean {
    const want = this.expected.get(s.shipmentId);
    if (!want) {
      this.unexpected++;
      return false;
    }
    let seen = this.seen.get(s.shipmentId);
    if (!seen) {
      seen = { statuses: new Map(), highest: 0, outOfOrder: 0, duplicates: 0, conflicting: 0 };
      this.seen.set(s.shipmentId, seen);
    }
    const before = this.isDone(seen, want);
    const previous = seen.statuses.get(s.version);
    if (previous !== undefined) {
      if (previous === s.status) seen.duplicates++;
      else seen.conflicting++;
      return false;
    }
    if (s.version < seen.highest) seen.outOfOrder++;
    seen.statuses.set(s.version, s.status);
    if (s.version > seen.highest) seen.highest = s.version;
    const after = this.isDone(seen, want);
    if (!before && after) {
      this.done++;
      return true;
    }
    if (before && !after) this.done--;
    return false;
  }

  /** Whether this version of the shipment was received already. */
  has(shipmentId: string, version: number): boolean {
    return this.seen.get(shipmentId)?.statuses.has(version) ?? false;
  }

  private isDone(seen: Seen, want: ExpectedShipment): boolean {
    return seen.highest === want.versions && seen.statuses.size === want.versions && seen.statuses.get(seen.highest) === want.status;
  }

  get complete(): boolean {
    return this.done === this.expected.size;
  }

  get completed(): number {
    return this.done;
  }

  report(): CorrectnessReport {
    const r: CorrectnessReport = {
      correct: false,
      shipments: this.expected.size,
      matching: 0,
      missing: 0,
      wrongFinal: 0,
      versionGaps: 0,
      outOfOrder: 0,
      duplicates: 0,
      conflicting: 0,
      unexpected: this.unexpected,
      examples: [],
    };
    const example = (text: string) => {
      if (r.examples.length < 10) r.examples.push(text);
    };
    for (const [id, want] of this.expected) {
      const seen = this.seen.get(id);
      if (!seen) {
        r.missing++;
        example(`${id}: no status (expected ${want.status} v${want.versions})`);
        continue;
      }
      r.duplicates += seen.duplicates;
      r.outOfOrder += seen.outOfOrder > 0 ? 1 : 0;
      r.conflicting += seen.conflicting > 0 ? 1 : 0;
      if (seen.outOfOrder > 0) example(`${id}: versions out of order`);
      if (seen.conflicting > 0) example(`${id}: one version with two statuses`);
      if (seen.statuses.size !== seen.highest) {
        r.versionGaps++;
        const missingVersions = Array.from({ length: seen.highest }, (_, i) => i + 1).filter((v) => !seen.statuses.has(v));
        example(`${id}: versions ${missingVersions.join(', ')} missing below v${seen.highest}`);
      }
      const final = seen.statuses.get(seen.highest);
      if (seen.highest !== want.versions || final !== want.status) {
        r.wrongFinal++;
        example(`${id}: ended ${final} v${seen.highest}, expected ${want.status} v${want.versions}`);
      } else if (seen.statuses.size === seen.highest) {
        r.matching++;
      }
    }
    r.correct = r.matching === r.shipments && r.outOfOrder === 0 && r.conflicting === 0 && r.unexpected === 0;
    return r;
  }
}
