import { CLEARANCE_STATUSES, type ClearanceStatus } from '@app/contract/clearance-status';
import { type Declaration } from '@app/contract/declaration';
import {
  DEFAULT_EVENT_SOURCE,
  DEFAULT_SHIPMENT_ID,
  type Overrides,
  aCancellation,
  aDeclaration,
  aShipmentEvent,
  anArrival,
  anItem,
} from '@app/contract/testing';
import { OPERATOR_MOVES, canOperatorMove, decide, decideRejection } from './lifecycle';
import { DEFAULT_REFERENCE_LISTS } from './default-ruleset';
import { NOW, aPolicy, aWatchlistEntry } from './testing/policy.fixtures';
import { type ShipmentState } from './types';

const policy = aPolicy({ version: 3 });

const submitted = (d: Declaration = aDeclaration()) => aShipmentEvent('customs.prearrival.submitted', d);
const amended = (amendment: number, d: Overrides<Declaration> = {}) =>
  aShipmentEvent('customs.prearrival.amended', aDeclaration({ ...d, amendment }));
const arrived = (arrivedAt = '2026-04-07T09:10:00Z') => aShipmentEvent('customs.shipment.arrived', anArrival({ arrivedAt }));
const cancelled = (reason = aCancellation().reason) => aShipmentEvent('customs.prearrival.cancelled', aCancellation({ reason }));
const state = (s: Partial<ShipmentState> = {}): ShipmentState => ({
  shipmentId: DEFAULT_SHIPMENT_ID,
  status: 'PRE_CLEARED',
  priority: 'CRITICAL',
  coldChain: true,
  version: 1,
  amendment: 0,
  arrivedAt: null,
  hold: null,
  ownerSource: DEFAULT_EVENT_SOURCE,
  ...s,
});
const from = <E extends { source: string }>(source: string, event: E): E => ({ ...event, source });
const FOREIGN = 'urn:border:XX:somebody-else';
const noAuthorisation = { documents: [] };
const DEFAULT_REFERENCE_LISTS_WITH_GATE = { ...DEFAULT_REFERENCE_LISTS, 'arrival-sources': ['urn:terminal:IDCGK:gate-1'] };

describe('lifecycle', () => {
  describe('submitted / amended', () => {
    it('given an unknown shipment, when submitted, then the assessment becomes the status', () => {
      expect(decide(null, submitted(), policy, NOW)).toEqual({
        kind: 'status',
        status: 'PRE_CLEARED',
        priority: 'CRITICAL',
        coldChain: true,
        reasons: expect.arrayContaining([expect.objectContaining({ code: 'NO_RISK_FOUND' })]),
        publicReasons: expect.arrayContaining([expect.objectContaining({ code: 'NO_RISK_FOUND' })]),
        rulesetVersion: 3,
        amendment: 0,
        arrivedAt: null,
        hold: null,
        ownerSource: DEFAULT_EVENT_SOURCE,
      });
    });

    it('given an unknown shipment, when an amendment arrives first, then it is assessed', () => {
      const d = decide(null, amended(2, noAuthorisation), policy, NOW);
      expect(d).toMatchObject({ kind: 'status', status: 'DOCUMENT_CHECK', amendment: 2 });
    });

    it('given a known shipment at amendment 0, when amendment 1 arrives, then a new decision is made', () => {
      expect(decide(state(), amended(1, noAuthorisation), policy, NOW)).toMatchObject({
        kind: 'status',
        status: 'DOCUMENT_CHECK',
        amendment: 1,
      });
    });

    it('given a known shipment, when an amendment does not change the outcome, then it is still a new decision', () => {
      expect(decide(state(), amended(1), policy, NOW)).toMatchObject({ kind: 'status', status: 'PRE_CLEARED', amendment: 1 });
    });

    it.each([
      [0, 0],
      [2, 1],
      [2, 2],
    ])('given amendment %d in force, when amendment %d arrives, then STALE_AMENDMENT', (inForce, incoming) => {
      expect(decide(state({ amendment: inForce }), amended(incoming, noAuthorisation), policy, NOW)).toMatchObject({
        kind: 'unchanged',
        code: 'STALE_AMENDMENT',
      });
    });

    it('given a known shipment, when a second submission (amendment 0) arrives, then STALE_AMENDMENT', () => {
      expect(decide(state(), submitted(aDeclaration(noAuthorisation)), policy, NOW)).toMatchObject({
        kind: 'unchanged',
        code: 'STALE_AMENDMENT',
      });
    });

    it.each(['RELEASED', 'CANCELLED'] as const)('given a %s shipment, when amended, then FINAL_STATUS', (status) => {
      expect(decide(state({ status }), amended(5, noAuthorisation), policy, NOW)).toMatchObject({
        kind: 'unchanged',
        code: 'FINAL_STATUS',
      });
    });

    it.each(['DOCUMENT_CHECK', 'INSPECTION_REQUIRED', 'HELD'] as const)(
      'given a %s shipment, when amended with a higher number, then reassessed',
      (status) => {
        expect(decide(state({ status, amendment: 1 }), amended(2), policy, NOW)).toMatchObject({
          kind: 'status',
          status: 'PRE_CLEARED',
          amendment: 2,
        });
      },
    );

    it('given a shipment known only from its arrival (no declaration), when submitted, then it is assessed and, if pre-cleared, released at once', () => {
      const s = state({
        status: 'DOCUMENT_CHECK',
        priority: 'STANDARD',
        coldChain: false,
        amendment: null,
        arrivedAt: '2026-04-07T09:10:00Z',
      });
      const d = decide(s, submitted(), policy, NOW);
      expect(d).toMatchObject({
        kind: 'status',
        status: 'RELEASED',
        priority: 'CRITICAL',
        coldChain: true,
        amendment: 0,
        arrivedAt: '2026-04-07T09:10:00Z',
        rulesetVersion: 3,
      });
      if (d.kind !== 'status') throw new Error();
      expect(d.reasons.map((r) => r.code)).toEqual(['CRITICAL_MEDICAL_GOODS', 'COLD_CHAIN', 'NO_RISK_FOUND', 'RELEASED_ON_ARRIVAL']);
    });

    it('given an arrived shipment, when an amendment leads to DOCUMENT_CHECK, then it is not released', () => {
      const s = state({ status: 'DOCUMENT_CHECK', arrivedAt: '2026-04-07T09:10:00Z' });
      expect(decide(s, amended(1, noAuthorisation), policy, NOW)).toMatchObject({
        kind: 'status',
        status: 'DOCUMENT_CHECK',
        arrivedAt: '2026-04-07T09:10:00Z',
      });
    });

    it('given an arrived shipment in DOCUMENT_CHECK, when an amendment pre-clears it, then RELEASED', () => {
      const s = state({ status: 'DOCUMENT_CHECK', arrivedAt: '2026-04-07T09:10:00Z' });
      expect(decide(s, amended(1), policy, NOW)).toMatchObject({ kind: 'status', status: 'RELEASED' });
    });
  });

  describe('REJECTED is not final', () => {
    const rejected = state({ status: 'REJECTED', amendment: null, priority: 'STANDARD', coldChain: false });

    it('given a REJECTED shipment, when a valid submission (amendment 0) arrives, then it is decided as if first', () => {
      expect(decide(rejected, submitted(), policy, NOW)).toMatchObject({ kind: 'status', status: 'PRE_CLEARED', amendment: 0 });
    });

    it('given a REJECTED shipment that had amendment 3 before, when amendment 1 arrives, then it is assessed (not stale)', () => {
      expect(decide({ ...rejected, amendment: 3 }, amended(1), policy, NOW)).toMatchObject({
        kind: 'status',
        status: 'PRE_CLEARED',
        amendment: 1,
      });
    });

    it('given a REJECTED shipment, when it arrives, then DOCUMENT_CHECK with NO_PREARRIVAL_DECLARATION', () => {
      expect(decide(rejected, arrived(), policy, NOW)).toMatchObject({
        kind: 'status',
        status: 'DOCUMENT_CHECK',
        reasons: [{ code: 'NO_PREARRIVAL_DECLARATION' }],
      });
    });

    it('given a REJECTED shipment, when cancelled, then CANCELLED', () => {
      expect(decide(rejected, cancelled(), policy, NOW)).toMatchObject({
        kind: 'status',
        status: 'CANCELLED',
        priority: 'STANDARD',
        coldChain: false,
      });
    });

    it('given a REJECTED shipment owned by nobody, when another source declares it, then that source owns it', () => {
      expect(decide({ ...rejected, ownerSource: null }, from(FOREIGN, submitted()), policy, NOW)).toMatchObject({
        kind: 'status',
        ownerSource: FOREIGN,
      });
    });

    it('given a REJECTED shipment that had arrived, when a valid declaration pre-clears it, then RELEASED', () => {
      expect(decide({ ...rejected, arrivedAt: '2026-04-07T09:10:00Z' }, submitted(), policy, NOW)).toMatchObject({ status: 'RELEASED' });
    });
  });

  describe('arrived', () => {
    it('given an unknown shipment, when it arrives, then DOCUMENT_CHECK, STANDARD, no cold chain, NO_PREARRIVAL_DECLARATION', () => {
      expect(decide(null, arrived(), policy, NOW)).toEqual({
        kind: 'status',
        status: 'DOCUMENT_CHECK',
        priority: 'STANDARD',
        coldChain: false,
        reasons: [{ code: 'NO_PREARRIVAL_DECLARATION', ruleId: 'lifecycle', message: expect.stringContaining('IDCGK') }],
        publicReasons: [{ code: 'NO_PREARRIVAL_DECLARATION', ruleId: 'lifecycle', message: expect.stringContaining('IDCGK') }],
        rulesetVersion: null,
        amendment: null,
        arrivedAt: '2026-04-07T09:10:00Z',
        hold: null,
        ownerSource: null,
      });
    });

    it('given a PRE_CLEARED shipment, when it arrives, then RELEASED keeping priority and cold chain', () => {
      expect(decide(state(), arrived(), policy, NOW)).toEqual({
        kind: 'status',
        status: 'RELEASED',
        priority: 'CRITICAL',
        coldChain: true,
        reasons: [{ code: 'RELEASED_ON_ARRIVAL', ruleId: 'lifecycle', message: expect.stringContaining('released') }],
        publicReasons: [{ code: 'RELEASED_ON_ARRIVAL', ruleId: 'lifecycle', message: expect.stringContaining('released') }],
        rulesetVersion: null,
        amendment: 0,
        arrivedAt: '2026-04-07T09:10:00Z',
        hold: null,
        ownerSource: DEFAULT_EVENT_SOURCE,
      });
    });

    it.each(['DOCUMENT_CHECK', 'INSPECTION_REQUIRED', 'HELD', 'RELEASED', 'CANCELLED'] as const)(
      'given a %s shipment, when it arrives, then the status stays and the arrival is recorded',
      (status) => {
        expect(decide(state({ status }), arrived(), policy, NOW)).toEqual({
          kind: 'unchanged',
          code: 'ARRIVAL_RECORDED',
          message: expect.stringContaining(status),
          arrivedAt: '2026-04-07T09:10:00Z',
        });
      },
    );

    it('given an arrival already recorded, when another arrival comes, then DUPLICATE_ARRIVAL', () => {
      expect(
        decide(state({ status: 'HELD', arrivedAt: '2026-04-07T09:10:00Z' }), arrived('2026-04-07T10:00:00Z'), policy, NOW),
      ).toMatchObject({
        kind: 'unchanged',
        code: 'DUPLICATE_ARRIVAL',
      });
    });
  });

  describe('cancelled', () => {
    it.each(['PRE_CLEARED', 'DOCUMENT_CHECK', 'INSPECTION_REQUIRED', 'HELD'] as const)(
      'given a %s shipment, when cancelled, then CANCELLED with the reason, keeping priority and cold chain',
      (status) => {
        expect(decide(state({ status, amendment: 2 }), cancelled('Duplicate filing'), policy, NOW)).toEqual({
          kind: 'status',
          status: 'CANCELLED',
          priority: 'CRITICAL',
          coldChain: true,
          reasons: [{ code: 'CANCELLED_BY_DECLARANT', ruleId: 'lifecycle', message: expect.stringContaining('Duplicate filing') }],
          publicReasons: [{ code: 'CANCELLED_BY_DECLARANT', ruleId: 'lifecycle', message: expect.stringContaining('Duplicate filing') }],
          rulesetVersion: null,
          amendment: 2,
          arrivedAt: null,
          hold: null,
          ownerSource: DEFAULT_EVENT_SOURCE,
        });
      },
    );

    it('given an unknown shipment, when cancelled, then CANCELLED, STANDARD, no cold chain', () => {
      expect(decide(null, cancelled(), policy, NOW)).toMatchObject({
        kind: 'status',
        status: 'CANCELLED',
        priority: 'STANDARD',
        coldChain: false,
        amendment: null,
      });
    });

    it('given a RELEASED shipment, when cancelled, then recorded and ignored (FINAL_STATUS)', () => {
      expect(decide(state({ status: 'RELEASED' }), cancelled(), policy, NOW)).toMatchObject({ kind: 'unchanged', code: 'FINAL_STATUS' });
    });

    it('given a CANCELLED shipment, when cancelled again, then ALREADY_CANCELLED', () => {
      expect(decide(state({ status: 'CANCELLED' }), cancelled(), policy, NOW)).toMatchObject({
        kind: 'unchanged',
        code: 'ALREADY_CANCELLED',
      });
    });

    it('given a shipment cancelled before any declaration, when cancelled again, then ALREADY_CANCELLED (no new version)', () => {
      const cancelledFirst = state({ status: 'CANCELLED', amendment: null, ownerSource: null });
      expect(decide(cancelledFirst, cancelled(), policy, NOW)).toMatchObject({ kind: 'unchanged', code: 'ALREADY_CANCELLED' });
    });

    it('given a shipment cancelled before any declaration, when its owner declares it, then it is decided as the first declaration', () => {
      const cancelledFirst = state({ status: 'CANCELLED', priority: 'STANDARD', coldChain: false, amendment: null, ownerSource: null });
      expect(decide(cancelledFirst, submitted(), policy, NOW)).toMatchObject({
        kind: 'status',
        status: 'PRE_CLEARED',
        ownerSource: DEFAULT_EVENT_SOURCE,
      });
    });
  });

  describe('provenance', () => {
    it.each([
      ['amended', () => amended(1)],
      ['cancelled', () => cancelled()],
      ['submitted', () => submitted()],
    ])('given a shipment declared by one source, when %s comes from another, then it is refused as SOURCE_MISMATCH', (_type, event) => {
      expect(decide(state(), from(FOREIGN, event()), policy, NOW)).toEqual({
        kind: 'refused',
        errorKind: 'SOURCE_MISMATCH',
        message: expect.stringContaining(FOREIGN),
      });
    });

    it('given a shipment declared by one source, when its owner amends it, then it is assessed', () => {
      expect(decide(state(), amended(1), policy, NOW)).toMatchObject({ kind: 'status', ownerSource: DEFAULT_EVENT_SOURCE });
    });

    it('given an owned shipment, when another source reports the arrival, then SOURCE_MISMATCH', () => {
      expect(decide(state(), from(FOREIGN, arrived()), policy, NOW)).toMatchObject({ kind: 'refused', errorKind: 'SOURCE_MISMATCH' });
    });

    it('given an owned shipment, when a source on the arrival-sources list reports the arrival, then it is released', () => {
      const lists = { ...DEFAULT_REFERENCE_LISTS_WITH_GATE };
      expect(decide(state(), from('urn:terminal:IDCGK:gate-1', arrived()), aPolicy({ lists }), NOW)).toMatchObject({
        kind: 'status',
        status: 'RELEASED',
      });
    });

    it.each([
      ['unknown', null],
      ['REJECTED', state({ status: 'REJECTED', amendment: null, ownerSource: null })],
    ])('given an %s shipment, when any source reports its arrival, then it is accepted (undeclared goods are checked)', (_name, s) => {
      expect(decide(s, from(FOREIGN, arrived()), policy, NOW)).toMatchObject({ kind: 'status', status: 'DOCUMENT_CHECK' });
    });
  });

  describe('holds stick', () => {
    const clean = () => amended(1);
    const heldBy = (hold: 'OPERATOR' | 'WATCHLIST', status: 'DOCUMENT_CHECK' | 'INSPECTION_REQUIRED' | 'HELD' = 'HELD') =>
      state({ status, hold });

    it.each(['OPERATOR', 'WATCHLIST'] as const)(
      'given a HELD set by %s, when a clean amendment comes, then it is recorded and assessed but the status stays HELD',
      (hold) => {
        const d = decide(heldBy(hold), clean(), policy, NOW);
        expect(d).toMatchObject({ kind: 'status', status: 'HELD', hold, amendment: 1 });
        if (d.kind !== 'status') throw new Error();
        expect(d.reasons.map((r) => r.code)).toContain('HOLD_KEPT');
        expect(d.reasons.find((r) => r.code === 'HOLD_KEPT')!.message).toContain('PRE_CLEARED');
        // The trade is not told what the amendment alone would have been.
        expect(d.publicReasons.find((r) => r.code === 'HOLD_KEPT')!.message).not.toContain('PRE_CLEARED');
        expect(d.publicReasons.map((r) => r.code)).not.toContain('NO_RISK_FOUND');
      },
    );

    it('given an operator DOCUMENT_CHECK, when an amendment calls for inspection, then the status is made more severe', () => {
      const d = decide(
        heldBy('OPERATOR', 'DOCUMENT_CHECK'),
        amended(1, {
          parties: { ...aDeclaration().parties, consignee: { ...aDeclaration().parties.consignee, type: 'PRIVATE_INDIVIDUAL' } },
        }),
        policy,
        NOW,
      );
      expect(d).toMatchObject({ kind: 'status', status: 'INSPECTION_REQUIRED', hold: 'OPERATOR' });
    });

    it('given an operator INSPECTION_REQUIRED, when it arrives, then it is not released', () => {
      expect(decide(heldBy('OPERATOR', 'INSPECTION_REQUIRED'), arrived(), policy, NOW)).toMatchObject({
        kind: 'unchanged',
        code: 'ARRIVAL_RECORDED',
      });
    });

    it('given a held shipment that has arrived, when a clean amendment comes, then it is not released', () => {
      const d = decide({ ...heldBy('OPERATOR'), arrivedAt: '2026-04-07T09:10:00Z' }, clean(), policy, NOW);
      expect(d).toMatchObject({ kind: 'status', status: 'HELD' });
    });

    it('given a held shipment, when its owner cancels it, then the cancellation is recorded and it stays held', () => {
      expect(decide(heldBy('WATCHLIST'), cancelled(), policy, NOW)).toMatchObject({ kind: 'unchanged', code: 'HOLD_KEPT' });
    });

    it('given a declaration matching a watchlist, when assessed, then its HELD is a watchlist hold', () => {
      const watched = aPolicy({ watchlist: [aWatchlistEntry('ORIGIN_COUNTRY', aDeclaration().route.originCountry)] });
      expect(decide(null, submitted(), watched, NOW)).toMatchObject({ kind: 'status', status: 'HELD', hold: 'WATCHLIST' });
    });

    it('given a status the engine set without a hold, when a clean amendment comes, then it is lowered as usual', () => {
      expect(decide(state({ status: 'HELD', hold: null }), clean(), policy, NOW)).toMatchObject({
        kind: 'status',
        status: 'PRE_CLEARED',
        hold: null,
      });
    });
  });

  describe('decideRejection', () => {
    const issues = [
      { path: 'data.items[0].hsCode', message: 'must be 6 to 10 digits' },
      { path: 'data.route.originCountry', message: 'must be an ISO 3166-1 alpha-2 code' },
    ];

    it('given an unknown shipment, then REJECTED with one VALIDATION_ERROR per issue', () => {
      const validationErrors = [
        { code: 'VALIDATION_ERROR', ruleId: 'validation', message: 'data.items[0].hsCode: must be 6 to 10 digits' },
        { code: 'VALIDATION_ERROR', ruleId: 'validation', message: 'data.route.originCountry: must be an ISO 3166-1 alpha-2 code' },
      ];
      expect(decideRejection(null, issues)).toEqual({
        kind: 'status',
        status: 'REJECTED',
        priority: 'STANDARD',
        coldChain: false,
        reasons: validationErrors,
        publicReasons: validationErrors,
        rulesetVersion: null,
        amendment: null,
        arrivedAt: null,
        hold: null,
        ownerSource: null,
      });
    });

    it('given a REJECTED shipment, then REJECTED again, keeping priority, cold chain and arrival', () => {
      expect(decideRejection(state({ status: 'REJECTED', amendment: null, arrivedAt: '2026-04-07T09:10:00Z' }), issues)).toMatchObject({
        kind: 'status',
        status: 'REJECTED',
        priority: 'CRITICAL',
        coldChain: true,
        amendment: null,
        arrivedAt: '2026-04-07T09:10:00Z',
      });
    });

    it.each(['PRE_CLEARED', 'DOCUMENT_CHECK', 'INSPECTION_REQUIRED', 'HELD', 'RELEASED', 'CANCELLED'] as const)(
      'given a %s shipment (a valid filing), then nothing changes: the bad event is only dead-lettered',
      (status) => {
        expect(decideRejection(state({ status }), issues)).toMatchObject({ kind: 'unchanged', code: 'INVALID_EVENT_RECORDED' });
      },
    );

    it('given a shipment known only from its arrival, then the bad event changes nothing', () => {
      expect(decideRejection(state({ status: 'DOCUMENT_CHECK', amendment: null, ownerSource: null }), issues)).toMatchObject({
        kind: 'unchanged',
      });
    });

    it('given no issues, then still one reason (reasons are never empty)', () => {
      const d = decideRejection(null, []);
      expect(d.kind === 'status' && d.reasons).toHaveLength(1);
    });

    it('given a rejection then a valid submission, then the submission is decided as if first', () => {
      const r = decideRejection(null, issues);
      if (r.kind !== 'status') throw new Error();
      const after = state({
        status: r.status,
        priority: r.priority,
        coldChain: r.coldChain,
        amendment: r.amendment,
        arrivedAt: r.arrivedAt,
        ownerSource: r.ownerSource,
        version: 2,
      });
      expect(decide(after, submitted(aDeclaration({ items: [anItem()] })), policy, NOW)).toMatchObject({
        kind: 'status',
        status: 'PRE_CLEARED',
        amendment: 0,
      });
    });
  });

  describe('operator moves', () => {
    const table: Record<ClearanceStatus, ClearanceStatus[]> = {
      PRE_CLEARED: ['DOCUMENT_CHECK', 'INSPECTION_REQUIRED', 'HELD'],
      DOCUMENT_CHECK: ['PRE_CLEARED', 'RELEASED', 'INSPECTION_REQUIRED', 'HELD'],
      INSPECTION_REQUIRED: ['RELEASED', 'HELD'],
      HELD: ['INSPECTION_REQUIRED', 'RELEASED'],
      RELEASED: [],
      CANCELLED: [],
      REJECTED: [],
    };

    it('given the table of docs/contract.md#operator-moves, then OPERATOR_MOVES is exactly it', () => {
      expect(OPERATOR_MOVES).toEqual(table);
    });

    for (const from of CLEARANCE_STATUSES) {
      for (const to of CLEARANCE_STATUSES) {
        const allowed = table[from].includes(to);
        it(`given ${from}, when an operator moves to ${to}, then ${allowed ? 'allowed' : 'refused'}`, () => {
          expect(canOperatorMove(from, to)).toBe(allowed);
        });
      }
    }

    it('given an unknown status, then refused (no exception)', () => {
      expect(canOperatorMove('NOPE' as ClearanceStatus, 'HELD')).toBe(false);
      expect(canOperatorMove('HELD', 'NOPE' as ClearanceStatus)).toBe(false);
    });

    it('is frozen', () => {
      expect(Object.isFrozen(OPERATOR_MOVES)).toBe(true);
      expect(Object.isFrozen(OPERATOR_MOVES.HELD)).toBe(true);
    });
  });
});
