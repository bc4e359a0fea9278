import { ConfigValidationError, loadAppConfig } from './app-config';

describe('loadAppConfig', () => {
  it('given an empty environment, when loaded, then every default of the README applies', () => {
    const config = loadAppConfig({});
    expect(config.kafka.brokers).toEqual(['localhost:9092']);
    expect(config.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/clearance');
    expect(config.admin.port).toBe(3000);
    expect(config.topics).toEqual({
      shipmentEvents: 'customs.shipment-events.v1',
      clearanceStatus: 'customs.clearance-status.v1',
      deadLetter: 'customs.shipment-events.v1.dlq',
      lanes: {
        CRITICAL: 'customs.shipment-events.v1.lane.critical',
        ESSENTIAL: 'customs.shipment-events.v1.lane.essential',
        STANDARD: 'customs.shipment-events.v1.lane.standard',
      },
      partitions: 6,
      replicationFactor: 1,
    });
    expect(config.adminAccess).toEqual({
      trustProxy: false,
      internalPort: undefined,
      opsRequireKey: false,
      rateLimit: { windowMs: 60_000, perAddress: 1200, perKey: 600 },
    });
    expect(config.watchlistRescreen).toEqual({ chunkSize: 500 });
    expect(config.engine.laneGroupIds).toEqual({
      CRITICAL: 'clearance-engine.lane.critical',
      ESSENTIAL: 'clearance-engine.lane.essential',
      STANDARD: 'clearance-engine.lane.standard',
    });
  });

  it('given the workbench variables of the operators, when loaded, then they are parsed; a bad service level is named', () => {
    expect(loadAppConfig({}).operatorsWork).toEqual({
      claimMinutes: 30,
      serviceLevels: [{ priority: 'CRITICAL', coldChain: true, minutes: 60 }],
      serviceLevelCheckIntervalMs: 30_000,
      releaseHistogramMaxAgeMs: 30_000,
      rulesetFourEyes: true,
    });
    const config = loadAppConfig({
      WORKLIST_CLAIM_MINUTES: '5',
      SERVICE_LEVELS: 'none',
      RULESET_FOUR_EYES: 'false',
      RELEASE_HISTOGRAM_MAX_AGE_MS: '0',
    });
    expect(config.operatorsWork).toMatchObject({ claimMinutes: 5, serviceLevels: [], rulesetFourEyes: false, releaseHistogramMaxAgeMs: 0 });
    expect(() => loadAppConfig({ SERVICE_LEVELS: 'CRITICAL=soon', WORKLIST_CLAIM_MINUTES: '0' })).toThrow(
      /WORKLIST_CLAIM_MINUTES[\s\S]*SERVICE_LEVELS: "CRITICAL=SOON"/,
    );
  });

  it('given overrides, when loaded, then they are parsed to their types', () => {
    const config = loadAppConfig({ KAFKA_BROKERS: 'a:1,b:2', ADMIN_PORT: '8080', TOPIC_PARTITIONS: '12' });
    expect(config.kafka.brokers).toEqual(['a:1', 'b:2']);
    expect(config.admin.port).toBe(8080);
    expect(config.topics.partitions).toBe(12);
  });

  it('given bad values, when loaded, then one error names every bad variable', () => {
    let error: unknown;
    try {
      loadAppConfig({ KAFKA_BROKERS: 'no port', ADMIN_PORT: 'eighty', DATABASE_URL: 'mysql://x' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    const problems = (error as ConfigValidationError).problems.join('\n');
    expect(problems).toContain('KAFKA_BROKERS');
    expect(problems).toContain('ADMIN_PORT');
    expect(problems).toContain('DATABASE_URL');
  });

  it('given the admin access variables, when loaded, then they are parsed', () => {
    const config = loadAppConfig({
      ADMIN_TRUST_PROXY: '10.0.0.0/8,loopback',
      ADMIN_INTERNAL_PORT: '9464',
      ADMIN_OPS_REQUIRE_KEY: 'true',
      ADMIN_RATE_LIMIT_WINDOW_MS: '1000',
      ADMIN_RATE_LIMIT_PER_ADDRESS: '20',
      ADMIN_RATE_LIMIT_PER_KEY: '10',
      WATCHLIST_RESCREEN_CHUNK_SIZE: '2',
    });
    expect(config.adminAccess).toEqual({
      trustProxy: ['10.0.0.0/8', 'loopback'],
      internalPort: 9464,
      opsRequireKey: true,
      rateLimit: { windowMs: 1000, perAddress: 20, perKey: 10 },
    });
    expect(config.watchlistRescreen.chunkSize).toBe(2);
  });

  it('given the internal port equal to the public one, or bad access values, then each is named', () => {
    let error: unknown;
    try {
      loadAppConfig({
        ADMIN_PORT: '3000',
        ADMIN_INTERNAL_PORT: '3000',
        ADMIN_TRUST_PROXY: 'true',
        ADMIN_OPS_REQUIRE_KEY: 'yes',
        ADMIN_RATE_LIMIT_PER_KEY: '0',
      });
    } catch (e) {
      error = e;
    }
    const problems = (error as ConfigValidationError).problems.join('\n');
    for (const name of [
      'ADMIN_INTERNAL_PORT must differ from ADMIN_PORT',
      'ADMIN_TRUST_PROXY',
      'ADMIN_OPS_REQUIRE_KEY',
      'ADMIN_RATE_LIMIT_PER_KEY',
    ]) {
      expect(problems).toContain(name);
    }
  });

  it('given a bad database URL or admin key, when refused, then the message shows neither the password nor the key', () => {
    let error: unknown;
    try {
      loadAppConfig({ DATABASE_URL: 'mysql://clearance:hunter2@db/clearance', ADMIN_API_KEY: 'short-hunter2' });
    } catch (e) {
      error = e;
    }
    const message = (error as ConfigValidationError).message;
    expect(message).toContain('DATABASE_URL');
    expect(message).toContain('ADMIN_API_KEY');
    expect(message).not.toContain('hunter2');
  });
});
