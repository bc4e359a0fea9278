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
    expect(config.engine.laneGroupIds).toEqual({
      CRITICAL: 'clearance-engine.lane.critical',
      ESSENTIAL: 'clearance-engine.lane.essential',
      STANDARD: 'clearance-engine.lane.standard',
    });
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
});
