import request from 'supertest';
import { freePort } from '../../chaos/src/supervised-system';
import { type AdminApiClient } from '../support/admin-api-client';
import { metricValue } from '../support/prometheus';
import { TestSystem } from '../support/test-system';

const OPS_PATHS = ['/metrics', '/docs', '/docs-json', '/docs/swagger-ui-init.js'];

describe('admin API: /metrics and /docs on an internal port, or behind a key', () => {
  describe('ADMIN_INTERNAL_PORT set', () => {
    let system: TestSystem;
    let api: AdminApiClient;
    let internal: string;

    beforeAll(async () => {
      const port = await freePort();
      internal = `http://127.0.0.1:${port}`;
      system = await TestSystem.create('admin-internal-port', { env: { ADMIN_INTERNAL_PORT: String(port) } });
      api = await system.startAdminApi();
    });

    afterAll(async () => {
      await system?.close();
    });

    it('given the public port, then /metrics and /docs are not there (in any case of the path), while the API and health are', async () => {
      for (const path of [...OPS_PATHS, '/METRICS', '/Docs-Json', '/metrics/']) {
        await api.anonymous().get(path).expect(404);
        await (await api.as('admin')).get(path).expect(404);
      }
      await (await api.as('viewer')).get('/api/v1/shipments').expect(200);
      await api.anonymous().get('/health').expect(200);
    });

    it('given the internal port, then /metrics, /docs and health are served, and nothing else', async () => {
      const metrics = await request(internal).get('/metrics').expect(200);
      expect(metrics.text).toContain('clearance_outbox_backlog');
      const doc = await request(internal).get('/docs-json').expect(200);
      expect(Object.keys(doc.body.paths)).toContain('/api/v1/shipments/{id}/events');
      await request(internal).get('/docs').expect(200);
      await request(internal).get('/health').expect(200);
      const key = await api.keyFor('admin');
      await request(internal).get('/api/v1/shipments').set('Authorization', `Bearer ${key}`).expect(404);
      await request(internal).post('/api/v1/api-keys').set('Authorization', `Bearer ${key}`).send({ name: 'x', role: 'admin' }).expect(404);
    });
  });

  describe('ADMIN_OPS_REQUIRE_KEY=true', () => {
    let system: TestSystem;
    let api: AdminApiClient;

    beforeAll(async () => {
      system = await TestSystem.create('admin-ops-key', { env: { ADMIN_OPS_REQUIRE_KEY: 'true' } });
      api = await system.startAdminApi();
    });

    afterAll(async () => {
      await system?.close();
    });

    it('given no key or a wrong one, then 401 with a login prompt for browsers; health stays open', async () => {
      for (const path of OPS_PATHS) {
        const refused = await api.anonymous().get(path).expect(401);
        expect(refused.headers['www-authenticate']).toMatch(/^Basic realm=/);
        await api.anonymous().get(path).set('Authorization', 'Bearer pck_not-a-key').expect(401);
      }
      await api.anonymous().get('/health').expect(200);
    });

    it('given a key of any role, as a bearer token or as the password a browser sends, then they are served; the refusals were counted', async () => {
      const viewer = await api.keyFor('viewer');
      const metrics = await api.anonymous().get('/metrics').set('Authorization', `Bearer ${viewer}`).expect(200);
      expect(
        metricValue(metrics.text, 'clearance_admin_auth_failures_total', { app: 'admin-api', reason: 'missing' }),
      ).toBeGreaterThanOrEqual(OPS_PATHS.length);
      expect(
        metricValue(metrics.text, 'clearance_admin_auth_failures_total', { app: 'admin-api', reason: 'unknown' }),
      ).toBeGreaterThanOrEqual(OPS_PATHS.length);
      await api.anonymous().get('/docs-json').auth('prometheus', viewer).expect(200);
      await api.anonymous().get('/docs').auth('officer', viewer).expect(200);
      // Basic credentials are for the operational routes only: the API itself takes bearer tokens.
      await api.anonymous().get('/api/v1/shipments').auth('officer', viewer).expect(401);
    });
  });
});
