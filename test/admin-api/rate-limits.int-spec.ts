import { type AdminApiClient } from '../support/admin-api-client';
import { TestSystem } from '../support/test-system';

/** Low limits, so a test can reach them; the window is long enough that none ends during a test. */
const LIMITS = { ADMIN_RATE_LIMIT_PER_ADDRESS: '12', ADMIN_RATE_LIMIT_PER_KEY: '4', ADMIN_RATE_LIMIT_WINDOW_MS: '3600000' };

describe('admin API: rate limits per API key and per client address', () => {
  describe('directly reachable (ADMIN_TRUST_PROXY off, the default)', () => {
    let system: TestSystem;
    let api: AdminApiClient;

    beforeAll(async () => {
      system = await TestSystem.create('admin-rate-limits', { env: LIMITS });
      api = await system.startAdminApi();
    });

    afterAll(async () => {
      await system?.close();
    });

    it('given a key over its limit, then 429 with Retry-After in seconds, while another key from the same address still gets through', async () => {
      const viewer = await api.keyFor('viewer'); // address: 1
      const asViewer = () => api.anonymous().get('/api/v1/shipments').set('Authorization', `Bearer ${viewer}`);
      for (let i = 0; i < 4; i++) await asViewer().expect(200); // address: 5

      const refused = await asViewer().expect(429); // address: 6

      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.body).toMatchObject({
        statusCode: 429,
        message: expect.stringMatching(/with this API key: at most 4 per 3600 s; retry after \d+ s/),
      });
      await (await api.as('admin')).get('/api/v1/shipments').expect(200); // address: 7
    });

    it('given an address over its limit, then everything from it is 429, failed authentications included, and a forged X-Forwarded-For changes nothing; health stays open', async () => {
      for (let i = 0; i < 5; i++) await api.anonymous().get('/api/v1/shipments').set('Authorization', 'Bearer pck_guessing').expect(401); // address: 12

      const refused = await api.anonymous().get('/api/v1/shipments').set('Authorization', 'Bearer pck_guessing').expect(429);
      expect(refused.body.message).toMatch(/from this address/);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      await (await api.as('admin')).get('/api/v1/shipments').expect(429);
      await api.anonymous().get('/api/v1/shipments').set('X-Forwarded-For', '198.51.100.23').expect(429);
      for (let i = 0; i < 20; i++) await api.anonymous().get('/health').expect(200);
    });
  });

  describe('behind a trusted proxy (ADMIN_TRUST_PROXY=loopback)', () => {
    let system: TestSystem;
    let api: AdminApiClient;

    beforeAll(async () => {
      system = await TestSystem.create('admin-rate-limits-proxy', { env: { ...LIMITS, ADMIN_TRUST_PROXY: 'loopback' } });
      api = await system.startAdminApi();
    });

    afterAll(async () => {
      await system?.close();
    });

    it('given clients behind the proxy, then each address has its own limit, the audit log shows the client address, and a key is limited across addresses', async () => {
      const from = (address: string) => api.anonymous().get('/api/v1/shipments').set('X-Forwarded-For', address);
      for (let i = 0; i < 12; i++) await from('198.51.100.1').expect(401);
      await from('198.51.100.1').expect(429);
      await from('198.51.100.2').expect(401);

      const admin = await api.as('admin');
      await admin
        .post('/api/v1/api-keys')
        .set('X-Forwarded-For', '198.51.100.3')
        .send({ name: 'from behind the proxy', role: 'viewer' })
        .expect(201);
      const audit = await admin.get('/api/v1/audit-log?limit=1').set('X-Forwarded-For', '198.51.100.3').expect(200);
      expect(audit.body.items[0]).toMatchObject({ action: 'api-key.create', remoteAddr: '198.51.100.3' });

      // Two admin requests so far; two more from two other addresses reach the key's limit of 4.
      await admin.get('/api/v1/shipments').set('X-Forwarded-For', '198.51.100.4').expect(200);
      await admin.get('/api/v1/shipments').set('X-Forwarded-For', '198.51.100.5').expect(200);
      const refused = await admin.get('/api/v1/shipments').set('X-Forwarded-For', '198.51.100.6').expect(429);
      expect(refused.body.message).toMatch(/with this API key/);
    });
  });
});
