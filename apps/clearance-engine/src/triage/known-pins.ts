import type { Priority } from '@app/contract';

/**
 * The lanes of shipments this process has seen pinned, so a shipment's later events (amendments,
 * its arrival) are routed without asking the database. Safe to keep: a pin is final once made
 * (ShipmentLaneRepository), whoever made it. Bounded: past `maxEntries` the oldest entries go.
 */
export class KnownPins {
  private readonly lanes = new Map<string, Priority>();

  constructor(private readonly maxEntries = 200_000) {}

  get(shipmentId: string): Priority | undefined {
    return this.lanes.get(shipmentId);
  }

  remember(pins: ReadonlyMap<string, Priority>): void {
    for (const [shipmentId, lane] of pins) {
      this.lanes.delete(shipmentId);
      this.lanes.set(shipmentId, lane);
    }
    for (const oldest of this.lanes.keys()) {
      if (this.lanes.size <= this.maxEntries) break;
      this.lanes.delete(oldest);
    }
  }
}
