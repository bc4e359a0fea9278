import { randomBytes } from 'node:crypto';
import { aDeclaration, aPrivateConsignee, aShipmentEvent } from '@app/contract/testing';
import { type AdminApiClient } from '../support/admin-api-client';
import { TestSystem } from '../support/test-system';

describe('admin API: examinations and the release gate', () => {
  let system: TestSystem;
  let api: AdminApiClient;
  let operator: Awaited<ReturnType<AdminApiClient['as']>>;
  const run = randomBytes(3).toString('hex');
  let n = 0;
  const reason = 'Physical check at the cold store';

  /** Vaccines to a private person: the falsified-medicine indicators select them for inspection. */
  async function anInspectedShipment(): Promise<string> {
    const shipmentId = `SHP-IT-EX-${run}-${++n}`;
    await system.produce([
      {
        key: shipmentId,
        value: aShipmentEvent('customs.prearrival.submitted', aDeclaration({ shipmentId, parties: { consignee: aPrivateConsignee() } })),
      },
    ]);
    expect((await system.waitForStatus(shipmentId, 1)).data.status).toBe('INSPECTION_REQUIRED');
    return shipmentId;
  }

  const examine = (shipmentId: string, body: Record<string, unknown>) =>
    operator.post(`/api/v1/shipments/${shipmentId}/examinations`).send(body);

  beforeAll(async () => {
    system = await TestSystem.create('admin-examinations');
    await system.startEngine();
    await system.startPublisher();
    api = await system.startAdminApi();
    operator = await api.as('operator');
  });

  afterAll(async () => {
    await system?.close();
  });

  it('given an inspection without a result, when released, then 409 naming the examination; once a result is recorded, 201', async () => {
    const shipmentId = await anInspectedShipment();
    const refused = await operator.post(`/api/v1/shipments/${shipmentId}/decisions`).send({ status: 'RELEASED', reason }).expect(409);
    expect(refused.body.message).toMatch(/examination result/);

    const recorded = await examine(shipmentId, {
      outcome: 'NO_FINDING',
      findings: 'Seals intact, 4800 vials counted, data logger within 2-8 °C',
      temperatureControlledFacility: true,
      quantityChecked: 4800,
    }).expect(201);
    expect(recorded.body).toMatchObject({
      examination: {
        shipmentId,
        shipmentVersion: 1,
        statusAtExamination: 'INSPECTION_REQUIRED',
        outcome: 'NO_FINDING',
        temperatureControlledFacility: true,
        quantityChecked: 4800,
        recordedBy: expect.stringMatching(/^apikey:/),
      },
      statusChange: null,
    });

    await operator.post(`/api/v1/shipments/${shipmentId}/decisions`).send({ status: 'RELEASED', reason }).expect(201);
    expect((await system.waitForStatus(shipmentId, 2)).data.status).toBe('RELEASED');

    const viewer = await api.as('viewer');
    const detail = await viewer.get(`/api/v1/shipments/${shipmentId}`).expect(200);
    expect(detail.body.history.examinations.items).toEqual([
      expect.objectContaining({ id: recorded.body.examination.id, outcome: 'NO_FINDING' }),
    ]);
    expect(detail.body.history.operatorActions.items.map((a: { action: string }) => a.action)).toEqual([
      'shipment.examine',
      'shipment.decide',
    ]);
    const listed = await viewer.get(`/api/v1/shipments/${shipmentId}/examinations`).expect(200);
    expect(listed.body).toEqual({ items: [recorded.body.examination], nextCursor: null });
  });

  it('given a result recorded before the shipment left and re-entered INSPECTION_REQUIRED, when released, then 409 again', async () => {
    const shipmentId = await anInspectedShipment();
    await examine(shipmentId, { outcome: 'DISCREPANCY', findings: 'Two cartons short', temperatureControlledFacility: true }).expect(201);
    await operator.post(`/api/v1/shipments/${shipmentId}/decisions`).send({ status: 'HELD', reason }).expect(201);
    await operator.post(`/api/v1/shipments/${shipmentId}/decisions`).send({ status: 'INSPECTION_REQUIRED', reason }).expect(201);
    await operator.post(`/api/v1/shipments/${shipmentId}/decisions`).send({ status: 'RELEASED', reason }).expect(409);
  });

  const decide = (shipmentId: string, body: Record<string, unknown>) =>
    operator.post(`/api/v1/shipments/${shipmentId}/decisions`).send(body);

  it('given an inspection without a result, when the officer holds it and then releases it, then 409 naming what is missing; once a NO_FINDING result is recorded, 201', async () => {
    const shipmentId = await anInspectedShipment();
    await decide(shipmentId, { status: 'HELD', reason }).expect(201);
    const refused = await decide(shipmentId, { status: 'RELEASED', reason }).expect(409);
    expect(refused.body.message).toMatch(/sent to INSPECTION_REQUIRED and has no examination result since: record one first/);
    expect(refused.body.message).toMatch(/waiveInspection: true/);

    await examine(shipmentId, { outcome: 'NO_FINDING', findings: 'Seals intact', temperatureControlledFacility: true }).expect(201);
    await decide(shipmentId, { status: 'RELEASED', reason }).expect(201);
    expect((await system.waitForStatus(shipmentId, 3)).data.status).toBe('RELEASED');
  });

  it('given an inspection without a result, when the officer holds it and the declarant amends it (hold kept), then the release is still 409', async () => {
    const shipmentId = await anInspectedShipment();
    await decide(shipmentId, { status: 'HELD', reason }).expect(201);
    await system.produce([
      {
        key: shipmentId,
        value: aShipmentEvent(
          'customs.prearrival.amended',
          aDeclaration({ shipmentId, amendment: 1, parties: { consignee: aPrivateConsignee() } }),
        ),
      },
    ]);
    const kept = await system.waitForStatus(shipmentId, 3);
    expect(kept.data).toMatchObject({ status: 'HELD', decidedBy: 'ENGINE' });
    expect(kept.data.reasons.map((r) => r.code)).toContain('HOLD_KEPT');
    await decide(shipmentId, { status: 'RELEASED', reason }).expect(409);
  });

  it('given an inspection without a result, when the officer holds it and releases it waiving the inspection with a reason, then 201, audited, in the history, and not told to the trade', async () => {
    const shipmentId = await anInspectedShipment();
    const waiverReason = 'Vaccines for a national campaign; the inspection team is unavailable; waived by the duty chief';
    await decide(shipmentId, { status: 'HELD', reason }).expect(201);
    const released = await decide(shipmentId, {
      status: 'RELEASED',
      reason: waiverReason,
      publicReason: 'Released',
      waiveInspection: true,
    }).expect(201);
    expect(released.body).toMatchObject({ shipmentId, version: 3, status: 'RELEASED' });

    const published = await system.waitForStatus(shipmentId, 3);
    expect(published.data.reasons).toEqual([{ code: 'OPERATOR_DECISION', ruleId: 'operator', message: 'Released' }]);
    expect(JSON.stringify(published)).not.toMatch(/waive|INSPECTION_WAIVED/i);

    const detail = await (await api.as('viewer')).get(`/api/v1/shipments/${shipmentId}`).expect(200);
    expect(detail.body.history.decisions.items[2].reasons).toEqual([
      { code: 'OPERATOR_DECISION', ruleId: 'operator', message: waiverReason },
      {
        code: 'INSPECTION_WAIVED',
        ruleId: 'operator',
        message: 'RELEASED without the examination INSPECTION_REQUIRED asked for: the officer waived the inspection.',
      },
    ]);
    const waiver = {
      action: 'shipment.decide',
      targetType: 'shipment',
      targetId: shipmentId,
      actorRole: 'operator',
      before: { status: 'HELD', version: 2 },
      after: { status: 'RELEASED', version: 3, publicReason: 'Released', inspectionWaived: true },
      reason: waiverReason,
    };
    expect(detail.body.history.operatorActions.items).toEqual([
      expect.objectContaining({ action: 'shipment.decide', after: { status: 'HELD', version: 2, publicReason: null } }),
      expect.objectContaining(waiver),
    ]);
    const auditLog = await (await api.as('admin')).get('/api/v1/audit-log?limit=50').expect(200);
    expect(auditLog.body.items).toEqual(expect.arrayContaining([expect.objectContaining(waiver)]));
  });

  it('given an inspection without a result, when released straight from INSPECTION_REQUIRED waiving it, then 201', async () => {
    const shipmentId = await anInspectedShipment();
    await decide(shipmentId, { status: 'RELEASED', reason, waiveInspection: true }).expect(201);
    expect((await system.waitForStatus(shipmentId, 2)).data.status).toBe('RELEASED');
  });

  it('given a waiver without a reason, or on a move that lets nothing go, then 400 naming the field; with nothing owed, 409; nothing changes', async () => {
    const shipmentId = await anInspectedShipment();
    const fields = async (body: Record<string, unknown>) =>
      [...new Set(((await decide(shipmentId, body).expect(400)).body.errors as { field: string }[]).map((e) => e.field))].sort();
    expect(await fields({ status: 'RELEASED', waiveInspection: true })).toEqual(['reason']);
    expect(await fields({ status: 'RELEASED', reason: '   ', waiveInspection: true })).toEqual(['reason']);
    expect(await fields({ status: 'HELD', reason, waiveInspection: true })).toEqual(['waiveInspection']);
    expect(await fields({ status: 'RELEASED', reason, waiveInspection: 'yes' })).toEqual(['waiveInspection']);
    await (
      await api.as('viewer')
    )
      .post(`/api/v1/shipments/${shipmentId}/decisions`)
      .send({ status: 'RELEASED', reason, waiveInspection: true })
      .expect(403);

    await examine(shipmentId, { outcome: 'NO_FINDING', findings: 'Seals intact', temperatureControlledFacility: true }).expect(201);
    const nothingOwed = await decide(shipmentId, { status: 'RELEASED', reason, waiveInspection: true }).expect(409);
    expect(nothingOwed.body.message).toMatch(/no inspection is owed, so there is nothing to waive/);
    const detail = await (await api.as('viewer')).get(`/api/v1/shipments/${shipmentId}`).expect(200);
    expect(detail.body).toMatchObject({ status: 'INSPECTION_REQUIRED', version: 1 });
  });

  it('given the OpenAPI document, then the decision request describes waiveInspection', async () => {
    const doc = await api.anonymous().get('/docs-json').expect(200);
    expect(doc.body.components.schemas.DecideShipmentRequest.properties.waiveInspection).toMatchObject({
      type: 'boolean',
      description: expect.stringMatching(/INSPECTION_WAIVED/),
    });
  });

  it.each(['FALSIFIED', 'SEIZED'])(
    'given a %s result, then the shipment is HELD at once, published to the trade without the findings, and stays HELD',
    async (outcome) => {
      const shipmentId = await anInspectedShipment();
      const findings = `Lot numbers do not exist at the manufacturer (${outcome})`;
      const recorded = await examine(shipmentId, { outcome, findings, temperatureControlledFacility: false }).expect(201);
      expect(recorded.body.statusChange).toMatchObject({ shipmentId, version: 2, status: 'HELD' });

      const published = await system.waitForStatus(shipmentId, 2);
      expect(published.data).toMatchObject({
        status: 'HELD',
        reasons: [{ code: 'OPERATOR_DECISION', message: 'Held after customs examination.' }],
      });
      expect(JSON.stringify(published)).not.toContain('Lot numbers');

      for (const status of ['RELEASED', 'INSPECTION_REQUIRED']) {
        const refused = await operator.post(`/api/v1/shipments/${shipmentId}/decisions`).send({ status, reason }).expect(409);
        expect(refused.body.message).toMatch(/stay HELD/);
      }
      // A second result on the HELD shipment is recorded and moves nothing.
      const again = await examine(shipmentId, { outcome: 'NO_FINDING', findings: 'Recount', temperatureControlledFacility: false }).expect(
        201,
      );
      expect(again.body.statusChange).toBeNull();
      await operator.post(`/api/v1/shipments/${shipmentId}/decisions`).send({ status: 'RELEASED', reason }).expect(409);
    },
  );

  it('given bad input, when recorded, then 400 naming each field; a viewer gets 403; unknown 404; a released shipment 409', async () => {
    const shipmentId = await anInspectedShipment();
    const fields = async (body: Record<string, unknown>) =>
      [...new Set(((await examine(shipmentId, body).expect(400)).body.errors as { field: string }[]).map((e) => e.field))].sort();
    expect(await fields({ outcome: 'LOST', findings: 'x', temperatureControlledFacility: true })).toEqual(['outcome']);
    expect(await fields({ outcome: 'NO_FINDING', findings: '  ', temperatureControlledFacility: true })).toEqual(['findings']);
    expect(await fields({ outcome: 'NO_FINDING', findings: 'x', temperatureControlledFacility: 'yes' })).toEqual([
      'temperatureControlledFacility',
    ]);
    expect(await fields({ outcome: 'NO_FINDING', findings: 'x', temperatureControlledFacility: true, quantityChecked: -1 })).toEqual([
      'quantityChecked',
    ]);
    expect(await fields({})).toEqual(['findings', 'outcome', 'temperatureControlledFacility']);

    const body = { outcome: 'NO_FINDING', findings: 'ok', temperatureControlledFacility: true };
    await (await api.as('viewer')).post(`/api/v1/shipments/${shipmentId}/examinations`).send(body).expect(403);
    await examine(`SHP-NONE-${run}`, body).expect(404);
    await examine(shipmentId, body).expect(201);
    await operator.post(`/api/v1/shipments/${shipmentId}/decisions`).send({ status: 'RELEASED', reason }).expect(201);
    await examine(shipmentId, body).expect(409);
  });
});
