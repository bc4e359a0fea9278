import { ApiKeyRow } from './api-key.entity';
import { AuditLogEntryRow } from './audit-log-entry.entity';
import { DeadLetterRow } from './dead-letter.entity';
import { ProcessMetricsRow } from './process-metrics.entity';
import { DecisionRow } from './decision.entity';
import { ExaminationRow } from './examination.entity';
import { OutboxMessageRow } from './outbox-message.entity';
import { ReferenceListRow } from './reference-list.entity';
import { RulesetRow } from './ruleset.entity';
import { ShipmentEventRow } from './shipment-event.entity';
import { ShipmentRow } from './shipment.entity';
import { WatchlistEntryRow } from './watchlist-entry.entity';
import { WatchlistRescreenRow } from './watchlist-rescreen.entity';

export { API_ROLES } from './api-key.entity';
export type { ApiRole } from './api-key.entity';
export {
  ApiKeyRow,
  AuditLogEntryRow,
  DeadLetterRow,
  ProcessMetricsRow,
  DecisionRow,
  ExaminationRow,
  OutboxMessageRow,
  ReferenceListRow,
  RulesetRow,
  ShipmentEventRow,
  ShipmentRow,
  WatchlistEntryRow,
  WatchlistRescreenRow,
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
  ApiKeyRow,
  AuditLogEntryRow,
  ProcessMetricsRow,
  WatchlistRescreenRow,
  ExaminationRow,
];
