import { Transform } from 'class-transformer';
import { DEFAULT_TOPICS } from '@app/contract/topics';
import { DEFAULT_SERVICE_LEVELS } from '@app/policy/operators/service-levels';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateBy,
  ValidationArguments,
} from 'class-validator';
import { exampleApiKeyProblem } from './example-api-keys';
import { trustProxyProblem } from './trust-proxy';

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : value);

/** A string that `problem` finds nothing wrong with; the message names the variable, never its value. */
function IsAcceptedBy(problem: (value: string) => string | null): PropertyDecorator {
  return ValidateBy({
    name: 'isAcceptedBy',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && problem(value) === null,
      defaultMessage: (args?: ValidationArguments) =>
        `${args?.property} ${typeof args?.value === 'string' ? problem(args.value) : 'must be a string'}`,
    },
  });
}

/** Unset, or a different value than the variable `other` (e.g. two ports that must not be the same). */
function DiffersFrom(other: string): PropertyDecorator {
  return ValidateBy({
    name: 'differsFrom',
    constraints: [other],
    validator: {
      validate: (value: unknown, args?: ValidationArguments) =>
        value === undefined || value !== (args?.object as Record<string, unknown>)[other],
      defaultMessage: (args?: ValidationArguments) => `${args?.property} must differ from ${other}`,
    },
  });
}

const toBoolean = ({ value }: { value: unknown }) => {
  const word = typeof value === 'string' ? value.trim().toLowerCase() : value;
  return word === 'true' ? true : word === 'false' ? false : value;
};

const toLowerCase = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export const SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;
export type SaslMechanism = (typeof SASL_MECHANISMS)[number];

/**
 * Every environment variable the services read, with its default.
 * Validated once at start-up (see loadAppConfig); nothing else reads process.env.
 */
export class EnvironmentVariables {
  @IsString()
  @Matches(/^[^\s,]+:\d+(,[^\s,]+:\d+)*$/, { message: 'KAFKA_BROKERS must be a comma-separated list of host:port' })
  KAFKA_BROKERS = 'localhost:9092';

  @IsString()
  @IsNotEmpty()
  KAFKA_CLIENT_ID = 'priority-clearance';

  /**
   * Most bytes one Kafka record batch is decompressed to (records beyond are dead-lettered
   * without their value), so a small compressed record cannot expand to gigabytes in memory.
   */
  @Transform(toInt)
  @IsInt()
  @Min(4 * 1024 * 1024)
  @Max(1024 * 1024 * 1024)
  KAFKA_MAX_DECOMPRESSED_BATCH_BYTES = 64 * 1024 * 1024;

  @IsString()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// connection URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/clearance';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  ADMIN_PORT = 3000;

  @IsString()
  // 234, not 249: the lane topics append `.lane.essential`.
  @Matches(/^[A-Za-z0-9._-]{1,234}$/, { message: 'TOPIC_SHIPMENT_EVENTS must be a valid Kafka topic name of at most 234 characters' })
  TOPIC_SHIPMENT_EVENTS: string = DEFAULT_TOPICS.shipmentEvents;

  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,249}$/, { message: 'TOPIC_CLEARANCE_STATUS must be a valid Kafka topic name' })
  TOPIC_CLEARANCE_STATUS: string = DEFAULT_TOPICS.clearanceStatus;

  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,249}$/, { message: 'TOPIC_DEAD_LETTER must be a valid Kafka topic name' })
  TOPIC_DEAD_LETTER: string = DEFAULT_TOPICS.deadLetter;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  TOPIC_PARTITIONS = 6;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10)
  TOPIC_REPLICATION_FACTOR = 1;

  /** The triage's group; each lane's group is `<ENGINE_GROUP_ID>.lane.<critical|essential|standard>`. */
  @IsString()
  @MinLength(1)
  ENGINE_GROUP_ID = 'clearance-engine';

  /**
   * How many partitions one engine process works on at once, per lane (and in the triage); the
   * batches fetched together are decided in one transaction, so as many as the partitions is best.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  ENGINE_PARTITIONS_CONCURRENCY = 6;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000)
  OUTBOX_BATCH_SIZE = 1000;

  /** Fallback poll interval of the outbox; new rows also wake the publisher at once (LISTEN/NOTIFY). */
  @Transform(toInt)
  @IsInt()
  @Min(5)
  @Max(60000)
  OUTBOX_POLL_INTERVAL_MS = 250;

  /**
   * When set, the clearance engine and the status publisher serve `GET /health/live` and
   * `GET /health/ready` on this port (for an orchestrator's probes); the admin API has its own.
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  PROBE_PORT?: number = undefined;

  /** A consumer (or the outbox relay) that shows no progress for this long is not live: restarting it is the cure. */
  @Transform(toInt)
  @IsInt()
  @Min(5_000)
  @Max(3_600_000)
  PROBE_STALL_MS = 120_000;

  /** CloudEvents `source` of the status events this backend publishes. */
  @IsString()
  @MinLength(1)
  STATUS_EVENT_SOURCE = 'urn:customs:clearance-backend';

  @IsIn(['fatal', 'error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log';

  @IsIn(['json', 'text'])
  LOG_FORMAT: 'json' | 'text' = 'text';

  /** The characters an `Authorization: Bearer` token may hold (RFC 6750), as the API accepts them. */
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9._~+/=-]{16,256}$/, {
    message: 'ADMIN_API_KEY must be 16 to 256 characters of letters, digits and . _ ~ + / = -',
  })
  // A value copied from the documentation would let anyone who read it administer the system.
  @IsAcceptedBy(exampleApiKeyProblem)
  ADMIN_API_KEY?: string;

  /**
   * Who may tell the admin API the client's address (X-Forwarded-For): `off`, a hop count, or the
   * proxies' addresses/CIDR ranges. The address is what rate limits and the audit log use.
   */
  @IsString()
  @IsAcceptedBy(trustProxyProblem)
  ADMIN_TRUST_PROXY = 'off';

  /** When set, /metrics, /docs and /docs-json are served on this port only (not on ADMIN_PORT). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  @DiffersFrom('ADMIN_PORT')
  ADMIN_INTERNAL_PORT?: number = undefined;

  /** `true`: /metrics, /docs and /docs-json need an API key (any role), like the API. */
  @IsIn(['true', 'false'])
  ADMIN_OPS_REQUIRE_KEY: 'true' | 'false' = 'false';

  /** Rate limits count requests in windows of this length. */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(3_600_000)
  ADMIN_RATE_LIMIT_WINDOW_MS = 60_000;

  /** Requests per window from one client address, authenticated or not (an office behind one NAT shares it). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  ADMIN_RATE_LIMIT_PER_ADDRESS = 1200;

  /** Requests per window with one API key, from any address. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  ADMIN_RATE_LIMIT_PER_KEY = 600;

  /** Open shipments a new watchlist entry re-screens per transaction. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000)
  WATCHLIST_RESCREEN_CHUNK_SIZE = 500;

  // Delivery to the trade: webhooks and the pull API (see docs/architecture.md).

  /** true: webhook endpoints may be http:// on a loopback address (tests and demos); otherwise https only. */
  @Transform(toBoolean)
  @IsBoolean({ message: 'WEBHOOKS_ALLOW_HTTP_LOCALHOST must be true or false' })
  WEBHOOKS_ALLOW_HTTP_LOCALHOST = false;

  /** true: endpoints may resolve to private, loopback, link-local or other non-public addresses (SSRF guard off). */
  @Transform(toBoolean)
  @IsBoolean({ message: 'WEBHOOKS_ALLOW_PRIVATE_ADDRESSES must be true or false' })
  WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = false;

  /** Most time one webhook call may take, connection included. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(120_000)
  WEBHOOKS_TIMEOUT_MS = 10_000;

  /** How long an endpoint is retried after its first failure in a row before it is paused (default 24 hours). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(30 * 24 * 3_600_000)
  WEBHOOKS_RETRY_WINDOW_MS = 24 * 3_600_000;

  /** Back-off before the first retry; it doubles with each failure in a row (with jitter), up to WEBHOOKS_BACKOFF_MAX_MS. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3_600_000)
  WEBHOOKS_BACKOFF_INITIAL_MS = 5_000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 3_600_000)
  WEBHOOKS_BACKOFF_MAX_MS = 3_600_000;

  /** Endpoints one delivery worker calls at once (each endpoint is called one message at a time, in order). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000)
  WEBHOOKS_CONCURRENCY = 16;

  /** Fallback poll of the delivery worker for due endpoints (new deliveries wake it at once; back-offs end on a poll). */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(60_000)
  WEBHOOKS_POLL_INTERVAL_MS = 500;

  /** After a secret rotation, how long the previous secret still signs too. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(30 * 24 * 3_600_000)
  WEBHOOKS_SECRET_OVERLAP_MS = 24 * 3_600_000;

  /** Days a notification is kept (delivered or not) before it is purged. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  NOTIFICATIONS_RETENTION_DAYS = 14;
  /** An officer's claim on a worklist item lapses after this many minutes. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  WORKLIST_CLAIM_MINUTES = 30;

  /** Release targets from arrival: `PRIORITY[+COLD|-COLD]=MINUTES,...`, or `none` (checked in loadAppConfig). */
  @IsString()
  SERVICE_LEVELS = DEFAULT_SERVICE_LEVELS;

  /** How often the admin app looks for shipments past their service level. */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(3_600_000)
  SERVICE_LEVEL_CHECK_INTERVAL_MS = 30_000;

  /** The release-time histogram of /metrics is read from PostgreSQL at most this often; 0: at every scrape. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  RELEASE_HISTOGRAM_MAX_AGE_MS = 30_000;

  /** `false` lets an admin activate a ruleset version without a second admin's approval (single-officer deployments). */
  @IsIn(['true', 'false'])
  RULESET_FOUR_EYES: 'true' | 'false' = 'true';

  // Kafka security: TLS and SASL for every Kafka client (see docs/security.md). How the
  // variables combine (a certificate needs its key, a mechanism its credentials, ...) and the
  // files they name are checked in kafka-security.ts.

  /** TLS to the brokers (their SSL or SASL_SSL listeners). */
  @Transform(toBoolean)
  @IsBoolean({ message: 'KAFKA_SSL must be true or false' })
  KAFKA_SSL = false;

  /** PEM file of the CA certificates the brokers' certificates are checked against (Node's default CAs when unset). */
  @IsOptional()
  @IsString()
  KAFKA_SSL_CA_FILE?: string = undefined;

  /** PEM file of the client certificate (mutual TLS); needs KAFKA_SSL_KEY_FILE. */
  @IsOptional()
  @IsString()
  KAFKA_SSL_CERT_FILE?: string = undefined;

  /** PEM file of the client certificate's private key. */
  @IsOptional()
  @IsString()
  KAFKA_SSL_KEY_FILE?: string = undefined;

  /** Passphrase of an encrypted KAFKA_SSL_KEY_FILE (a secret). */
  @IsOptional()
  @IsString()
  KAFKA_SSL_KEY_PASSPHRASE?: string = undefined;

  /** false accepts any broker certificate: for a test broker only, never in production. */
  @Transform(toBoolean)
  @IsBoolean({ message: 'KAFKA_SSL_REJECT_UNAUTHORIZED must be true or false' })
  KAFKA_SSL_REJECT_UNAUTHORIZED = true;

  @IsOptional()
  @Transform(toLowerCase)
  @IsIn(SASL_MECHANISMS, { message: `KAFKA_SASL_MECHANISM must be one of ${SASL_MECHANISMS.join(', ')}` })
  KAFKA_SASL_MECHANISM?: SaslMechanism = undefined;

  @IsOptional()
  @IsString()
  @Matches(/^\S(.*\S)?$/, { message: 'KAFKA_SASL_USERNAME must not be blank or start or end with spaces' })
  KAFKA_SASL_USERNAME?: string = undefined;

  /** A secret; KAFKA_SASL_PASSWORD_FILE keeps it out of the environment. */
  @IsOptional()
  @IsString()
  KAFKA_SASL_PASSWORD?: string = undefined;

  /** A file holding the SASL password (a trailing newline is ignored), e.g. a mounted secret. */
  @IsOptional()
  @IsString()
  KAFKA_SASL_PASSWORD_FILE?: string = undefined;
}
