import { aShipmentEvent } from '@app/contract/testing';
import { type Declaration } from '@app/contract';
import { DEFAULT_REFERENCE_LISTS, DEFAULT_RULESET_DOCUMENT, REFERENCE_LIST_NAMES, type RulesetDocument } from '@app/policy';
import { type AdminApiClient } from '../support/admin-api-client';
import { aStandardDeclaration, unsampledShipmentId } from '../support/test-data';
import { TestSystem } from '../support/test-system';

type FieldError = { field: string; message: string };
const fieldsOf = (body: { errors: FieldError[] }) => body.errors.map((e) => e.field);

/** The baseline document with every STANDARD non-AEO shipment sampled. */
function everyShipmentSampled(): RulesetDocument {
  const doc = structuredClone(DEFAULT_RULESET_DOCUMENT);
  doc.description = 'Sampling campaign: every STANDARD shipment';
  doc.rules.find((r) => r.kind === 'RANDOM_SAMPLING')!.params.rate = 1;
  return doc;
}

describe('admin API: rulesets and reference lists', () => {
  let system: TestSystem;
  let api: AdminApiClient;
  /** Versions created here, removed in afterAll so later suites of the run see only version 1. */
  const created: number[] = [];

  beforeAll(async () => {
    system = await TestSystem.create('admin-rulesets');
    await system.startEngine();
    await system.startPublisher();
    api = await system.startAdminApi();
  });

  afterAll(async () => {
    try {
      const admin = await api.as('admin');
      await admin.post('/api/v1/rulesets/1/activate').expect(200);
      for (const name of REFERENCE_LIST_NAMES) {
        await admin.put(`/api/v1/reference-lists/${name}`).send({ entries: DEFAULT_REFERENCE_LISTS[name] }).expect(200);
      }
      const db = await system.db();
      await db.query('DELETE FROM rulesets WHERE version = ANY($1) AND NOT active', [created]);
    } finally {
      await system?.close();
    }
  });

  async function submit(declaration: Declaration) {
    const shipmentId = declaration.shipmentId;
    await system.produce([{ key: shipmentId, value: aShipmentEvent('customs.prearrival.submitted', declaration) }]);
    return system.waitForStatus(shipmentId, 1);
  }

  async function createRuleset(document: unknown): Promise<number> {
    const response = await (
      await api.as('admin')
    )
      .post('/api/v1/rulesets')
      .send(document as object)
      .expect(201);
    created.push(response.body.version);
    return response.body.version;
  }

  async function auditOf(targetType: string, targetId: string) {
    const db = await system.db();
    return db.query(
      'SELECT action, actor, actor_role, before, after FROM audit_log WHERE target_type = $1 AND target_id = $2 ORDER BY id',
      [targetType, targetId],
    );
  }

  describe('access', () => {
    it('given no key, when any ruleset or list route is called, then 401', async () => {
      const anonymous = api.anonymous();
      await anonymous.get('/api/v1/rulesets').expect(401);
      await anonymous.get('/api/v1/rulesets/1').expect(401);
      await anonymous.post('/api/v1/rulesets').send(DEFAULT_RULESET_DOCUMENT).expect(401);
      await anonymous.post('/api/v1/rulesets/1/dry-run').expect(401);
      await anonymous.post('/api/v1/rulesets/1/activate').expect(401);
      await anonymous.get('/api/v1/reference-lists/critical-hs-codes').expect(401);
      await anonymous
        .put('/api/v1/reference-lists/critical-hs-codes')
        .send({ entries: ['3002'] })
        .expect(401);
    });

    it.each(['viewer', 'operator'] as const)('given the %s role, then it reads but every change is 403', async (role) => {
      const client = await api.as(role);
      await client.get('/api/v1/rulesets').expect(200);
      await client.get('/api/v1/rulesets/1').expect(200);
      await client.get('/api/v1/reference-lists/essential-hs-codes').expect(200);
      await client.post('/api/v1/rulesets').send(everyShipmentSampled()).expect(403);
      await client.post('/api/v1/rulesets/1/dry-run').expect(403);
      await client.post('/api/v1/rulesets/1/activate').expect(403);
      await client
        .put('/api/v1/reference-lists/critical-hs-codes')
        .send({ entries: ['3002'] })
        .expect(403);
    });
  });

  describe('reading rulesets', () => {
    it('given the seeded baseline, when versions are listed, then version 1 is active, newest first, without documents', async () => {
      const viewer = await api.as('viewer');
      const list = await viewer.get('/api/v1/rulesets?limit=500').expect(200);
      const versions = list.body.items.map((r: { version: number }) => r.version);
      expect(versions).toEqual([...versions].sort((a, b) => b - a));
      expect(list.body.items.find((r: { version: number }) => r.version === 1)).toEqual({
        version: 1,
        active: true,
        description: DEFAULT_RULESET_DOCUMENT.description,
        createdBy: 'migration',
        createdAt: expect.any(String),
        activatedAt: expect.any(String),
        approvedBy: 'migration',
        approvedAt: expect.any(String),
      });
      expect(list.body.items[0].document).toBeUndefined();
      expect(list.body.nextCursor).toBeNull();
    });

    it('given several versions, when listed a page at a time, then each page holds older versions than the last, and a forged cursor is 400', async () => {
      const viewer = await api.as('viewer');
      const all = (await viewer.get('/api/v1/rulesets?limit=500').expect(200)).body.items.map((r: { version: number }) => r.version);
      const paged: number[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { items: { version: number }[]; nextCursor: string | null } } = await viewer
          .get(`/api/v1/rulesets?limit=1${cursor ? `&cursor=${cursor}` : ''}`)
          .expect(200);
        expect(page.body.items.length).toBeLessThanOrEqual(1);
        paged.push(...page.body.items.map((r) => r.version));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(paged).toEqual(all);
      const forged = Buffer.from(JSON.stringify({ beforeVersion: '1 OR 1=1' })).toString('base64url');
      await viewer.get(`/api/v1/rulesets?cursor=${forged}`).expect(400);
      await viewer.get('/api/v1/rulesets?limit=501').expect(400);
    });

    it('given version 1, when read, then its document comes with it', async () => {
      const one = await (await api.as('viewer')).get('/api/v1/rulesets/1').expect(200);
      expect(one.body).toMatchObject({ version: 1, active: true, document: DEFAULT_RULESET_DOCUMENT });
    });

    it('given an unknown or malformed version, then 404 or 400 naming the version', async () => {
      const viewer = await api.as('viewer');
      await viewer.get('/api/v1/rulesets/999999').expect(404);
      for (const bad of ['abc', '0', '-1', '1.5', '1e3', '9999999999', encodeURIComponent("1' OR '1'='1")]) {
        const response = await viewer.get(`/api/v1/rulesets/${bad}`).expect(400);
        expect(fieldsOf(response.body)).toEqual(['version']);
      }
    });
  });

  describe('creating rulesets', () => {
    it.each([
      [
        'a sampling rate above 1',
        () => ({
          ...everyShipmentSampled(),
          rules: everyShipmentSampled().rules.map((r) => (r.kind === 'RANDOM_SAMPLING' ? { ...r, params: { ...r.params, rate: 2 } } : r)),
        }),
        'rules[7].params.rate',
      ],
      [
        'an unknown rule kind',
        () => ({ rules: [...DEFAULT_RULESET_DOCUMENT.rules, { id: 'magic', kind: 'MAGIC', enabled: true, outcome: 'HELD', params: {} }] }),
        'rules[8].kind',
      ],
      ['no rules', () => ({ description: 'empty' }), 'rules'],
      ['an unknown top-level field', () => ({ ...DEFAULT_RULESET_DOCUMENT, version: 7 }), 'version'],
      ['an array instead of a document', () => [DEFAULT_RULESET_DOCUMENT], '(document)'],
      [
        'an injection string as a rule id',
        () => ({ rules: DEFAULT_RULESET_DOCUMENT.rules.map((r, i) => (i === 2 ? { ...r, id: "x'; DROP TABLE rulesets;--" } : r)) }),
        'rules[2].id',
      ],
    ])('given %s, then 422 with each error and its field, and no version is created', async (_, document, field) => {
      const admin = await api.as('admin');
      const before = (await admin.get('/api/v1/rulesets?limit=500').expect(200)).body.items.length;
      const response = await admin.post('/api/v1/rulesets').send(document()).expect(422);
      expect(response.body).toMatchObject({ statusCode: 422, error: 'Unprocessable Entity', message: expect.any(String) });
      expect(fieldsOf(response.body)).toContain(field);
      expect((await admin.get('/api/v1/rulesets?limit=500').expect(200)).body.items.length).toBe(before);
    });

    it('given a body that is not a JSON object, then 400 or 422, never 500', async () => {
      const admin = await api.as('admin');
      await admin.post('/api/v1/rulesets').set('Content-Type', 'application/json').send('"rules"').expect(400);
      await admin.post('/api/v1/rulesets').set('Content-Type', 'application/json').send('{"rules": [').expect(400);
      await admin.post('/api/v1/rulesets').set('Content-Type', 'application/json').send('null').expect(400);
      await admin.post('/api/v1/rulesets').set('Content-Type', 'text/plain').send('rules').expect(422);
      await admin.post('/api/v1/rulesets').expect(422);
    });

    it('given a valid document, when created, then it is the next version, inactive, with defaults filled in, and audited', async () => {
      const admin = await api.as('admin');
      const document = everyShipmentSampled();
      delete (document.rules.find((r) => r.kind === 'RANDOM_SAMPLING')!.params as Record<string, unknown>).exemptAeoConsignee;
      const response = await admin.post('/api/v1/rulesets').send(document).expect(201);
      created.push(response.body.version);

      expect(response.body).toEqual({
        version: expect.any(Number),
        active: false,
        description: document.description,
        createdBy: expect.stringMatching(/^apikey:/),
        createdAt: expect.any(String),
        activatedAt: null,
        approvedBy: null,
        approvedAt: null,
      });
      expect(response.body.version).toBeGreaterThan(1);
      const list = await admin.get('/api/v1/rulesets?limit=500').expect(200);
      expect(list.body.items[0]).toMatchObject({ version: response.body.version, active: false });
      const stored = await admin.get(`/api/v1/rulesets/${response.body.version}`).expect(200);
      expect(stored.body.document.rules.find((r: { kind: string }) => r.kind === 'RANDOM_SAMPLING').params).toEqual({
        rate: 1,
        priorities: ['STANDARD'],
        exemptAeoConsignee: true,
      });
      const [entry] = await auditOf('ruleset', String(response.body.version));
      expect(entry).toMatchObject({ action: 'ruleset.create', actor_role: 'admin', after: { version: response.body.version } });
    });

    it('given several creates at once, then each gets its own consecutive version', async () => {
      const versions = await Promise.all(Array.from({ length: 5 }, () => createRuleset(everyShipmentSampled())));
      const sorted = [...versions].sort((a, b) => a - b);
      expect(new Set(versions).size).toBe(5);
      expect(sorted[4] - sorted[0]).toBe(4);
    });
  });

  describe('dry-run, activation and rollback', () => {
    it('given a ruleset sampling every STANDARD shipment, when dry-run, activated and rolled back, then decisions follow each step', async () => {
      const admin = await api.as('admin');
      const earlier = await submit(aStandardDeclaration(unsampledShipmentId('SHP-RS-DRY')));
      expect(earlier.data).toMatchObject({ status: 'PRE_CLEARED', priority: 'STANDARD', rulesetVersion: 1 });
      const version = await createRuleset(everyShipmentSampled());

      // Dry-run: the earlier shipment would be sampled; nothing is written.
      const dryRun = await admin.post(`/api/v1/rulesets/${version}/dry-run?limit=50`).expect(200);
      expect(dryRun.body).toMatchObject({ version, activeVersion: 1 });
      expect(dryRun.body.evaluated).toBeGreaterThanOrEqual(1);
      expect(dryRun.body.evaluated).toBeLessThanOrEqual(50);
      expect(dryRun.body.differences).toContainEqual({
        shipmentId: earlier.data.shipmentId,
        old: { status: 'PRE_CLEARED', priority: 'STANDARD', publicReasonCodes: ['STANDARD_GOODS', 'NO_RISK_FOUND'] },
        new: {
          status: 'DOCUMENT_CHECK',
          priority: 'STANDARD',
          publicReasonCodes: ['STANDARD_GOODS', 'RANDOM_COMPLIANCE_SAMPLE', 'OUTCOME_DOCUMENT_CHECK'],
        },
      });
      expect(dryRun.body.changed).toBe(dryRun.body.differences.length);
      const { current, candidate } = dryRun.body.counts;
      expect(Object.keys(candidate).sort()).toEqual(['DOCUMENT_CHECK', 'HELD', 'INSPECTION_REQUIRED', 'PRE_CLEARED']);
      expect(candidate.DOCUMENT_CHECK).toBeGreaterThan(current.DOCUMENT_CHECK);
      const db = await system.db();
      const [row] = await db.query('SELECT status, version FROM shipments WHERE shipment_id = $1', [earlier.data.shipmentId]);
      expect(row).toEqual({ status: 'PRE_CLEARED', version: 1 });
      expect((await admin.get(`/api/v1/rulesets/${version}`).expect(200)).body.active).toBe(false);

      // Approved by a second admin (four eyes), then activated: a new STANDARD declaration is sampled under the new version.
      await (await api.asPerson('second admin', 'admin')).post(`/api/v1/rulesets/${version}/approve`).expect(200);
      const activated = await admin.post(`/api/v1/rulesets/${version}/activate`).expect(200);
      expect(activated.body).toMatchObject({
        changed: true,
        previousActiveVersion: 1,
        ruleset: { version, active: true, activatedAt: expect.any(String) },
      });
      const sampled = await submit(aStandardDeclaration(unsampledShipmentId('SHP-RS-ON')));
      expect(sampled.data).toMatchObject({ status: 'DOCUMENT_CHECK', priority: 'STANDARD', rulesetVersion: version });
      expect(sampled.data.reasons.map((r) => r.code)).toContain('RANDOM_COMPLIANCE_SAMPLE');

      // Activating it again changes nothing, and says so.
      const again = await admin.post(`/api/v1/rulesets/${version}/activate`).expect(200);
      expect(again.body).toMatchObject({ changed: false, message: expect.stringMatching(/already active/) });

      // Rolled back: version 1 decides again.
      const rolledBack = await admin.post('/api/v1/rulesets/1/activate').expect(200);
      expect(rolledBack.body).toMatchObject({ changed: true, previousActiveVersion: version, ruleset: { version: 1, active: true } });
      const after = await submit(aStandardDeclaration(unsampledShipmentId('SHP-RS-OFF')));
      expect(after.data).toMatchObject({ status: 'PRE_CLEARED', priority: 'STANDARD', rulesetVersion: 1 });

      const list = await admin.get('/api/v1/rulesets?limit=500').expect(200);
      expect(list.body.items.filter((r: { active: boolean }) => r.active).map((r: { version: number }) => r.version)).toEqual([1]);
      const audit = await auditOf('ruleset', String(version));
      expect(audit.map((a: { action: string }) => a.action)).toEqual(['ruleset.create', 'ruleset.approve', 'ruleset.activate']);
      expect(audit[2]).toMatchObject({ before: { activeVersion: 1 }, after: { activeVersion: version } });
      const [rollback] = (await auditOf('ruleset', '1')).slice(-1);
      expect(rollback).toMatchObject({ action: 'ruleset.activate', before: { activeVersion: version }, after: { activeVersion: 1 } });
    });

    it('given two activations at once, then both succeed and exactly one version is active', async () => {
      const admin = await api.as('admin');
      const [a, b] = await Promise.all([createRuleset(everyShipmentSampled()), createRuleset(everyShipmentSampled())]);
      const approver = await api.asPerson('second admin', 'admin');
      for (const version of [a, b]) await approver.post(`/api/v1/rulesets/${version}/approve`).expect(200);
      const results = await Promise.all([admin.post(`/api/v1/rulesets/${a}/activate`), admin.post(`/api/v1/rulesets/${b}/activate`)]);
      expect(results.map((r) => r.status)).toEqual([200, 200]);
      const db = await system.db();
      const active = await db.query('SELECT version FROM rulesets WHERE active');
      expect(active).toHaveLength(1);
      expect([a, b]).toContain(active[0].version);
      await admin.post('/api/v1/rulesets/1/activate').expect(200);
    });

    it('given an unknown or malformed version or limit, then 404 or 400', async () => {
      const admin = await api.as('admin');
      await admin.post('/api/v1/rulesets/999999/dry-run').expect(404);
      await admin.post('/api/v1/rulesets/999999/activate').expect(404);
      await admin.post('/api/v1/rulesets/abc/activate').expect(400);
      await admin.post('/api/v1/rulesets/0/dry-run').expect(400);
      for (const limit of ['0', '1001', '100000', 'abc', '1.5', '%27%20OR%201%3D1--']) {
        const response = await admin.post(`/api/v1/rulesets/1/dry-run?limit=${limit}`).expect(400);
        expect(fieldsOf(response.body)).toContain('limit');
      }
      await admin.post('/api/v1/rulesets/1/dry-run?limit=1&extra=1').expect(400);
      const defaults = await admin.post('/api/v1/rulesets/1/dry-run').expect(200);
      expect(defaults.body).toMatchObject({ version: 1, activeVersion: 1, changed: 0, differences: [] });
      expect(defaults.body.evaluated).toBeLessThanOrEqual(100);
    });
  });

  describe('reference lists', () => {
    it.each(REFERENCE_LIST_NAMES)('given the seeded %s list, when read by a viewer, then its default entries are there', async (name) => {
      const list = await (await api.as('viewer')).get(`/api/v1/reference-lists/${name}`).expect(200);
      expect(list.body).toEqual({
        name,
        entries: DEFAULT_REFERENCE_LISTS[name],
        updatedBy: expect.any(String),
        updatedAt: expect.any(String),
      });
    });

    it('given an unknown list name, then 404 for reads and writes', async () => {
      const admin = await api.as('admin');
      await admin.get('/api/v1/reference-lists/banned-goods').expect(404);
      await admin.get(`/api/v1/reference-lists/${encodeURIComponent("x' OR 1=1--")}`).expect(404);
      await admin
        .put('/api/v1/reference-lists/banned-goods')
        .send({ entries: ['3002'] })
        .expect(404);
    });

    it.each([
      ['no entries field', {}, 'entries'],
      ['an empty list', { entries: [] }, 'entries'],
      ['entries that are not an array', { entries: '3002' }, 'entries'],
      ['an unknown field', { entries: ['3002'], note: 'x' }, 'note'],
      ['more than 5000 entries', { entries: Array.from({ length: 5001 }, (_, i) => String(100000 + i)) }, 'entries'],
      ['a code with letters', { entries: ['3002.41', 'ABCD'] }, 'entries[1]'],
      ['a code of one digit', { entries: ['3'] }, 'entries[0]'],
      ['a code of eleven digits', { entries: ['30024112345'] }, 'entries[0]'],
      ['an injection string', { entries: ["3002'; DROP TABLE reference_lists;--"] }, 'entries[0]'],
      ['a number instead of a string', { entries: ['3002', 3004] }, 'entries[1]'],
      ['the same code twice', { entries: ['3002.41', '3004', '300241'] }, 'entries[2]'],
    ])('given %s for an HS code list, then 400 naming the field', async (_, body, field) => {
      const response = await (await api.as('admin')).put('/api/v1/reference-lists/critical-hs-codes').send(body).expect(400);
      expect(fieldsOf(response.body)).toContain(field);
    });

    it.each([
      ['a blank name', ['BioNTech Manufacturing GmbH', '   '], 'entries[1]'],
      ['a name of 201 characters', ['x'.repeat(201)], 'entries[0]'],
      ['the same name written twice', ['Pfizer Manufacturing Belgium NV', 'Pfizer Manufacturing Belgium N.V.'], 'entries[1]'],
    ])('given %s for the manufacturers list, then 400 naming the entry', async (_, entries, field) => {
      const response = await (await api.as('admin')).put('/api/v1/reference-lists/authorized-manufacturers').send({ entries }).expect(400);
      expect(fieldsOf(response.body)).toEqual([field]);
    });

    it('given a new critical HS code, when the list is replaced, then a declaration with it becomes CRITICAL, and the change is audited', async () => {
      const admin = await api.as('admin');
      const before = await submit(aStandardDeclaration(unsampledShipmentId('SHP-RL-BEFORE'), '950300'));
      expect(before.data.priority).toBe('STANDARD');

      const entries = [...DEFAULT_REFERENCE_LISTS['critical-hs-codes'], '9503'];
      const updated = await admin.put('/api/v1/reference-lists/critical-hs-codes').send({ entries }).expect(200);
      expect(updated.body).toEqual({
        name: 'critical-hs-codes',
        entries,
        updatedBy: expect.stringMatching(/^apikey:/),
        updatedAt: expect.any(String),
      });
      expect((await (await api.as('viewer')).get('/api/v1/reference-lists/critical-hs-codes').expect(200)).body).toEqual(updated.body);

      const after = await submit(aStandardDeclaration(unsampledShipmentId('SHP-RL-AFTER'), '950300'));
      expect(after.data.priority).toBe('CRITICAL');
      expect(after.data.reasons.map((r) => r.code)).toContain('CRITICAL_MEDICAL_GOODS');

      const [entry] = (await auditOf('reference-list', 'critical-hs-codes')).slice(-1);
      expect(entry).toMatchObject({
        action: 'reference-list.update',
        actor_role: 'admin',
        before: { entries: DEFAULT_REFERENCE_LISTS['critical-hs-codes'] },
        after: { entries },
      });
      await admin
        .put('/api/v1/reference-lists/critical-hs-codes')
        .send({ entries: DEFAULT_REFERENCE_LISTS['critical-hs-codes'] })
        .expect(200);
    });
  });
});
