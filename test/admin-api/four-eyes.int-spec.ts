import { DEFAULT_RULESET_DOCUMENT } from '@app/policy';
import { type AdminApiClient } from '../support/admin-api-client';
import { TestSystem } from '../support/test-system';

describe('admin API: four eyes on ruleset activation', () => {
  let system: TestSystem;
  let api: AdminApiClient;
  const created: number[] = [];

  type AuditEntry = { id: string; action: string; targetType: string; targetId: string; actor: string };
  const auditLog = async () => (await (await api.as('admin')).get('/api/v1/audit-log?limit=500').expect(200)).body.items as AuditEntry[];
  /** Entries about the version since `sinceId` (version numbers are reused once a test deletes its versions), oldest first. */
  const auditOf = async (version: number, sinceId: string) =>
    (await auditLog())
      .filter((a) => a.targetType === 'ruleset' && a.targetId === String(version) && BigInt(a.id) > BigInt(sinceId))
      .reverse();
  const newestAuditId = async () => (await auditLog())[0]?.id ?? '0';

  async function createVersion(author: Awaited<ReturnType<AdminApiClient['as']>>): Promise<number> {
    const document = { ...structuredClone(DEFAULT_RULESET_DOCUMENT), description: 'Four eyes test' };
    const version = (await author.post('/api/v1/rulesets').send(document).expect(201)).body.version as number;
    created.push(version);
    return version;
  }

  beforeAll(async () => {
    system = await TestSystem.create('admin-four-eyes');
    api = await system.startAdminApi();
  });

  afterAll(async () => {
    try {
      await (await api.as('admin')).post('/api/v1/rulesets/1/activate').expect(200);
      await (await system.db()).query('DELETE FROM rulesets WHERE version = ANY($1) AND NOT active', [created]);
    } finally {
      await system?.close();
    }
  });

  it('given a new version, when its author approves it, then 403, audited as refused, and it cannot be activated', async () => {
    const author = await api.asPerson('author', 'admin');
    const since = await newestAuditId();
    const version = await createVersion(author);

    const refused = await author.post(`/api/v1/rulesets/${version}/approve`).expect(403);
    expect(refused.body.message).toMatch(/another admin must approve it/);
    const activation = await author.post(`/api/v1/rulesets/${version}/activate`).expect(409);
    expect(activation.body.message).toMatch(/not approved/);
    expect((await author.get(`/api/v1/rulesets/${version}`).expect(200)).body).toMatchObject({ active: false, approvedBy: null });
    expect((await auditOf(version, since)).map((a) => a.action)).toEqual(['ruleset.create', 'ruleset.approve-refused']);
  });

  it('given a second admin approval, then the author may activate it; approval and activation are audited with who did them', async () => {
    const author = await api.asPerson('author', 'admin');
    const reviewer = await api.asPerson('reviewer', 'admin');
    const since = await newestAuditId();
    const version = await createVersion(author);

    const approved = await reviewer.post(`/api/v1/rulesets/${version}/approve`).expect(200);
    expect(approved.body).toMatchObject({
      version,
      active: false,
      approvedBy: expect.stringMatching(/^apikey:/),
      approvedAt: expect.any(String),
    });
    expect(approved.body.approvedBy).not.toBe(approved.body.createdBy);
    // Approving again changes nothing.
    expect((await reviewer.post(`/api/v1/rulesets/${version}/approve`).expect(200)).body.approvedAt).toBe(approved.body.approvedAt);

    await author.post(`/api/v1/rulesets/${version}/activate`).expect(200);
    const audit = await auditOf(version, since);
    expect(audit.map((a) => a.action)).toEqual(['ruleset.create', 'ruleset.approve', 'ruleset.activate']);
    expect(audit[1].actor).toBe(approved.body.approvedBy);
    await author.post('/api/v1/rulesets/1/activate').expect(200);
  });

  it('given an operator, when approving, then 403; an unknown version 404', async () => {
    await (await api.as('operator')).post('/api/v1/rulesets/1/approve').expect(403);
    await (await api.as('admin')).post('/api/v1/rulesets/999999/approve').expect(404);
  });

  it('given RULESET_FOUR_EYES=false (one officer), then the author activates an unapproved version', async () => {
    const single = await TestSystem.create('admin-one-officer', { env: { RULESET_FOUR_EYES: 'false' } });
    try {
      const soleApi = await single.startAdminApi();
      const admin = await soleApi.as('admin');
      const version = (await admin.post('/api/v1/rulesets').send(DEFAULT_RULESET_DOCUMENT).expect(201)).body.version as number;
      created.push(version);
      await admin.post(`/api/v1/rulesets/${version}/activate`).expect(200);
      await admin.post('/api/v1/rulesets/1/activate').expect(200);
    } finally {
      await single.close();
    }
  });
});
