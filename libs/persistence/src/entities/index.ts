import { DeadLetterRow } from './dead-letter.entity';
import { DecisionRow } from './decision.entity';
import { OutboxMessageRow } from './outbox-message.entity';
import { ReferenceListRow } from './reference-list.entity';
import { RulesetRow } from './ruleset.entity';
import { ShipmentEventRow } from './shipment-event.entity';
import { ShipmentRow } from './shipment.entity';
import { WatchlistEntryRow } from './watchlist-entry.entity';

export {
  DeadLetterRow,
  DecisionRow,
  OutboxMessageRow,
  ReferenceListRow,
  RulesetRow,
  ShipmentEventRow,
  ShipmentRow,
  WatchlistEntryRow,
};

export const ENTITIES = [
  ShipmentRow,
  ShipmentEventRow,
  DecisionRow,
  OutboxMessageRow,
  DeadLetterRow,
  RulesetRow,
  ReferenceListRow,
  WatchlistEntryRow,
];
