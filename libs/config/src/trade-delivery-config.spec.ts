import { ConfigValidationError, loadAppConfig } from './app-config';

describe('delivery to the trade: configuration', () => {
  it('defaults: https only, no private addresses, 24 h of retries, 14 days kept', () => {
    expect(loadAppConfig({}).tradeDelivery).toEqual({
      allowHttpLocalhost: false,
      allowPrivateAddresses: false,
      timeoutMs: 10_000,
      retryWindowMs: 24 * 3_600_000,
      backoff: { initialMs: 5_000, maxMs: 3_600_000 },
      concurrency: 16,
      pollIntervalMs: 500,
      secretOverlapMs: 24 * 3_600_000,
      retentionMs: 14 * 24 * 3_600_000,
    });
  });

  it('reads the variables, and a back-off maximum below the initial one is raised to it', () => {
    const config = loadAppConfig({
      WEBHOOKS_ALLOW_HTTP_LOCALHOST: 'true',
      WEBHOOKS_RETRY_WINDOW_MS: '60000',
      WEBHOOKS_BACKOFF_INITIAL_MS: '2000',
      WEBHOOKS_BACKOFF_MAX_MS: '1000',
      NOTIFICATIONS_RETENTION_DAYS: '1',
    });
    expect(config.tradeDelivery).toMatchObject({
      allowHttpLocalhost: true,
      retryWindowMs: 60_000,
      backoff: { initialMs: 2000, maxMs: 2000 },
      retentionMs: 24 * 3_600_000,
    });
  });

  it('a bad value stops start-up naming the variable', () => {
    let error: unknown;
    try {
      loadAppConfig({ WEBHOOKS_ALLOW_HTTP_LOCALHOST: 'yes', NOTIFICATIONS_RETENTION_DAYS: '0', WEBHOOKS_TIMEOUT_MS: 'soon' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    const problems = (error as ConfigValidationError).problems.map((p) => p.split('=')[0]).sort();
    expect(problems).toEqual(['NOTIFICATIONS_RETENTION_DAYS', 'WEBHOOKS_ALLOW_HTTP_LOCALHOST', 'WEBHOOKS_TIMEOUT_MS']);
  });
});
