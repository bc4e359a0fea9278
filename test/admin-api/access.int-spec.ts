import { TestSystem } from '../support/test-system';
import { AdminApiClient } from '../support/admin-api-client';

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !(await condition()); ) {
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
    const [audited] = await db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'api-key.revoke' AND target_id = $1`, [created.body.id]);
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
});
