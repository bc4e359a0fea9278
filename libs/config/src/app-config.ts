import { readFileSync } from 'node:fs';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { type Priority, PRIORITIES } from '@app/contract/clearance-status';
import { laneTopicName } from '@app/contract/topics';
import { parseServiceLevels, type ServiceLevelThreshold } from '@app/policy/operators/service-levels';
import { EnvironmentVariables } from './environment';
import { type KafkaSaslConfig, type KafkaTlsConfig, kafkaSecurityFrom, type ReadTextFile } from './kafka-security';
import { shownValue } from './secret-values';
import { parseTrustProxy, type TrustProxySetting } from './trust-proxy';

export interface KafkaConfig {
  brokers: string[];
  clientId: string;
  /** Bound of the decompressed size of one record batch (KAFKA_MAX_DECOMPRESSED_BATCH_BYTES). */
  maxDecompressedBatchBytes: number;
  /** TLS to the brokers (KAFKA_SSL*); null for a plaintext connection. */
  tls: KafkaTlsConfig | null;
  /** SASL authentication (KAFKA_SASL_*); null for none. */
  sasl: KafkaSaslConfig | null;
}

export interface TopicsConfig {
  shipmentEvents: string;
  clearanceStatus: string;
  deadLetter: string;
  /** Internal: the priority lanes the triage forwards inbound records to (named after shipmentEvents). */
  lanes: Record<Priority, string>;
  partitions: number;
  replicationFactor: number;
}

export interface EngineConfig {
  /** The triage's consumer group on the shipment events topic (ENGINE_GROUP_ID). */
  groupId: string;
  /** One consumer group per lane, so a lane's backlog never holds up another lane. */
  laneGroupIds: Record<Priority, string>;
  partitionsConsumedConcurrently: number;
}

/** Who may reach the admin API, how often, and where its operational routes are served. */
export interface AdminAccessConfig {
  /** Express `trust proxy`: which proxies may give the client's address (ADMIN_TRUST_PROXY). */
  trustProxy: TrustProxySetting;
  /** The port of /metrics, /docs and /docs-json when they are kept off ADMIN_PORT; undefined: served on ADMIN_PORT. */
  internalPort: number | undefined;
  /** /metrics, /docs and /docs-json need an API key. */
  opsRequireKey: boolean;
  /** Requests allowed per window, per client address and per API key. */
  rateLimit: { windowMs: number; perAddress: number; perKey: number };
}

/** Liveness and readiness of the engine and the status publisher (PROBE_PORT, PROBE_STALL_MS). */
export interface ProbesConfig {
  port: number | undefined;
  stallMs: number;
}

/** Delivery to the trade: webhooks (WEBHOOKS_*) and notifications kept for the pull API. */
export interface TradeDeliveryConfig {
  /** http:// to a loopback address is allowed (tests, demos); otherwise https only. */
  allowHttpLocalhost: boolean;
  /** Endpoints may resolve to non-public addresses (private, loopback, link-local...): the SSRF guard is off. */
  allowPrivateAddresses: boolean;
  /** Most time one webhook call may take. */
  timeoutMs: number;
  /** An endpoint failing for this long in a row is paused. */
  retryWindowMs: number;
  /** Back-off after the first failure, doubling with each failure in a row up to maxMs (with jitter). */
  backoff: { initialMs: number; maxMs: number };
  /** Endpoints called at once by one delivery worker. */
  concurrency: number;
  pollIntervalMs: number;
  /** How long the previous secret still signs after a rotation. */
  secretOverlapMs: number;
  /** How long notifications are kept before they are purged. */
  retentionMs: number;
}

/** The operators' workbench: claims, service levels, four eyes. */
export interface OperatorsWorkConfig {
  claimMinutes: number;
  serviceLevels: ServiceLevelThreshold[];
  serviceLevelCheckIntervalMs: number;
  /** How long a reading of the release-time histogram (/metrics) is reused. */
  releaseHistogramMaxAgeMs: number;
  /** Activating a ruleset version needs an approval by an admin other than its author. */
  rulesetFourEyes: boolean;
}

/** One of the engine's consumers: the triage, or a priority lane. */
export interface EngineConsumer {
  name: 'triage' | Priority;
  groupId: string;
  topic: string;
}

/** The engine's consumers: the triage on the shipment events topic, then each lane's group on its topic. */
export function engineConsumers({ engine, topics }: AppConfig): EngineConsumer[] {
  return [
    { name: 'triage', groupId: engine.groupId, topic: topics.shipmentEvents },
    ...PRIORITIES.map((lane) => ({ name: lane, groupId: engine.laneGroupIds[lane], topic: topics.lanes[lane] })),
  ];
}

/** The validated configuration of every service; injected as a class token. */
export class AppConfig {
  constructor(
    readonly kafka: KafkaConfig,
    readonly databaseUrl: string,
    readonly topics: TopicsConfig,
    readonly engine: EngineConfig,
    readonly outbox: { batchSize: number; pollIntervalMs: number },
    readonly admin: { port: number; bootstrapApiKey: string | undefined },
    readonly statusEventSource: string,
    readonly logging: { level: EnvironmentVariables['LOG_LEVEL']; format: EnvironmentVariables['LOG_FORMAT'] },
    readonly adminAccess: AdminAccessConfig,
    /** A new watchlist entry re-screens open shipments this many per transaction. */
    readonly watchlistRescreen: { chunkSize: number },
    readonly tradeDelivery: TradeDeliveryConfig,
    readonly operatorsWork: OperatorsWorkConfig,
    /** The engine's and publisher's probe port (none when undefined), and how long without progress is a stall. */
    readonly probes: ProbesConfig = { port: undefined, stallMs: 120_000 },
  ) {}
}

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}\nSee .env.example for every variable and its default.`);
    this.name = 'ConfigValidationError';
  }
}

/**
 * Validates the environment once (reading the files it names); throws ConfigValidationError
 * naming every bad variable, with the values of secrets redacted.
 */
export function loadAppConfig(
  env: Record<string, string | undefined>,
  readFile: ReadTextFile = (path) => readFileSync(path, 'utf8'),
): AppConfig {
  const known = Object.keys(new EnvironmentVariables());
  const given: Record<string, string> = {};
  for (const name of [...known, 'ADMIN_API_KEY']) {
    const value = env[name];
    if (value !== undefined && value !== '') given[name] = value;
  }
  const vars = plainToInstance(EnvironmentVariables, given, { exposeDefaultValues: true });
  const errors = validateSync(vars, { skipMissingProperties: false });
  const problems = errors.map((e) => `${e.property}=${shownValue(e.property, e.value)}: ${Object.values(e.constraints ?? {}).join('; ')}`);
  // How the Kafka security variables combine is only checked once each of them is valid.
  const kafkaSecurity = errors.some((e) => /^KAFKA_(SSL|SASL)/.test(e.property)) ? null : kafkaSecurityFrom(vars, readFile);
  problems.push(...(kafkaSecurity?.problems ?? []));
  const serviceLevels = parseServiceLevels(typeof vars.SERVICE_LEVELS === 'string' ? vars.SERVICE_LEVELS : '');
  problems.push(...serviceLevels.problems.map((p) => `SERVICE_LEVELS: ${p}`));
  if (problems.length > 0 || !kafkaSecurity) throw new ConfigValidationError(problems);
  return new AppConfig(
    {
      brokers: vars.KAFKA_BROKERS.split(','),
      clientId: vars.KAFKA_CLIENT_ID,
      maxDecompressedBatchBytes: vars.KAFKA_MAX_DECOMPRESSED_BATCH_BYTES,
      ...kafkaSecurity.security,
    },
    vars.DATABASE_URL,
    {
      shipmentEvents: vars.TOPIC_SHIPMENT_EVENTS,
      clearanceStatus: vars.TOPIC_CLEARANCE_STATUS,
      deadLetter: vars.TOPIC_DEAD_LETTER,
      lanes: perLane((lane) => laneTopicName(vars.TOPIC_SHIPMENT_EVENTS, lane)),
      partitions: vars.TOPIC_PARTITIONS,
      replicationFactor: vars.TOPIC_REPLICATION_FACTOR,
    },
    {
      groupId: vars.ENGINE_GROUP_ID,
      laneGroupIds: perLane((lane) => `${vars.ENGINE_GROUP_ID}.lane.${lane.toLowerCase()}`),
      partitionsConsumedConcurrently: vars.ENGINE_PARTITIONS_CONCURRENCY,
    },
    { batchSize: vars.OUTBOX_BATCH_SIZE, pollIntervalMs: vars.OUTBOX_POLL_INTERVAL_MS },
    { port: vars.ADMIN_PORT, bootstrapApiKey: vars.ADMIN_API_KEY },
    vars.STATUS_EVENT_SOURCE,
    { level: vars.LOG_LEVEL, format: vars.LOG_FORMAT },
    {
      trustProxy: parseTrustProxy(vars.ADMIN_TRUST_PROXY),
      internalPort: vars.ADMIN_INTERNAL_PORT,
      opsRequireKey: vars.ADMIN_OPS_REQUIRE_KEY === 'true',
      rateLimit: {
        windowMs: vars.ADMIN_RATE_LIMIT_WINDOW_MS,
        perAddress: vars.ADMIN_RATE_LIMIT_PER_ADDRESS,
        perKey: vars.ADMIN_RATE_LIMIT_PER_KEY,
      },
    },
    { chunkSize: vars.WATCHLIST_RESCREEN_CHUNK_SIZE },
    {
      allowHttpLocalhost: vars.WEBHOOKS_ALLOW_HTTP_LOCALHOST,
      allowPrivateAddresses: vars.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES,
      timeoutMs: vars.WEBHOOKS_TIMEOUT_MS,
      retryWindowMs: vars.WEBHOOKS_RETRY_WINDOW_MS,
      backoff: {
        initialMs: vars.WEBHOOKS_BACKOFF_INITIAL_MS,
        maxMs: Math.max(vars.WEBHOOKS_BACKOFF_MAX_MS, vars.WEBHOOKS_BACKOFF_INITIAL_MS),
      },
      concurrency: vars.WEBHOOKS_CONCURRENCY,
      pollIntervalMs: vars.WEBHOOKS_POLL_INTERVAL_MS,
      secretOverlapMs: vars.WEBHOOKS_SECRET_OVERLAP_MS,
      retentionMs: vars.NOTIFICATIONS_RETENTION_DAYS * 24 * 3_600_000,
    },
    {
      claimMinutes: vars.WORKLIST_CLAIM_MINUTES,
      serviceLevels: serviceLevels.thresholds,
      serviceLevelCheckIntervalMs: vars.SERVICE_LEVEL_CHECK_INTERVAL_MS,
      releaseHistogramMaxAgeMs: vars.RELEASE_HISTOGRAM_MAX_AGE_MS,
      rulesetFourEyes: vars.RULESET_FOUR_EYES === 'true',
    },
    { port: vars.PROBE_PORT, stallMs: vars.PROBE_STALL_MS },
  );
}

function perLane(name: (lane: Priority) => string): Record<Priority, string> {
  return Object.fromEntries(PRIORITIES.map((lane) => [lane, name(lane)])) as Record<Priority, string>;
}
