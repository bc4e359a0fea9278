import { KafkaJSAggregateError, KafkaJSConnectionError, KafkaJSError, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError } from 'kafkajs';
import { isPermanentRefusal, permanentRefusal } from './kafka-record-publisher';

/** A broker error as kafkajs builds it from a produce response's error code (protocol/error.js). */
function brokerError(type: string, code: number, retriable: boolean): KafkaJSProtocolError {
  return new KafkaJSProtocolError(Object.assign(new Error(`broker says ${type}`), { type, code, retriable }));
}

describe('permanentRefusal', () => {
  it.each([
    ['MESSAGE_TOO_LARGE', 10, false],
    ['RECORD_LIST_TOO_LARGE', 18, false],
    ['INVALID_RECORD', 87, false],
    ['CORRUPT_MESSAGE', 2, true],
    ['INVALID_TIMESTAMP', 32, false],
  ])(
    'given the broker refusing a record with %s, when classified, then it is a permanent refusal with that code',
    (type, code, retriable) => {
      expect(permanentRefusal(brokerError(type, code, retriable))).toEqual({ code: type, message: `broker says ${type}` });
      expect(isPermanentRefusal(brokerError(type, code, retriable))).toBe(true);
    },
  );

  it.each([
    ['NOT_LEADER_FOR_PARTITION', 6, true],
    ['REQUEST_TIMED_OUT', 7, true],
    ['NOT_ENOUGH_REPLICAS', 19, true],
    ['TOPIC_AUTHORIZATION_FAILED', 29, false],
    ['UNKNOWN_TOPIC_OR_PARTITION', 3, true],
    ['UNSUPPORTED_FOR_MESSAGE_FORMAT', 43, false],
    ['OUT_OF_ORDER_SEQUENCE_NUMBER', 45, false],
    ['UNKNOWN', -1, false],
  ])(
    'given %s (about the broker, the topic or the producer, not the record), when classified, then it is not a refusal',
    (type, code, retriable) => {
      expect(permanentRefusal(brokerError(type, code, retriable))).toBeNull();
    },
  );

  it('given a refusal wrapped by the retrier (KafkaJSNumberOfRetriesExceeded), when classified, then the cause is found', () => {
    const wrapped = new KafkaJSNumberOfRetriesExceeded(brokerError('CORRUPT_MESSAGE', 2, true), { retryCount: 5, retryTime: 1000 });
    expect(permanentRefusal(wrapped)).toEqual({ code: 'CORRUPT_MESSAGE', message: 'broker says CORRUPT_MESSAGE' });
  });

  it('given retries exceeded on a connection error, when classified, then it is not a refusal', () => {
    const wrapped = new KafkaJSNumberOfRetriesExceeded(new KafkaJSConnectionError('Connection timeout'), {
      retryCount: 5,
      retryTime: 1000,
    });
    expect(isPermanentRefusal(wrapped)).toBe(false);
  });

  it('given an aggregate holding a refusal among other errors, when classified, then the refusal is found', () => {
    const aggregate = new KafkaJSAggregateError('several partitions failed', [
      brokerError('NOT_LEADER_FOR_PARTITION', 6, true),
      brokerError('MESSAGE_TOO_LARGE', 10, false),
    ]);
    expect(permanentRefusal(aggregate)?.code).toBe('MESSAGE_TOO_LARGE');
  });

  it('given an aggregate of retriable errors only, when classified, then it is not a refusal', () => {
    const aggregate = new KafkaJSAggregateError('several partitions failed', [brokerError('NOT_LEADER_FOR_PARTITION', 6, true), 'a text']);
    expect(isPermanentRefusal(aggregate)).toBe(false);
  });

  it.each([
    ['a plain Error', new Error('MESSAGE_TOO_LARGE')],
    ['a KafkaJSError that is not a protocol error', new KafkaJSError('The producer is disconnected')],
    ['a string', 'MESSAGE_TOO_LARGE'],
    ['undefined', undefined],
    ['an object that only looks like a protocol error', { name: 'KafkaJSProtocolError', type: 'MESSAGE_TOO_LARGE' }],
  ])('given %s, when classified, then it is not a refusal', (_, error) => {
    expect(isPermanentRefusal(error)).toBe(false);
  });

  it('given an error whose causes form a cycle, when classified, then the answer comes back', () => {
    const a = new Error('a') as Error & { cause?: unknown };
    const b = new Error('b') as Error & { cause?: unknown };
    a.cause = b;
    b.cause = a;
    expect(isPermanentRefusal(a)).toBe(false);
  });
});
