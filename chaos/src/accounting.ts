/**
 * The accounting of a fault run: what was sent, what the status topic carried, and what went
 * wrong. Pure: the chaos suite and the scale-out integration test both judge with it.
 */

/** What a shipment's events must produce: versions 1..versions, the last one with `finalStatus`. */
export interface ExpectedShipment {
  shipmentId: string;
  versions: number;
  finalStatus: string;
}

/** One status record as received from the status topic, in the order received (per shipment). */
export interface ReceivedStatus {
  shipmentId: string;
  version: number;
  status: string;
  /** The event that caused the decision (null for an operator's): two different causes for one version are a conflict. */
  causationId: string | null;
}

export interface Accounting {
  shipments: number;
  /** Events the load produced (given by the caller). */
  eventsSent: number;
  statusesExpected: number;
  /** Status records received for the expected shipments, redeliveries included. */
  statusesReceived: number;
  /** Expected versions never received. */
  lost: number;
  /** Records received again for a version already received with the same content (at least once: harmless). */
  duplicated: number;
  /** Versions received with two different contents (status or cause): two decisions for one version. */
  conflicting: number;
  /** Shipments whose versions, first receipts taken, did not arrive in increasing order. */
  outOfOrder: number;
  /** Versions received beyond those expected (a decision nobody asked for). */
  unexpected: number;
  /** Shipments whose last version does not carry the expected status. */
  wrongFinalStatus: number;
  /** A few examples of each kind of problem, for the report. */
  examples: string[];
}

const MAX_EXAMPLES = 10;

export function account(expected: ExpectedShipment[], received: ReceivedStatus[], eventsSent: number): Accounting {
  const byShipment = new Map<string, ReceivedStatus[]>();
  for (const shipment of expected) byShipment.set(shipment.shipmentId, []);
  for (const status of received) byShipment.get(status.shipmentId)?.push(status);

  const result: Accounting = {
    shipments: expected.length,
    eventsSent,
    statusesExpected: expected.reduce((n, s) => n + s.versions, 0),
    statusesReceived: 0,
    lost: 0,
    duplicated: 0,
    conflicting: 0,
    outOfOrder: 0,
    unexpected: 0,
    wrongFinalStatus: 0,
    examples: [],
  };
  const example = (text: string) => {
    if (result.examples.length < MAX_EXAMPLES) result.examples.push(text);
  };

  for (const shipment of expected) {
    const statuses = byShipment.get(shipment.shipmentId)!;
    result.statusesReceived += statuses.length;
    const first = new Map<number, ReceivedStatus>();
    const conflicted = new Set<number>();
    let highestSoFar = 0;
    let inOrder = true;
    for (const status of statuses) {
      const seen = first.get(status.version);
      if (!seen) {
        first.set(status.version, status);
        if (status.version < highestSoFar) inOrder = false;
        highestSoFar = Math.max(highestSoFar, status.version);
      } else if (seen.status === status.status && seen.causationId === status.causationId) {
        result.duplicated++;
      } else if (!conflicted.has(status.version)) {
        conflicted.add(status.version);
        result.conflicting++;
        example(
          `${shipment.shipmentId} v${status.version}: ${seen.status} (${seen.causationId}) and ${status.status} (${status.causationId})`,
        );
      }
    }
    if (!inOrder) {
      result.outOfOrder++;
      example(`${shipment.shipmentId}: versions out of order: ${statuses.map((s) => s.version).join(',')}`);
    }
    for (let v = 1; v <= shipment.versions; v++) {
      if (!first.has(v)) {
        result.lost++;
        example(`${shipment.shipmentId}: version ${v} of ${shipment.versions} never received`);
      }
    }
    for (const version of first.keys()) {
      if (version < 1 || version > shipment.versions) {
        result.unexpected++;
        example(`${shipment.shipmentId}: unexpected version ${version} (expected ${shipment.versions})`);
      }
    }
    const last = first.get(shipment.versions);
    if (last && last.status !== shipment.finalStatus) {
      result.wrongFinalStatus++;
      example(`${shipment.shipmentId}: version ${shipment.versions} is ${last.status}, expected ${shipment.finalStatus}`);
    }
  }
  return result;
}

/** True when nothing was lost, nothing conflicted, nothing came out of order or unasked, every final status right. */
export function isClean(a: Accounting): boolean {
  return a.lost === 0 && a.conflicting === 0 && a.outOfOrder === 0 && a.unexpected === 0 && a.wrongFinalStatus === 0;
}
