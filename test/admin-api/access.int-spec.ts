import { TestSystem } from '../support/test-system';
import { type AdminApiClient } from '../support/admin-api-client';
import { metricValue } from '../support/prometheus';

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !(await condition());) {
    if (Date.now() > deadline) throw new Error(`Not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('admin API: keys, roles and the audit log', () => {
  let system: TestSystem;
  let api: AdminApiClient;

  beforeAll(async () => {
    system = await TestSystem.create('admin-access');
    api = await system.startAdminApi();
  });

  afterAll(async () => {
    await system?.close();
  });

  it('given no key, when an /api/v1 route is called, then 401; a wrong key is 401 too', async () => {
    await api.anonymous().get('/api/v1/api-keys').expect(401);
    const wrong = await api.anonymous().get('/api/v1/api-keys').set('Authorization', 'Bearer pck_not-a-key').expect(401);
    expect(wrong.body.message).toMatch(/Unknown or revoked/);
    await api.anonymous().get('/api/v1/api-keys').set('Authorization', 'Basic abc').expect(401);
  });

  it('given the bootstrap admin key, when an operator key is created, then it is shown once and stored hashed', async () => {
    const admin = await api.as('admin');
    const created = await admin.post('/api/v1/api-keys').send({ name: 'officer', role: 'operator' }).expect(201);
    expect(created.body).toMatchObject({ name: 'officer', role: 'operator' });
    expect(created.body.key).toMatch(/^pck_/);

    const listed = await admin.get('/api/v1/api-keys').expect(200);
    expect(listed.body.items.find((k: { id: string }) => k.id === created.body.id)).toMatchObject({
      name: 'officer',
      role: 'operator',
      expiresAt: null,
      expired: false,
    });
    expect(JSON.stringify(listed.body)).not.toContain(created.body.key);
    const db = await system.db();
    const [row] = await db.query('SELECT key_hash FROM api_keys WHERE id = $1', [created.body.id]);
    expect(row.key_hash).not.toContain(created.body.key);
    expect(row.key_hash).toHaveLength(64);
  });

  it('given a viewer or operator key, when a key route (admin only) is called, then 403', async () => {
    await (await api.as('viewer')).get('/api/v1/api-keys').expect(403);
    await (await api.as('operator')).post('/api/v1/api-keys').send({ name: 'x', role: 'admin' }).expect(403);
  });

  it('given bad input, when a key is created, then 400 naming the fields; unknown fields are refused', async () => {
    const admin = await api.as('admin');
    const bad = await admin.post('/api/v1/api-keys').send({ name: '', role: 'root', extra: 1 }).expect(400);
    const fields = bad.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'role', 'extra']));
    await admin.post('/api/v1/api-keys').set('Content-Type', 'application/json').send('{"name": ').expect(400);
  });

  it('given a value PostgreSQL cannot store (a NUL character), when sent, then 400, never 500', async () => {
    const admin = await api.as('admin');
    const refused = await admin.post('/api/v1/api-keys').send({ name: 'night\u0000shift', role: 'viewer' }).expect(400);
    expect(refused.body.message).toMatch(/cannot be stored/);
  });

  it('given a revoked key, when used, then 401; revoking it again is 404', async () => {
    const admin = await api.as('admin');
    const created = await admin.post('/api/v1/api-keys').send({ name: 'temp', role: 'viewer' }).expect(201);
    // Known but not allowed (a viewer), then unknown once revoked.
    await api.anonymous().get('/api/v1/api-keys').set('Authorization', `Bearer ${created.body.key}`).expect(403);
    await admin.delete(`/api/v1/api-keys/${created.body.id}`).expect(204);
    await api.anonymous().get('/api/v1/api-keys').set('Authorization', `Bearer ${created.body.key}`).expect(401);
    await admin.delete(`/api/v1/api-keys/${created.body.id}`).expect(404);
    await admin.delete('/api/v1/api-keys/not-a-uuid').expect(400);
  });

  it('given one key, when two admins revoke it at once, then one 204 and one 404, and the revoke is audited once', async () => {
    const admin = await api.as('admin');
    const created = await admin.post('/api/v1/api-keys').send({ name: 'revoked twice', role: 'viewer' }).expect(201);
    const db = await system.db();
    // Holding the key's row lock makes both revokes reach their UPDATE before either can finish: a real race, every run.
    const lock = db.createQueryRunner();
    await lock.startTransaction();
    await lock.query('SELECT 1 FROM api_keys WHERE id = $1 FOR UPDATE', [created.body.id]);
    const revokes = [1, 2].map(() => admin.delete(`/api/v1/api-keys/${created.body.id}`).then((response) => response.status));
    try {
      await waitUntil(async () => {
        const [waiting] = await db.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'UPDATE "api_keys" SET "revoked_at"%'`,
        );
        return waiting.n === 2;
      });
    } finally {
      await lock.rollbackTransaction();
      await lock.release();
    }

    const statuses = await Promise.all(revokes);

    expect(statuses.sort()).toEqual([204, 404]);
    const [audited] = await db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'api-key.revoke' AND target_id = $1`, [
      created.body.id,
    ]);
    expect(audited.n).toBe(1);
  });

  it('given key changes, when the audit log is read, then each is there with who, what and from where, newest first', async () => {
    const admin = await api.as('admin');
    const page = await admin.get('/api/v1/audit-log?limit=2').expect(200);
    expect(page.body.items).toHaveLength(2);
    expect(page.body.items[0]).toMatchObject({ action: 'api-key.revoke', targetType: 'api-key', actorRole: 'admin' });
    expect(page.body.items[0].actor).toMatch(/^apikey:/);
    expect(page.body.nextCursor).toEqual(expect.any(String));
    const next = await admin.get(`/api/v1/audit-log?limit=2&cursor=${page.body.nextCursor}`).expect(200);
    expect(Number(next.body.items[0].id)).toBeLessThan(Number(page.body.items[1].id));
    await admin.get('/api/v1/audit-log?limit=100000').expect(400);
    await admin.get('/api/v1/audit-log?cursor=%27%20OR%201%3D1--').expect(400);
    await (await api.as('operator')).get('/api/v1/audit-log').expect(403);
  });

  it('given no key, then health, the OpenAPI document and its UI are served', async () => {
    await api.anonymous().get('/health').expect(200);
    const doc = await api.anonymous().get('/docs-json').expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/v1/api-keys', '/api/v1/audit-log']));
    await api.anonymous().get('/docs').expect(200);
  });

  it('given a key created with an expiry, then it works and is listed with it until then; once expired it is refused 401 and listed as expired', async () => {
    const admin = await api.as('admin');
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    const created = await admin.post('/api/v1/api-keys').send({ name: 'contractor', role: 'viewer', expiresAt }).expect(201);
    expect(created.body).toMatchObject({ name: 'contractor', role: 'viewer', expiresAt });
    await api.anonymous().get('/api/v1/shipments').set('Authorization', `Bearer ${created.body.key}`).expect(200);
    const listed = async () =>
      (await admin.get('/api/v1/api-keys?limit=500').expect(200)).body.items.find((k: { id: string }) => k.id === created.body.id);
    expect(await listed()).toMatchObject({ expiresAt, expired: false });

    // The hour passes.
    await (await system.db()).query(`UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1`, [created.body.id]);

    const refused = await api.anonymous().get('/api/v1/shipments').set('Authorization', `Bearer ${created.body.key}`).expect(401);
    expect(refused.body.message).toMatch(/expired/);
    expect(await listed()).toMatchObject({ expired: true });
    const [audited] = await (
      await system.db()
    ).query(`SELECT after FROM audit_log WHERE action = 'api-key.create' AND target_id = $1`, [created.body.id]);
    expect(audited.after).toEqual({ name: 'contractor', role: 'viewer', expiresAt });
  });

  it('given an expiry in the past or not a time, when a key is created, then 400 naming expiresAt and no key', async () => {
    const admin = await api.as('admin');
    for (const expiresAt of ['2020-01-01T00:00:00Z', 'tomorrow', 1893456000000, '2027-02-30T00:00:00Z']) {
      const res = await admin.post('/api/v1/api-keys').send({ name: 'never stored', role: 'viewer', expiresAt }).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['expiresAt']);
    }
    const [{ n }] = await (await system.db()).query(`SELECT count(*)::int AS n FROM api_keys WHERE name = 'never stored'`);
    expect(n).toBe(0);
  });

  it('given refused authentications of each kind, then /metrics counts each by reason', async () => {
    const admin = await api.as('admin');
    const revoked = await admin.post('/api/v1/api-keys').send({ name: 'to revoke', role: 'viewer' }).expect(201);
    await admin.delete(`/api/v1/api-keys/${revoked.body.id}`).expect(204);
    const expired = await admin
      .post('/api/v1/api-keys')
      .send({ name: 'to expire', role: 'viewer', expiresAt: new Date(Date.now() + 3_600_000).toISOString() })
      .expect(201);
    await (await system.db()).query(`UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1`, [expired.body.id]);
    const counts = async () => {
      const page = (await api.anonymous().get('/metrics').expect(200)).text;
      const count = (reason: string) => metricValue(page, 'clearance_admin_auth_failures_total', { app: 'admin-api', reason }) || 0;
      return {
        missing: count('missing'),
        malformed: count('malformed'),
        unknown: count('unknown'),
        revoked: count('revoked'),
        expired: count('expired'),
      };
    };
    const before = await counts();

    await api.anonymous().get('/api/v1/shipments').expect(401);
    await api.anonymous().get('/api/v1/shipments').set('Authorization', 'Basic YTpi').expect(401);
    await api.anonymous().get('/api/v1/shipments').set('Authorization', 'Bearer pck_no-such-key-anywhere').expect(401);
    await api.anonymous().get('/api/v1/shipments').set('Authorization', 'Bearer pck_no-such-key-either').expect(401);
    await api.anonymous().get('/api/v1/shipments').set('Authorization', `Bearer ${revoked.body.key}`).expect(401);
    await api.anonymous().get('/api/v1/shipments').set('Authorization', `Bearer ${expired.body.key}`).expect(401);

    const after = await counts();
    expect({
      missing: after.missing - before.missing,
      malformed: after.malformed - before.malformed,
      unknown: after.unknown - before.unknown,
      revoked: after.revoked - before.revoked,
      expired: after.expired - before.expired,
    }).toEqual({ missing: 1, malformed: 1, unknown: 2, revoked: 1, expired: 1 });
  });
});
