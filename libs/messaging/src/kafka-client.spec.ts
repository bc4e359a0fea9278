import { type KafkaConfig, Secret } from '@app/config';
import { kafkaConnectionOptions } from './kafka-client';

const PLAINTEXT: KafkaConfig = {
  brokers: ['a:9092', 'b:9092'],
  clientId: 'priority-clearance',
  maxDecompressedBatchBytes: 1 << 20,
  tls: null,
  sasl: null,
};

describe('kafkaConnectionOptions', () => {
  it('given no TLS and no SASL, when built, then kafkajs gets the brokers alone', () => {
    expect(kafkaConnectionOptions(PLAINTEXT)).toEqual({ brokers: ['a:9092', 'b:9092'] });
  });

  it('given TLS with the default CAs, when built, then kafkajs verifies the brokers against them', () => {
    expect(kafkaConnectionOptions({ ...PLAINTEXT, tls: { rejectUnauthorized: true } })).toEqual({
      brokers: ['a:9092', 'b:9092'],
      ssl: { rejectUnauthorized: true },
    });
  });

  it('given mutual TLS with an encrypted key, when built, then kafkajs gets the PEM contents and the revealed key and passphrase', () => {
    const options = kafkaConnectionOptions({
      ...PLAINTEXT,
      tls: {
        ca: 'CA PEM',
        cert: 'CERT PEM',
        key: new Secret('KEY PEM'),
        passphrase: new Secret('key passphrase'),
        rejectUnauthorized: false,
      },
    });
    expect(options.ssl).toEqual({
      ca: 'CA PEM',
      cert: 'CERT PEM',
      key: 'KEY PEM',
      passphrase: 'key passphrase',
      rejectUnauthorized: false,
    });
  });

  it.each(['plain', 'scram-sha-256', 'scram-sha-512'] as const)(
    'given SASL %s, when built, then kafkajs gets the mechanism and the revealed password',
    (mechanism) => {
      const options = kafkaConnectionOptions({
        ...PLAINTEXT,
        sasl: { mechanism, username: 'clearance-backend', password: new Secret('s3cret') },
      });
      expect(options.sasl).toEqual({ mechanism, username: 'clearance-backend', password: 's3cret' });
      expect(options.ssl).toBeUndefined();
    },
  );

  it('given one configuration, when built twice, then each client gets its own SASL object (kafkajs writes its authenticator on it)', () => {
    const config: KafkaConfig = { ...PLAINTEXT, sasl: { mechanism: 'scram-sha-256', username: 'u', password: new Secret('p') } };
    expect(kafkaConnectionOptions(config).sasl).not.toBe(kafkaConnectionOptions(config).sasl);
  });
});
