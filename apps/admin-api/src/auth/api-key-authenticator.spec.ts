import { Logger, UnauthorizedException } from '@nestjs/common';
import { Registry } from 'prom-client';
import { type Clock } from '@app/config';
import { type ApiKeyRepository, type ApiKeyRow } from '@app/persistence';
import { hashApiKey } from './api-key-secret';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import { AuthFailureMetrics } from './auth-failure-metrics';
import { type PresentedKey } from './presented-key';

const NOW = new Date('2026-04-07T08:00:00Z');
const SECRET = 'pck_the-secret-key-of-the-duty-officer';

function aKey(overrides: Partial<ApiKeyRow>): ApiKeyRow {
  return {
    id: '3f0c9d2e-0000-4000-8000-000000000001',
    name: 'duty officer',
    role: 'operator',
    keyHash: hashApiKey(SECRET),
    createdBy: 'bootstrap',
    createdAt: new Date('2026-01-01T00:00:00Z'),
    lastUsedAt: null,
    revokedAt: null,
    expiresAt: null,
    subscriberId: null,
    ...overrides,
  };
}

/** The repository as the authenticator uses it: one stored key, looked up by hash. */
function keysHolding(row: ApiKeyRow): ApiKeyRepository {
  return {
    findByHash: async (hash: string) => (hash === row.keyHash ? row : null),
    touch: async () => undefined,
  } as unknown as ApiKeyRepository;
}

describe('ApiKeyAuthenticator', () => {
  const origin = { remoteAddr: '203.0.113.7', method: 'GET', path: '/api/v1/shipments' };
  let warnings: string[];
  let registry: Registry;

  beforeEach(() => {
    warnings = [];
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => void warnings.push(String(message)));
    registry = new Registry();
  });

  afterEach(() => jest.restoreAllMocks());

  const authenticator = (row: ApiKeyRow) =>
    new ApiKeyAuthenticator(keysHolding(row), new AuthFailureMetrics(registry), { now: () => NOW } as Clock);
  const failures = async () =>
    (await registry.getSingleMetric('clearance_admin_auth_failures_total')!.get()).values.map((v) => [v.labels.reason, v.value]);

  it('given a valid key, then its principal', async () => {
    await expect(authenticator(aKey({})).authenticate({ kind: 'key', key: SECRET }, origin)).resolves.toEqual({
      keyId: aKey({}).id,
      role: 'operator',
      actor: `apikey:${aKey({}).id}`,
      subscriberId: null,
    });
    expect(warnings).toEqual([]);
  });

  it.each<[string, ApiKeyRow, PresentedKey, string, RegExp]>([
    ['no key', aKey({}), { kind: 'missing' }, 'missing', /^Refused \(missing\) from 203\.0\.113\.7: GET \/api\/v1\/shipments$/],
    ['not a key', aKey({}), { kind: 'malformed' }, 'malformed', /^Refused \(malformed\) from 203\.0\.113\.7/],
    [
      'an unknown key',
      aKey({}),
      { kind: 'key', key: 'pck_wrong' },
      'unknown',
      new RegExp(`^Refused \\(unknown\\) key sha256:${hashApiKey('pck_wrong').slice(0, 8)} from 203\\.0\\.113\\.7`),
    ],
    [
      'a revoked key',
      aKey({ revokedAt: new Date('2026-02-01T00:00:00Z') }),
      { kind: 'key', key: SECRET },
      'revoked',
      /^Refused \(revoked\) key id 3f0c9d2e-0000-4000-8000-000000000001 from/,
    ],
    [
      'an expired key',
      aKey({ expiresAt: NOW }),
      { kind: 'key', key: SECRET },
      'expired',
      /^Refused \(expired\) key id 3f0c9d2e-0000-4000-8000-000000000001 from/,
    ],
  ])(
    'given %s, then 401, one warning with the address and no secret, and the reason counted',
    async (_, row, presented, reason, logged) => {
      const refusal = authenticator(row).authenticate(presented, origin);

      await expect(refusal).rejects.toBeInstanceOf(UnauthorizedException);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(logged);
      expect(warnings[0]).not.toContain(SECRET);
      expect(warnings[0]).not.toContain(hashApiKey(SECRET));
      expect(await failures()).toEqual([[reason, 1]]);
    },
  );

  it('given a path or address with control characters, then they cannot start a new log line', async () => {
    await expect(
      authenticator(aKey({})).authenticate(
        { kind: 'missing' },
        { remoteAddr: '10.0.0.1\nforged', method: 'GET', path: '/x\r\nINFO all good' },
      ),
    ).rejects.toThrow();
    expect(warnings[0]).not.toMatch(/[\r\n]/);
  });
});
