import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { type AppConfig, ConfigValidationError, loadAppConfig } from './app-config';
import { KAFKA_SECURITY_VARIABLES, type ReadTextFile } from './kafka-security';

const TLS_FIXTURES = join(__dirname, 'testing', 'tls');

/** The PEM fixtures under their own names, plus text files given by the test; anything else is missing. */
function files(extra: Record<string, string> = {}): ReadTextFile {
  return (path) => {
    if (path in extra) return extra[path];
    if (path.startsWith('/tls/')) return readFileSync(join(TLS_FIXTURES, path.slice('/tls/'.length)), 'utf8');
    throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
  };
}

function problemsOf(env: Record<string, string>, readFile: ReadTextFile = files()): string[] {
  try {
    loadAppConfig(env, readFile);
  } catch (error) {
    if (error instanceof ConfigValidationError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

const fixture = (name: string) => readFileSync(join(TLS_FIXTURES, name), 'utf8');
const MUTUAL_TLS = {
  KAFKA_SSL: 'true',
  KAFKA_SSL_CA_FILE: '/tls/ca.pem',
  KAFKA_SSL_CERT_FILE: '/tls/client.pem',
  KAFKA_SSL_KEY_FILE: '/tls/client.key',
};
const SCRAM = {
  KAFKA_SASL_MECHANISM: 'scram-sha-512',
  KAFKA_SASL_USERNAME: 'clearance-backend',
  KAFKA_SASL_PASSWORD: 'scram-secret-value',
};

describe('Kafka security configuration', () => {
  it('given no security variable, when loaded, then the clients connect in plaintext without SASL', () => {
    const { kafka } = loadAppConfig({}, files());
    expect(kafka.tls).toBeNull();
    expect(kafka.sasl).toBeNull();
  });

  it('given KAFKA_SSL=true alone, when loaded, then TLS checks the brokers against the default CAs', () => {
    expect(loadAppConfig({ KAFKA_SSL: 'true' }, files()).kafka.tls).toEqual({ rejectUnauthorized: true });
  });

  it('given a CA, a client certificate and its key, when loaded, then the PEM contents are kept and the key is a secret', () => {
    const { tls } = loadAppConfig(MUTUAL_TLS, files()).kafka;
    expect(tls?.ca).toBe(fixture('ca.pem'));
    expect(tls?.cert).toBe(fixture('client.pem'));
    expect(tls?.key?.reveal()).toBe(fixture('client.key'));
    expect(tls?.passphrase).toBeUndefined();
    expect(tls?.rejectUnauthorized).toBe(true);
  });

  it('given an encrypted key and its passphrase, when loaded, then both are kept as secrets', () => {
    const { tls } = loadAppConfig(
      { ...MUTUAL_TLS, KAFKA_SSL_KEY_FILE: '/tls/client-encrypted.key', KAFKA_SSL_KEY_PASSPHRASE: 'unit-test-passphrase' },
      files(),
    ).kafka;
    expect(tls?.key?.reveal()).toBe(fixture('client-encrypted.key'));
    expect(tls?.passphrase?.reveal()).toBe('unit-test-passphrase');
  });

  it('given KAFKA_SSL_REJECT_UNAUTHORIZED=false, when loaded, then any broker certificate is accepted', () => {
    expect(loadAppConfig({ KAFKA_SSL: 'true', KAFKA_SSL_REJECT_UNAUTHORIZED: 'false' }, files()).kafka.tls?.rejectUnauthorized).toBe(false);
  });

  it.each(['scram-sha-256', 'SCRAM-SHA-512', 'plain'])(
    'given the SASL mechanism %s with credentials, when loaded, then it is kept in lower case',
    (mechanism) => {
      const { sasl } = loadAppConfig({ KAFKA_SSL: 'true', ...SCRAM, KAFKA_SASL_MECHANISM: mechanism }, files()).kafka;
      expect(sasl?.mechanism).toBe(mechanism.toLowerCase());
      expect(sasl?.username).toBe('clearance-backend');
      expect(sasl?.password.reveal()).toBe('scram-secret-value');
    },
  );

  it('given the SASL password in a file, when loaded, then its trailing newline is not part of the password', () => {
    const env = {
      KAFKA_SASL_MECHANISM: 'scram-sha-256',
      KAFKA_SASL_USERNAME: 'clearance-backend',
      KAFKA_SASL_PASSWORD_FILE: '/run/secrets/kafka',
    };
    const { sasl } = loadAppConfig(env, files({ '/run/secrets/kafka': 'from a file \n' })).kafka;
    expect(sasl?.password.reveal()).toBe('from a file ');
  });

  it.each([
    [{ KAFKA_SSL: 'yes' }, 'KAFKA_SSL must be true or false'],
    [{ KAFKA_SSL: 'true', KAFKA_SSL_REJECT_UNAUTHORIZED: 'no' }, 'KAFKA_SSL_REJECT_UNAUTHORIZED must be true or false'],
    [{ KAFKA_SASL_MECHANISM: 'gssapi' }, 'KAFKA_SASL_MECHANISM must be one of plain, scram-sha-256, scram-sha-512'],
    [{ KAFKA_SSL_CA_FILE: '/tls/ca.pem' }, 'KAFKA_SSL_CA_FILE is set but KAFKA_SSL is not true'],
    [{ KAFKA_SSL_REJECT_UNAUTHORIZED: 'false' }, 'KAFKA_SSL_REJECT_UNAUTHORIZED is set but KAFKA_SSL is not true'],
    [
      { KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: '/etc/kafka/missing-ca.pem' },
      'KAFKA_SSL_CA_FILE: cannot read /etc/kafka/missing-ca.pem (ENOENT)',
    ],
    [{ KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: '/tls/client.key' }, 'KAFKA_SSL_CA_FILE: /tls/client.key holds no PEM certificate'],
    [
      { KAFKA_SSL: 'true', KAFKA_SSL_CERT_FILE: '/tls/client.pem' },
      'KAFKA_SSL_CERT_FILE is set without KAFKA_SSL_KEY_FILE (a client certificate needs its private key)',
    ],
    [
      { KAFKA_SSL: 'true', KAFKA_SSL_KEY_FILE: '/tls/client.key' },
      'KAFKA_SSL_KEY_FILE is set without KAFKA_SSL_CERT_FILE (a private key needs its client certificate)',
    ],
    [
      { ...MUTUAL_TLS, KAFKA_SSL_KEY_FILE: '/tls/other.key' },
      'KAFKA_SSL_KEY_FILE is not the private key of the certificate in KAFKA_SSL_CERT_FILE',
    ],
    [{ ...MUTUAL_TLS, KAFKA_SSL_KEY_FILE: '/tls/ca.pem' }, 'KAFKA_SSL_KEY_FILE: /tls/ca.pem holds no PEM private key'],
    [{ ...MUTUAL_TLS, KAFKA_SSL_KEY_FILE: '/tls/client-encrypted.key' }, 'KAFKA_SSL_KEY_FILE is encrypted: set KAFKA_SSL_KEY_PASSPHRASE'],
    [
      { ...MUTUAL_TLS, KAFKA_SSL_KEY_FILE: '/tls/client-encrypted.key', KAFKA_SSL_KEY_PASSPHRASE: 'not-the-passphrase' },
      'KAFKA_SSL_KEY_PASSPHRASE does not decrypt KAFKA_SSL_KEY_FILE',
    ],
    [
      { KAFKA_SASL_MECHANISM: 'scram-sha-256', KAFKA_SASL_PASSWORD: 'scram-secret-value' },
      'KAFKA_SASL_USERNAME is required with KAFKA_SASL_MECHANISM=scram-sha-256',
    ],
    [
      { KAFKA_SASL_MECHANISM: 'scram-sha-256', KAFKA_SASL_USERNAME: 'u' },
      'KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE is required with KAFKA_SASL_MECHANISM=scram-sha-256',
    ],
    [
      { ...SCRAM, KAFKA_SASL_PASSWORD_FILE: '/run/secrets/kafka' },
      'KAFKA_SASL_PASSWORD and KAFKA_SASL_PASSWORD_FILE are both set: set one',
    ],
    [{ KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'scram-secret-value' }, 'KAFKA_SASL_USERNAME is set but KAFKA_SASL_MECHANISM is not'],
    [{ KAFKA_SASL_PASSWORD_FILE: '/run/secrets/kafka' }, 'KAFKA_SASL_PASSWORD_FILE is set but KAFKA_SASL_MECHANISM is not'],
    [
      { ...SCRAM, KAFKA_SASL_PASSWORD: undefined, KAFKA_SASL_PASSWORD_FILE: '/run/secrets/none' },
      'KAFKA_SASL_PASSWORD_FILE: cannot read /run/secrets/none (ENOENT)',
    ],
    [
      { ...SCRAM, KAFKA_SASL_MECHANISM: 'plain' },
      'KAFKA_SASL_MECHANISM=plain sends the password in clear text: set KAFKA_SSL=true, or use scram-sha-256 or scram-sha-512',
    ],
    [{ ...SCRAM, KAFKA_SASL_USERNAME: ' padded' }, 'KAFKA_SASL_USERNAME must not be blank or start or end with spaces'],
  ] as [Record<string, string>, string][])('given %j, when loaded, then it is refused: %s', (env, problem) => {
    expect(problemsOf(env)).toEqual(expect.arrayContaining([expect.stringContaining(problem)]));
  });

  it('given an empty password file, when loaded, then it is refused naming the file', () => {
    const env = { KAFKA_SASL_MECHANISM: 'scram-sha-256', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD_FILE: '/run/secrets/kafka' };
    expect(problemsOf(env, files({ '/run/secrets/kafka': '\n' }))).toEqual(['KAFKA_SASL_PASSWORD_FILE: /run/secrets/kafka is empty']);
  });

  it('given several mistakes, when loaded, then one error names each', () => {
    const problems = problemsOf({ KAFKA_SSL: 'true', KAFKA_SSL_CERT_FILE: '/tls/client.pem', KAFKA_SASL_MECHANISM: 'scram-sha-256' });
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/KAFKA_SSL_CERT_FILE[\s\S]*KAFKA_SASL_USERNAME[\s\S]*KAFKA_SASL_PASSWORD/);
  });

  it('lists the security variables a tool passes on to the apps it starts', () => {
    expect([...KAFKA_SECURITY_VARIABLES].sort()).toEqual([
      'KAFKA_SASL_MECHANISM',
      'KAFKA_SASL_PASSWORD',
      'KAFKA_SASL_PASSWORD_FILE',
      'KAFKA_SASL_USERNAME',
      'KAFKA_SSL',
      'KAFKA_SSL_CA_FILE',
      'KAFKA_SSL_CERT_FILE',
      'KAFKA_SSL_KEY_FILE',
      'KAFKA_SSL_KEY_PASSPHRASE',
      'KAFKA_SSL_REJECT_UNAUTHORIZED',
    ]);
  });
});

describe('secrets in the configuration', () => {
  const SECRET_VALUES = ['scram-secret-value', 'unit-test-passphrase', 'admin-key-that-is-long-enough'];

  function loaded(): AppConfig {
    return loadAppConfig(
      {
        ...MUTUAL_TLS,
        ...SCRAM,
        KAFKA_SSL_KEY_FILE: '/tls/client-encrypted.key',
        KAFKA_SSL_KEY_PASSPHRASE: 'unit-test-passphrase',
        ADMIN_API_KEY: 'admin-key-that-is-long-enough',
      },
      files(),
    );
  }

  it('given a loaded configuration, when it is logged or serialised, then no Kafka secret appears', () => {
    const { kafka } = loaded();
    for (const printed of [JSON.stringify(kafka), inspect(kafka, { depth: 10, showHidden: true }), `${kafka.sasl?.password}`]) {
      expect(printed).not.toContain('scram-secret-value');
      expect(printed).not.toContain('unit-test-passphrase');
      expect(printed).not.toContain('ENCRYPTED PRIVATE KEY');
      expect(printed).toContain('(redacted)');
    }
  });

  it('given invalid secret values, when refused, then the error names each variable without its value', () => {
    let error: unknown;
    try {
      // Each is invalid as given: too short / not a string the rules allow.
      loadAppConfig(
        { ADMIN_API_KEY: 'short secret!', KAFKA_SASL_PASSWORD: 'scram-secret-value', KAFKA_SSL_KEY_PASSPHRASE: 'unit-test-passphrase' },
        files(),
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    const message = (error as Error).message;
    expect(message).toContain('ADMIN_API_KEY=(hidden, 13 characters)');
    expect(message).toContain('KAFKA_SASL_PASSWORD is set but KAFKA_SASL_MECHANISM is not');
    expect(message).toContain('KAFKA_SSL_KEY_PASSPHRASE is set but KAFKA_SSL is not true');
    expect(message).not.toContain('short secret!');
    for (const secret of SECRET_VALUES) expect(message).not.toContain(secret);
  });

  it('given a bad non-secret value, when refused, then its value is shown to help fix it', () => {
    expect(problemsOf({ KAFKA_SSL: 'yes' })).toEqual(['KAFKA_SSL="yes": KAFKA_SSL must be true or false']);
  });
});
