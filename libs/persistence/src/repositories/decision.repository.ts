import { Injectable } from '@nestjs/common';
import { DecisionRow } from '../entities';
import { BulkColumn, bulkInsert } from './bulk-insert';
import { type WriteTarget } from './gathered-writes';

export type NewDecision = Omit<DecisionRow, 'id'>;

const COLUMNS: BulkColumn<NewDecision>[] = [
  { column: 'shipment_id', type: 'text', value: (r) => r.shipmentId },
  { column: 'version', type: 'integer', value: (r) => r.version },
  { column: 'status', type: 'text', value: (r) => r.status },
  { column: 'priority', type: 'text', value: (r) => r.priority },
  { column: 'cold_chain', type: 'boolean', value: (r) => r.coldChain },
  { column: 'reasons', type: 'jsonb', value: (r) => r.reasons },
  { column: 'ruleset_version', type: 'integer', value: (r) => r.rulesetVersion },
  { column: 'decided_by', type: 'text', value: (r) => r.decidedBy },
  { column: 'causation_id', type: 'text', value: (r) => r.causationId },
  { column: 'decided_at', type: 'timestamptz', value: (r) => r.decidedAt },
];

/** The append-only history of decisions (one per published status version). */
@Injectable()
export class DecisionRepository {
  async appendMany(target: WriteTarget, rows: NewDecision[]): Promise<void> {
    await bulkInsert(target, 'decisions', COLUMNS, rows);
  }
}
