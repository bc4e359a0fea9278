import { createPrivateKey, type KeyObject, X509Certificate } from 'node:crypto';
import { EnvironmentVariables, type SaslMechanism } from './environment';
import { Secret } from './secret';

/** The variables of Kafka's TLS and SASL settings (a tool starting the apps passes them on). */
export const KAFKA_SECURITY_VARIABLES: readonly string[] = Object.keys(new EnvironmentVariables()).filter((name) =>
  /^KAFKA_(SSL|SASL)/.test(name),
);

/** Reads a whole text file (injectable: the unit tests give files by name). */
export type ReadTextFile = (path: string) => string;

/** TLS to the brokers; PEM contents, read once at start-up. */
export interface KafkaTlsConfig {
  /** CA certificates the brokers' certificates are checked against; Node's default CAs when absent. */
  ca?: string;
  /** Client certificate and its key (mutual TLS): both or neither. */
  cert?: string;
  key?: Secret;
  passphrase?: Secret;
  rejectUnauthorized: boolean;
}

export interface KafkaSaslConfig {
  mechanism: SaslMechanism;
  username: string;
  password: Secret;
}

export interface KafkaSecurityConfig {
  tls: KafkaTlsConfig | null;
  sasl: KafkaSaslConfig | null;
}

/**
 * TLS and SASL settings of the Kafka clients from validated variables: checks how they combine,
 * reads the files they name and checks their contents, so a mistake stops the service at
 * start-up with a message naming the variable, instead of failing at the first connection.
 * Problems never quote a secret.
 */
export function kafkaSecurityFrom(
  vars: EnvironmentVariables,
  readFile: ReadTextFile,
): { security: KafkaSecurityConfig; problems: string[] } {
  const problems: string[] = [];
  const tls = tlsFrom(vars, readFile, problems);
  const sasl = saslFrom(vars, readFile, problems);
  return { security: { tls, sasl }, problems };
}

function tlsFrom(vars: EnvironmentVariables, readFile: ReadTextFile, problems: string[]): KafkaTlsConfig | null {
  if (!vars.KAFKA_SSL) {
    for (const name of ['KAFKA_SSL_CA_FILE', 'KAFKA_SSL_CERT_FILE', 'KAFKA_SSL_KEY_FILE', 'KAFKA_SSL_KEY_PASSPHRASE'] as const) {
      if (vars[name] !== undefined) problems.push(`${name} is set but KAFKA_SSL is not true`);
    }
    if (!vars.KAFKA_SSL_REJECT_UNAUTHORIZED) problems.push('KAFKA_SSL_REJECT_UNAUTHORIZED is set but KAFKA_SSL is not true');
    return null;
  }
  const tls: KafkaTlsConfig = { rejectUnauthorized: vars.KAFKA_SSL_REJECT_UNAUTHORIZED };

  if (vars.KAFKA_SSL_CA_FILE !== undefined) {
    const ca = read('KAFKA_SSL_CA_FILE', vars.KAFKA_SSL_CA_FILE, readFile, problems);
    if (ca !== null && checkCertificates('KAFKA_SSL_CA_FILE', vars.KAFKA_SSL_CA_FILE, ca, problems)) tls.ca = ca;
  }

  const { KAFKA_SSL_CERT_FILE: certFile, KAFKA_SSL_KEY_FILE: keyFile, KAFKA_SSL_KEY_PASSPHRASE: passphrase } = vars;
  if (certFile !== undefined && keyFile === undefined)
    problems.push('KAFKA_SSL_CERT_FILE is set without KAFKA_SSL_KEY_FILE (a client certificate needs its private key)');
  if (keyFile !== undefined && certFile === undefined)
    problems.push('KAFKA_SSL_KEY_FILE is set without KAFKA_SSL_CERT_FILE (a private key needs its client certificate)');
  if (passphrase !== undefined && keyFile === undefined) problems.push('KAFKA_SSL_KEY_PASSPHRASE is set without KAFKA_SSL_KEY_FILE');
  if (certFile === undefined || keyFile === undefined) return tls;

  const cert = read('KAFKA_SSL_CERT_FILE', certFile, readFile, problems);
  const keyPem = read('KAFKA_SSL_KEY_FILE', keyFile, readFile, problems);
  if (cert === null || keyPem === null || !checkCertificates('KAFKA_SSL_CERT_FILE', certFile, cert, problems)) return tls;
  const key = privateKey(keyFile, keyPem, passphrase, problems);
  if (!key) return tls;
  if (!new X509Certificate(cert).checkPrivateKey(key)) {
    problems.push('KAFKA_SSL_KEY_FILE is not the private key of the certificate in KAFKA_SSL_CERT_FILE');
    return tls;
  }
  return { ...tls, cert, key: new Secret(keyPem), ...(passphrase !== undefined ? { passphrase: new Secret(passphrase) } : {}) };
}

function saslFrom(vars: EnvironmentVariables, readFile: ReadTextFile, problems: string[]): KafkaSaslConfig | null {
  const {
    KAFKA_SASL_MECHANISM: mechanism,
    KAFKA_SASL_USERNAME: username,
    KAFKA_SASL_PASSWORD: password,
    KAFKA_SASL_PASSWORD_FILE: passwordFile,
  } = vars;
  if (mechanism === undefined) {
    for (const name of ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD', 'KAFKA_SASL_PASSWORD_FILE'] as const) {
      if (vars[name] !== undefined) problems.push(`${name} is set but KAFKA_SASL_MECHANISM is not`);
    }
    return null;
  }
  const before = problems.length;
  if (mechanism === 'plain' && !vars.KAFKA_SSL) {
    problems.push('KAFKA_SASL_MECHANISM=plain sends the password in clear text: set KAFKA_SSL=true, or use scram-sha-256 or scram-sha-512');
  }
  if (username === undefined) problems.push(`KAFKA_SASL_USERNAME is required with KAFKA_SASL_MECHANISM=${mechanism}`);
  let secret: string | null = null;
  if (password !== undefined && passwordFile !== undefined) {
    problems.push('KAFKA_SASL_PASSWORD and KAFKA_SASL_PASSWORD_FILE are both set: set one');
  } else if (password !== undefined) {
    secret = password;
  } else if (passwordFile !== undefined) {
    const content = read('KAFKA_SASL_PASSWORD_FILE', passwordFile, readFile, problems);
    // A file written by `echo` or an editor ends with a newline that is not part of the password.
    secret = content === null ? null : content.replace(/(\r?\n)+$/, '');
    if (secret === '') {
      problems.push(`KAFKA_SASL_PASSWORD_FILE: ${passwordFile} is empty`);
      secret = null;
    }
  } else {
    problems.push(`KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE is required with KAFKA_SASL_MECHANISM=${mechanism}`);
  }
  if (problems.length > before || username === undefined || secret === null) return null;
  return { mechanism, username, password: new Secret(secret) };
}

function read(name: string, path: string, readFile: ReadTextFile, problems: string[]): string | null {
  try {
    return readFile(path);
  } catch (error) {
    problems.push(`${name}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    return null;
  }
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** True when the file holds PEM certificates and each can be read (Node's TLS skips a bad one silently). */
function checkCertificates(name: string, path: string, pem: string, problems: string[]): boolean {
  const certificates = pem.match(PEM_CERTIFICATE) ?? [];
  if (certificates.length === 0) {
    problems.push(`${name}: ${path} holds no PEM certificate`);
    return false;
  }
  for (const certificate of certificates) {
    try {
      new X509Certificate(certificate);
    } catch {
      problems.push(`${name}: ${path} holds a PEM certificate that cannot be read`);
      return false;
    }
  }
  return true;
}

function privateKey(path: string, pem: string, passphrase: string | undefined, problems: string[]): KeyObject | null {
  try {
    return createPrivateKey({ key: pem, ...(passphrase !== undefined ? { passphrase } : {}) });
  } catch {
    const encrypted = /-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type: 4,ENCRYPTED/.test(pem);
    if (encrypted && passphrase === undefined) problems.push('KAFKA_SSL_KEY_FILE is encrypted: set KAFKA_SSL_KEY_PASSPHRASE');
    else if (encrypted) problems.push('KAFKA_SSL_KEY_PASSPHRASE does not decrypt KAFKA_SSL_KEY_FILE');
    else problems.push(`KAFKA_SSL_KEY_FILE: ${path} holds no PEM private key`);
    return null;
  }
}
