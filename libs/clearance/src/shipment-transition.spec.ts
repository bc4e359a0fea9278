import { aDeclaration } from '@app/contract/testing';
import type { Shipment } from './shipment';
import { applyDelayNotice, applyManualStatusChange, applyStatusDecision } from './shipment-transition';

const at = new Date('2026-04-07T08:00:00Z');
const earlier = new Date('2026-04-06T20:00:00Z');

function aShipment(overrides: Partial<Shipment> = {}): Shipment {
  return {
    shipmentId: 'SHP-1',
    status: 'PRE_CLEARED',
    priority: 'CRITICAL',
    coldChain: true,
    version: 1,
    amendment: 0,
    declaration: aDeclaration({ shipmentId: 'SHP-1' }),
    rulesetVersion: 1,
    arrivedAt: null,
    submittedAt: earlier,
    releasedAt: null,
    hold: null,
    ownerSource: 'urn:border:1',
    createdAt: earlier,
    updatedAt: earlier,
    ...overrides,
  };
}

const reasons = [{ code: 'X', ruleId: 'x', message: 'x' }];
const decided = { reasons, publicReasons: reasons, hold: null, ownerSource: 'urn:border:1' };

describe('applyStatusDecision', () => {
  it('given a new shipment, when a declaration is decided, then version 1 starts the release clock', () => {
    const declaration = aDeclaration({ shipmentId: 'SHP-1' });
    const t = applyStatusDecision({
      shipmentId: 'SHP-1',
      current: undefined,
      decision: {
        kind: 'status',
        status: 'PRE_CLEARED',
        priority: 'CRITICAL',
        coldChain: true,
        ...decided,
        rulesetVersion: 3,
        amendment: 0,
        arrivedAt: null,
      },
      declaration,
      decidedBy: 'ENGINE',
      causationId: 'evt-1',
      activeRulesetVersion: 3,
      at,
    });
    expect(t.shipment).toMatchObject({ version: 1, status: 'PRE_CLEARED', amendment: 0, declaration, submittedAt: at, createdAt: at });
    expect(t.decision).toMatchObject({ version: 1, decidedBy: 'ENGINE', causationId: 'evt-1', rulesetVersion: 3 });
    expect(t.status).toEqual({
      shipmentId: 'SHP-1',
      version: 1,
      status: 'PRE_CLEARED',
      priority: 'CRITICAL',
      coldChain: true,
      reasons,
      rulesetVersion: 3,
      decidedAt: at.toISOString(),
      decidedBy: 'ENGINE',
      causationId: 'evt-1',
    });
  });

  it('given a pre-cleared shipment, when released on arrival, then the next version keeps the declaration and records the release time', () => {
    const current = aShipment();
    const t = applyStatusDecision({
      shipmentId: 'SHP-1',
      current,
      decision: {
        kind: 'status',
        status: 'RELEASED',
        priority: 'CRITICAL',
        coldChain: true,
        ...decided,
        rulesetVersion: null,
        amendment: 0,
        arrivedAt: '2026-04-07T07:42:00Z',
      },
      decidedBy: 'ENGINE',
      causationId: 'evt-2',
      activeRulesetVersion: 1,
      at,
    });
    expect(t.shipment).toMatchObject({
      version: 2,
      status: 'RELEASED',
      declaration: current.declaration,
      submittedAt: earlier,
      releasedAt: at,
      arrivedAt: new Date('2026-04-07T07:42:00Z'),
      createdAt: earlier,
      updatedAt: at,
    });
    // A lifecycle decision records the ruleset in force.
    expect(t.status.rulesetVersion).toBe(1);
  });

  it('given a declared shipment, when rejected, then the declaration is forgotten so the next valid event is decided as the first', () => {
    const t = applyStatusDecision({
      shipmentId: 'SHP-1',
      current: aShipment({ status: 'DOCUMENT_CHECK' }),
      decision: {
        kind: 'status',
        status: 'REJECTED',
        priority: 'CRITICAL',
        coldChain: true,
        ...decided,
        ownerSource: null,
        rulesetVersion: null,
        amendment: null,
        arrivedAt: null,
      },
      decidedBy: 'ENGINE',
      causationId: null,
      activeRulesetVersion: 1,
      at,
    });
    expect(t.shipment).toMatchObject({ version: 2, status: 'REJECTED', amendment: null, declaration: null, ownerSource: null });
  });

  it('given a decision with internal reasons, when applied, then the decision keeps every reason and the status carries the public ones', () => {
    const internal = [{ code: 'WATCHLIST_MATCH', ruleId: 'watchlist', message: 'RILO alert AP-2026-17' }];
    const publicOnes = [{ code: 'CUSTOMS_CONTROL', ruleId: 'customs-control', message: 'Selected for customs control' }];
    const t = applyStatusDecision({
      shipmentId: 'SHP-1',
      current: undefined,
      decision: {
        kind: 'status',
        status: 'HELD',
        priority: 'CRITICAL',
        coldChain: true,
        reasons: internal,
        publicReasons: publicOnes,
        hold: 'WATCHLIST',
        ownerSource: 'urn:border:1',
        rulesetVersion: 3,
        amendment: 0,
        arrivedAt: null,
      },
      declaration: aDeclaration({ shipmentId: 'SHP-1' }),
      decidedBy: 'ENGINE',
      causationId: 'evt-1',
      activeRulesetVersion: 3,
      at,
    });
    expect(t.decision.reasons).toEqual(internal);
    expect(t.status.reasons).toEqual(publicOnes);
    expect(t.shipment).toMatchObject({ hold: 'WATCHLIST', ownerSource: 'urn:border:1' });
  });
});

describe('applyManualStatusChange', () => {
  const reason = [{ code: 'OPERATOR_DECISION', ruleId: 'operator', message: 'documents verified' }];
  const publicReason = [{ code: 'OPERATOR_DECISION', ruleId: 'operator', message: 'Decided by a customs officer.' }];
  const manual = {
    reasons: reason,
    publicReasons: publicReason,
    holdBy: 'OPERATOR' as const,
    decidedBy: 'OPERATOR:k1' as const,
    activeRulesetVersion: 1,
    at,
  };

  it('given a shipment in DOCUMENT_CHECK that has not arrived, when an operator pre-clears it, then it is PRE_CLEARED and only the status moves', () => {
    const current = aShipment({ status: 'DOCUMENT_CHECK' });
    const t = applyManualStatusChange({ current, status: 'PRE_CLEARED', ...manual });
    expect(t.status).toMatchObject({
      status: 'PRE_CLEARED',
      priority: 'CRITICAL',
      coldChain: true,
      version: 2,
      decidedBy: 'OPERATOR:k1',
      reasons: publicReason,
    });
    expect(t.decision.reasons).toEqual(reason);
    expect(t.shipment.declaration).toBe(current.declaration);
    expect(t.shipment.hold).toBeNull();
  });

  it('given a shipment that has already arrived, when an operator pre-clears it, then it is RELEASED at once with both reasons', () => {
    const current = aShipment({ status: 'DOCUMENT_CHECK', arrivedAt: new Date('2026-04-07T07:42:00Z') });
    const t = applyManualStatusChange({ current, status: 'PRE_CLEARED', ...manual });
    expect(t.status.status).toBe('RELEASED');
    expect(t.status.reasons.map((r) => r.code)).toEqual(['OPERATOR_DECISION', 'RELEASED_ON_ARRIVAL']);
    expect(t.shipment.releasedAt).toBe(at);
  });

  it.each(['DOCUMENT_CHECK', 'INSPECTION_REQUIRED', 'HELD'] as const)(
    'given an operator move to %s, when applied, then the status sticks as an operator hold',
    (status) => {
      const t = applyManualStatusChange({ current: aShipment(), status, ...manual });
      expect(t.shipment).toMatchObject({ status, hold: 'OPERATOR', ownerSource: 'urn:border:1' });
    },
  );

  it('given a watchlist hold, when applied, then it sticks as a watchlist hold', () => {
    const t = applyManualStatusChange({ current: aShipment(), status: 'HELD', ...manual, holdBy: 'WATCHLIST' });
    expect(t.shipment.hold).toBe('WATCHLIST');
  });

  it('given a held shipment, when an operator releases it, then the hold is lifted', () => {
    const t = applyManualStatusChange({ current: aShipment({ status: 'HELD', hold: 'WATCHLIST' }), status: 'RELEASED', ...manual });
    expect(t.shipment).toMatchObject({ status: 'RELEASED', hold: null });
  });
});

describe('applyDelayNotice', () => {
  it('given a held shipment past its service level, when noticed, then only the version and the reason change, for the trade too', () => {
    const arrivedAt = new Date('2026-04-07T06:00:00Z');
    const current = aShipment({ status: 'HELD', hold: 'OPERATOR', version: 3, arrivedAt });
    const t = applyDelayNotice({ current, message: 'Late', activeRulesetVersion: 7, at });
    expect(t.shipment).toEqual({ ...current, version: 4, updatedAt: at });
    const notice = [{ code: 'SERVICE_LEVEL_DELAY', ruleId: 'service-level', message: 'Late' }];
    expect(t.status).toMatchObject({
      version: 4,
      status: 'HELD',
      priority: 'CRITICAL',
      coldChain: true,
      rulesetVersion: 1,
      reasons: notice,
    });
    expect(t.decision).toMatchObject({ version: 4, status: 'HELD', reasons: notice, decidedBy: 'ENGINE', causationId: null });
  });
});
