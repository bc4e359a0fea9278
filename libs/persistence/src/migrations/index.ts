import { InitialSchema1764270000000 } from './1764270000000-initial-schema';
import { SeedBaselineRuleset1764270000001 } from './1764270000001-seed-baseline-ruleset';
import { Operators1764280000000 } from './1764280000000-operators';
import { DeadLetterHeaders1764290000000 } from './1764290000000-dead-letter-headers';
import { ShipmentLanes1764300000000 } from './1764300000000-shipment-lanes';
import { OutboxNotifyTrigger1764300000001 } from './1764300000001-outbox-notify-trigger';
import { OutboxLanes1764300000002 } from './1764300000002-outbox-lanes';
import { LanesBackfill1764300000003 } from './1764300000003-lanes-backfill';
import { ProvenanceAndHolds1764420000000 } from './1764420000000-provenance-and-holds';
import { AdminHardening1764440000000 } from './1764440000000-admin-hardening';
import { OutboxRefusals1764450000000 } from './1764450000000-outbox-refusals';
import { TradeDelivery1764460000000 } from './1764460000000-trade-delivery';
import { OperatorsWorkbench1764470000000 } from './1764470000000-operators-workbench';
import { OutboxPartitions1764480000000 } from './1764480000000-outbox-partitions';
import { OutboxDeletePublished1764490000000 } from './1764490000000-outbox-delete-published';
import { WatchlistKeysColumn1764500000000 } from './1764500000000-watchlist-keys-column';
import { EventLogEnvelopeJson1764510000000 } from './1764510000000-event-log-envelope-json';

/** In order. Listed explicitly (no globs) so they run the same from ts and from dist. */
export const MIGRATIONS = [
  InitialSchema1764270000000,
  SeedBaselineRuleset1764270000001,
  Operators1764280000000,
  DeadLetterHeaders1764290000000,
  ShipmentLanes1764300000000,
  OutboxNotifyTrigger1764300000001,
  OutboxLanes1764300000002,
  LanesBackfill1764300000003,
  ProvenanceAndHolds1764420000000,
  AdminHardening1764440000000,
  OutboxRefusals1764450000000,
  TradeDelivery1764460000000,
  OperatorsWorkbench1764470000000,
  OutboxPartitions1764480000000,
  OutboxDeletePublished1764490000000,
  WatchlistKeysColumn1764500000000,
  EventLogEnvelopeJson1764510000000,
];
