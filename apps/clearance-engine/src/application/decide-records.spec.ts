import { aDeclaration, anArrival, aShipmentEvent } from '@app/contract/testing';
import type { Shipment } from '@app/clearance';
import { eventKey, positionKey } from '@app/persistence';
import type { CompiledPolicy } from '@app/policy';
import { aPolicy, NOW } from '@app/policy/testing/policy.fixtures';
import type { BatchChanges } from './batch-changes';
import { type DecisionContext, decideRecords } from './decide-records';
import { type ParsedRecord, parseRecord } from './parsed-record';
import type { RecordedBefore } from './recorded-before';
import { aRecord } from './testing.fixtures';

const policy = aPolicy({ version: 4 });
const quiet = { warn: () => undefined, error: () => undefined };
const submitted = (shipmentId: string, source?: string) => {
  const event = aShipmentEvent('customs.prearrival.submitted', aDeclaration({ shipmentId }));
  return source ? { ...event, source } : event;
};
const parsed = (...records: ReturnType<typeof aRecord>[]): ParsedRecord[] =>
  records.map((record) => ({ record, parsed: parseRecord(record) }));
const nothingRecorded = (): RecordedBefore => ({ events: new Set(), rejectedEventIds: new Set(), deadLetteredPositions: new Set() });

function decideWith(records: ParsedRecord[], given: Partial<DecisionContext> = {}): BatchChanges {
  return decideRecords(records, {
    policy,
    now: NOW,
    deadLetterTopic: 'dlq',
    current: new Map(),
    recorded: nothingRecorded(),
    log: quiet,
    ...given,
  });
}

/** The shipment's row once a declaration of it was decided. */
function declared(shipmentId: string): Map<string, Shipment> {
  return decideWith(parsed(aRecord(shipmentId, submitted(shipmentId)))).current;
}

describe('decideRecords', () => {
  it('given a vaccine declaration for an unknown shipment, when decided, then version 1 PRE_CLEARED with its event logged as APPLIED', () => {
    const changes = decideWith(parsed(aRecord('SHP-1', submitted('SHP-1'))));

    expect(changes.outcome).toMatchObject({ applied: 1, deadLettered: 0, duplicates: 0 });
    expect(changes.transitions.map((t) => [t.status.version, t.status.status, t.status.priority])).toEqual([
      [1, 'PRE_CLEARED', 'CRITICAL'],
    ]);
    expect(changes.events.map((e) => e.outcome)).toEqual(['APPLIED']);
    expect(changes.finalRows().map((r) => r.status)).toEqual(['PRE_CLEARED']);
    expect(changes.decided).toEqual([{ recordTimestampMs: 1775548800000, priority: 'CRITICAL' }]);
  });

  it('given a declaration and its arrival in one batch, when decided, then versions 1 and 2, the last row RELEASED', () => {
    const changes = decideWith(
      parsed(
        aRecord('SHP-1', submitted('SHP-1')),
        aRecord('SHP-1', aShipmentEvent('customs.shipment.arrived', anArrival({ shipmentId: 'SHP-1' }))),
      ),
    );
    expect(changes.transitions.map((t) => [t.status.version, t.status.status])).toEqual([
      [1, 'PRE_CLEARED'],
      [2, 'RELEASED'],
    ]);
    expect(changes.finalRows()).toEqual([expect.objectContaining({ version: 2, status: 'RELEASED' })]);
  });

  it('given an event recorded before (same source and id), when decided, then it is a duplicate and nothing is written', () => {
    const event = submitted('SHP-1');
    const recorded = { ...nothingRecorded(), events: new Set([eventKey(event)]) };
    const changes = decideWith(parsed(aRecord('SHP-1', event)), { recorded });
    expect(changes.outcome).toMatchObject({ duplicates: 1, applied: 0 });
    expect(changes.transitions).toEqual([]);
    expect(changes.events).toEqual([]);
  });

  it('given garbage naming an unknown shipment, when decided, then a dead letter, its DLQ record and a REJECTED version', () => {
    const changes = decideWith(parsed(aRecord('SHP-1', 'not json')));
    expect(changes.outcome).toMatchObject({ deadLettered: 1 });
    expect(changes.deadLetters).toEqual([expect.objectContaining({ errorKind: 'NOT_JSON', shipmentId: 'SHP-1' })]);
    expect(changes.outbox.map((m) => m.topic)).toEqual(['dlq']);
    expect(changes.transitions.map((t) => t.status.status)).toEqual(['REJECTED']);
  });

  it('given garbage under the key of a declared shipment, when decided, then only the dead letter: the filing stands', () => {
    const changes = decideWith(parsed(aRecord('SHP-1', 'not json')), { current: declared('SHP-1') });
    expect(changes.deadLetters).toHaveLength(1);
    expect(changes.transitions).toEqual([]);
  });

  it('given a bad record at an inbound position dead-lettered before, when decided, then it is a duplicate', () => {
    const record = aRecord('SHP-1', 'not json');
    const recorded = { ...nothingRecorded(), deadLetteredPositions: new Set([positionKey(record.origin!)]) };
    const changes = decideWith(parsed(record), { recorded });
    expect(changes.outcome).toMatchObject({ duplicates: 1, deadLettered: 0 });
  });

  it('given an amendment from a source that does not own the shipment, when decided, then SOURCE_MISMATCH and no event logged', () => {
    const foreign = {
      ...aShipmentEvent('customs.prearrival.amended', aDeclaration({ shipmentId: 'SHP-1', amendment: 1 })),
      source: 'urn:other',
    };
    const changes = decideWith(parsed(aRecord('SHP-1', foreign)), { current: declared('SHP-1') });
    expect(changes.deadLetters).toEqual([expect.objectContaining({ errorKind: 'SOURCE_MISMATCH', eventId: foreign.id })]);
    expect(changes.events).toEqual([]);
    expect(changes.transitions).toEqual([]);
  });

  it('given a policy that throws, when decided, then the event is dead-lettered as PROCESSING_FAILED and the batch goes on', () => {
    const broken: CompiledPolicy = {
      ...policy,
      assess: () => {
        throw new Error('bug');
      },
    };
    const changes = decideWith(parsed(aRecord('SHP-1', submitted('SHP-1')), aRecord('SHP-2', 'not json')), { policy: broken });
    expect(changes.deadLetters.map((d) => d.errorKind)).toEqual(['PROCESSING_FAILED', 'NOT_JSON']);
    // The sender is not told of our bug: no REJECTED for SHP-1 (SHP-2's garbage is REJECTED as usual).
    expect(changes.transitions.map((t) => [t.status.shipmentId, t.status.status])).toEqual([['SHP-2', 'REJECTED']]);
  });

  it('given a bad event resent with the same id, when decided, then it is dead-lettered again but rejects nothing twice', () => {
    const bad = { ...submitted('SHP-1'), data: { shipmentId: 'SHP-1' } };
    const recorded = { ...nothingRecorded(), rejectedEventIds: new Set([bad.id]) };
    const changes = decideWith(parsed(aRecord('SHP-1', bad)), { recorded });
    expect(changes.deadLetters).toHaveLength(1);
    expect(changes.transitions).toEqual([]);
  });
});
