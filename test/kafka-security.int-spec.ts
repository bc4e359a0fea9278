import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import {
  type AclEntry,
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  type Admin,
  Kafka,
  logLevel,
  Partitioners,
  ResourcePatternTypes,
} from 'kafkajs';
import { type AppConfig, type KafkaConfig, loadAppConfig } from '@app/config';
import { aDeclaration, aShipmentEvent } from '@app/contract/testing';
import { createKafkaClient, ensureTopics, kafkaConnectionOptions } from '@app/messaging';
import { SecureBroker } from './support/secure-broker';
import { TestSystem } from './support/test-system';

/**
 * Kafka security on a second, secured broker (SASL, TLS with client certificates, the standard
 * authorizer, nothing allowed without an ACL): the backend works with its credentials and the
 * ACLs of docs/security.md, a border system may only write the inbound topic, a logistics firm
 * only read the statuses, and wrong credentials get nothing.
 */

const password = () => randomBytes(12).toString('hex');
const USERS = {
  'kafka-admin': password(), // the operator's principal: sets the ACLs, and the test observes through it
  'clearance-backend': password(),
  'border-cgk': password(),
  'logistics-firm-a': password(),
};
const LOGISTICS_GROUP_PREFIX = 'logistics-firm-a.';

type Grant = [AclResourceTypes, string, ResourcePatternTypes, AclOperationTypes[]];
const { TOPIC, GROUP } = AclResourceTypes;
const { LITERAL, PREFIXED } = ResourcePatternTypes;
const { READ, WRITE, DESCRIBE, CREATE } = AclOperationTypes;

/** The ACLs of docs/security.md, for this system's topics and groups. */
function aclsOf(config: AppConfig): Record<string, Grant[]> {
  const { topics, engine } = config;
  return {
    'clearance-backend': [
      // WRITE: an operator's replay of a dead letter goes to the inbound topic again.
      [TOPIC, topics.shipmentEvents, LITERAL, [READ, WRITE, DESCRIBE, CREATE]],
      [TOPIC, `${topics.shipmentEvents}.lane.`, PREFIXED, [READ, WRITE, DESCRIBE, CREATE]],
      [TOPIC, topics.clearanceStatus, LITERAL, [WRITE, DESCRIBE, CREATE]],
      [TOPIC, topics.deadLetter, LITERAL, [WRITE, DESCRIBE, CREATE]],
      [GROUP, engine.groupId, PREFIXED, [READ, DESCRIBE]],
    ],
    'border-cgk': [[TOPIC, topics.shipmentEvents, LITERAL, [WRITE, DESCRIBE]]],
    'logistics-firm-a': [
      [TOPIC, topics.clearanceStatus, LITERAL, [READ, DESCRIBE]],
      [GROUP, LOGISTICS_GROUP_PREFIX, PREFIXED, [READ]],
    ],
  };
}

function toAcls(principal: string, grants: Grant[]): AclEntry[] {
  return grants.flatMap(([resourceType, resourceName, resourcePatternType, operations]) =>
    operations.map((operation) => ({
      resourceType,
      resourceName,
      resourcePatternType,
      principal: `User:${principal}`,
      host: '*',
      operation,
      permissionType: AclPermissionTypes.ALLOW,
    })),
  );
}

/** The Kafka error type of a refusal, wherever kafkajs wrapped it. */
async function refusal(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    for (let e = error as { type?: string; name?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
      if (e.type) return e.type;
      if (!e.cause) return e.name ?? String(e);
    }
  }
  throw new Error('expected Kafka to refuse');
}

describe('Kafka security: SASL, TLS and ACLs on a secured broker', () => {
  let broker: SecureBroker;
  let operator: Admin;
  let system: TestSystem;
  const clients: { disconnect(): Promise<void> }[] = [];

  /** The Kafka connection of a principal, configured as the apps are (SASL over plaintext). */
  const saslConnection = (username: string, secret: string, mechanism = 'scram-sha-256'): KafkaConfig =>
    loadAppConfig({
      KAFKA_BROKERS: broker.saslBootstrap,
      KAFKA_SASL_MECHANISM: mechanism,
      KAFKA_SASL_USERNAME: username,
      KAFKA_SASL_PASSWORD: secret,
    }).kafka;
  /** The environment of a principal on the TLS listener: its client certificate, then SASL. */
  const tlsEnvironment = (username: string, secret: string, mechanism: string): Record<string, string> => ({
    KAFKA_BROKERS: broker.tlsBootstrap,
    KAFKA_SSL: 'true',
    KAFKA_SSL_CA_FILE: broker.tlsFile('ca.pem'),
    KAFKA_SSL_CERT_FILE: broker.tlsFile(`${username}.pem`),
    KAFKA_SSL_KEY_FILE: broker.tlsFile(`${username}.key`),
    KAFKA_SASL_MECHANISM: mechanism,
    KAFKA_SASL_USERNAME: username,
    KAFKA_SASL_PASSWORD: secret,
  });
  const client = (connection: KafkaConfig, name: string): Kafka => createKafkaClient(connection, name);

  beforeAll(async () => {
    broker = await SecureBroker.start({ users: USERS, superUsers: ['kafka-admin'], tlsClients: ['clearance-backend', 'logistics-firm-a'] });
    operator = client(saslConnection('kafka-admin', USERS['kafka-admin']), 'it-operator').admin();
    clients.push(operator);
    await operator.connect();

    // The backend as deployed: mutual TLS and SCRAM-SHA-512 on the TLS listener, not a super user.
    const config = TestSystem.configure('kafka-security', {
      env: tlsEnvironment('clearance-backend', USERS['clearance-backend'], 'scram-sha-512'),
    });
    await operator.createAcls({ acl: Object.entries(aclsOf(config)).flatMap(([principal, grants]) => toAcls(principal, grants)) });
    // The backend creates its topics; the test records statuses and dead letters as the operator.
    system = await TestSystem.start(config, { observer: saslConnection('kafka-admin', USERS['kafka-admin']) });
    await system.startEngine();
    await system.startPublisher();
  }, 600_000);

  afterAll(async () => {
    await system?.close();
    for (const c of clients) await c.disconnect().catch(() => undefined);
    await broker?.stop();
  }, 120_000);

  it('given the backend with its credentials, when a border system files a declaration, then it is decided, published and read by a logistics firm', async () => {
    const shipmentId = `SHP-SEC-${randomBytes(3).toString('hex')}`;
    const border = client(saslConnection('border-cgk', USERS['border-cgk']), 'it-border').producer({
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    clients.push(border);
    await border.connect();
    await border.send({
      topic: system.config.topics.shipmentEvents,
      acks: -1,
      messages: [{ key: shipmentId, value: JSON.stringify(aShipmentEvent('customs.prearrival.submitted', aDeclaration({ shipmentId }))) }],
    });

    const status = await system.waitForStatus(shipmentId, 1);
    expect(status.data).toMatchObject({ shipmentId, status: 'PRE_CLEARED', priority: 'CRITICAL' });

    // The logistics firm reads the status topic with a group of its own (PLAIN, under mutual TLS).
    const logistics = client(
      loadAppConfig(tlsEnvironment('logistics-firm-a', USERS['logistics-firm-a'], 'plain')).kafka,
      'it-logistics',
    ).consumer({
      groupId: `${LOGISTICS_GROUP_PREFIX}${randomBytes(3).toString('hex')}`,
    });
    clients.push(logistics);
    const received: string[] = [];
    await logistics.connect();
    await logistics.subscribe({ topic: system.config.topics.clearanceStatus, fromBeginning: true });
    await logistics.run({ eachMessage: async ({ message }) => void received.push(message.key?.toString() ?? '') });
    await system.statuses.waitFor('the logistics firm to read the status', () => received.includes(shipmentId));

    // The admin app's readiness (brokers, the engine's groups) works with the backend's ACLs too.
    const api = await system.startAdminApi();
    const ready = await api.anonymous().get('/health/ready').expect(200);
    expect(ready.body.info.kafka.status).toBe('up');
    expect(ready.body.info.engine.status).toBe('up');
  });

  it('given a border system allowed to write the inbound topic only, when it writes the status, dead-letter or lane topics, then the broker refuses', async () => {
    const { topics } = system.config;
    const border = client(saslConnection('border-cgk', USERS['border-cgk']), 'it-border-forger').producer({
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    clients.push(border);
    await border.connect();
    const forged = `SHP-FORGED-${randomBytes(3).toString('hex')}`;
    for (const topic of [topics.clearanceStatus, topics.deadLetter, topics.lanes.CRITICAL]) {
      expect(await refusal(border.send({ topic, acks: -1, messages: [{ key: forged, value: '{"data":{"status":"RELEASED"}}' }] }))).toBe(
        'TOPIC_AUTHORIZATION_FAILED',
      );
    }
    // Nor may it read what the backend publishes.
    const borderAdmin = client(saslConnection('border-cgk', USERS['border-cgk']), 'it-border-admin').admin();
    clients.push(borderAdmin);
    await borderAdmin.connect();
    expect(await refusal(borderAdmin.fetchTopicOffsets(topics.clearanceStatus))).toBe('TOPIC_AUTHORIZATION_FAILED');

    // A later genuine status arrives; nothing forged was published before it.
    const shipmentId = `SHP-SEC-${randomBytes(3).toString('hex')}`;
    await border.send({
      topic: topics.shipmentEvents,
      acks: -1,
      messages: [{ key: shipmentId, value: JSON.stringify(aShipmentEvent('customs.prearrival.submitted', aDeclaration({ shipmentId }))) }],
    });
    await system.waitForStatus(shipmentId, 1);
    expect(system.statuses.messages.filter((m) => m.key === forged)).toEqual([]);
    expect(system.deadLetters.messages.filter((m) => m.key === forged)).toEqual([]);
  });

  it('given a logistics firm allowed to read the statuses only, when it reads the inbound topic, then the broker refuses', async () => {
    const logistics = client(saslConnection('logistics-firm-a', USERS['logistics-firm-a']), 'it-logistics-admin').admin();
    clients.push(logistics);
    await logistics.connect();
    expect(await refusal(logistics.fetchTopicOffsets(system.config.topics.shipmentEvents))).toBe('TOPIC_AUTHORIZATION_FAILED');
  });

  it('given wrong credentials, when a client connects, then it is refused and no password reaches a log line', async () => {
    const wrong = `wrong-${password()}`;
    const lines: string[] = [];
    const spies = (['log', 'error', 'warn', 'debug', 'verbose', 'fatal'] as const).map((level) =>
      jest.spyOn(Logger.prototype, level).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' '))),
    );
    try {
      const attempts = [
        saslConnection('border-cgk', wrong),
        saslConnection('nobody', wrong),
        // Another principal's password.
        saslConnection('clearance-backend', USERS['border-cgk'], 'scram-sha-512'),
      ];
      for (const connection of attempts) {
        expect(await refusal(client(connection, 'it-intruder').admin().connect())).toBe('KafkaJSSASLAuthenticationError');
      }
      // The backend started with a wrong password stops at once, saying why.
      await expect(ensureTopics(client(attempts[0], 'it-intruder'), system.config.topics)).rejects.toThrow(
        /Kafka refused the credentials \(KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD\)/,
      );
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(lines.some((line) => line.includes('authentication failed'))).toBe(true);
    for (const secret of [wrong, ...Object.values(USERS)]) {
      expect(lines.filter((line) => line.includes(secret))).toEqual([]);
    }
  });

  it('given the TLS listener, when a client brings no certificate signed by the broker CA, then it is refused', async () => {
    const withoutCertificate = loadAppConfig({
      KAFKA_BROKERS: broker.tlsBootstrap,
      KAFKA_SSL: 'true',
      KAFKA_SSL_CA_FILE: broker.tlsFile('ca.pem'),
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'clearance-backend',
      KAFKA_SASL_PASSWORD: USERS['clearance-backend'],
    }).kafka;
    // One attempt: a refused handshake is a connection error that kafkajs would otherwise retry for a while.
    const admin = new Kafka({
      ...kafkaConnectionOptions(withoutCertificate),
      clientId: 'it-no-certificate',
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
    }).admin();
    expect(await refusal(admin.connect())).toBe('KafkaJSConnectionError');
  });
});
