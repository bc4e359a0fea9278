import { anArrival, aShipmentEvent } from '@app/contract/testing';
import { type AdminApiClient } from './admin-api-client';
import { TestClock } from './test-clock';
import { TestSystem } from './test-system';

const MINUTE_MS = 60_000;

/**
 * The time of a statistics test: a TestClock that starts at the file's own T0 (years away from the
 * other files' shipments, which use the real time, so only its own are in a window) and moves in
 * whole minutes, and the system that lives on it: the engine, the status publisher and the admin API.
 */
export class StatsTimeline {
  readonly clock: TestClock;
  private started: TestSystem | null = null;

  constructor(private readonly t0: Date) {
    this.clock = new TestClock(t0);
  }

  /** `minutes` after T0 (an arrow, so that a test may take it out: `const { at } = timeline`). */
  readonly at = (minutes: number): Date => new Date(this.t0.getTime() + minutes * MINUTE_MS);

  /** A TestSystem on this clock with the engine, the status publisher and the admin API started; close() closes it. */
  async start(name: string): Promise<{ system: TestSystem; api: AdminApiClient }> {
    const system = await TestSystem.create(name, { clock: this.clock });
    this.started = system;
    await system.startEngine();
    await system.startPublisher();
    return { system, api: await system.startAdminApi() };
  }

  /** Moves the clock to `minutes` after T0 and produces the shipment's arrival at that moment. */
  readonly arrive = async (shipmentId: string, minutes: number): Promise<void> => {
    if (!this.started) throw new Error('start() the timeline first');
    this.clock.set(this.at(minutes));
    await this.started.produce([
      {
        key: shipmentId,
        value: aShipmentEvent('customs.shipment.arrived', anArrival({ shipmentId, arrivedAt: this.at(minutes).toISOString() })),
      },
    ]);
  };

  async close(): Promise<void> {
    await this.started?.close();
  }
}
