import { KafkaJSProtocolError } from 'kafkajs';
import { toBackstageError } from './kafkaErrors';

function kafkaError(type: string, message = `Kafka said ${type}`) {
  const error = new KafkaJSProtocolError(message) as KafkaJSProtocolError & {
    type: string;
  };
  error.type = type;
  return error;
}

describe('toBackstageError', () => {
  it('maps Kafka answers to 404, 409, 400 and 502 with the cause', () => {
    const cases: Array<[string, string, number | undefined]> = [
      ['UNKNOWN_TOPIC_OR_PARTITION', 'NotFoundError', undefined],
      ['TOPIC_ALREADY_EXISTS', 'ConflictError', undefined],
      ['POLICY_VIOLATION', 'InputError', undefined],
      ['TOPIC_AUTHORIZATION_FAILED', 'KafkaRequestError', 502],
    ];
    for (const [type, name, statusCode] of cases) {
      const mapped = toBackstageError(
        'dev-local',
        'create topic t',
        kafkaError(type),
      );
      expect([mapped.name, (mapped as any).statusCode]).toEqual([
        name,
        statusCode,
      ]);
      expect(mapped.message).toContain(`Kafka said ${type}`);
    }
    expect(
      toBackstageError(
        'dev-local',
        'create topic t',
        kafkaError('TOPIC_AUTHORIZATION_FAILED'),
      ).message,
    ).toBe(
      "Kafka cluster 'dev-local' could not create topic t: Kafka said TOPIC_AUTHORIZATION_FAILED (TOPIC_AUTHORIZATION_FAILED)",
    );
  });

  it('answers 503 when the cluster cannot be reached', () => {
    const error = new Error('Connection timeout');
    error.name = 'KafkaJSConnectionError';
    const mapped = toBackstageError('dev-local', 'list topics', error);
    expect(mapped.name).toBe('ServiceUnavailableError');
    expect(mapped.message).toBe(
      "Kafka cluster 'dev-local' is unavailable: Connection timeout",
    );
  });

  it('never passes a TypeError on as the answer, nor blames the cluster for it', () => {
    const bug = new TypeError(
      "Cannot destructure property 'partitions' of 'high.pop(...)' as it is undefined.",
    );
    const mapped = toBackstageError('dev-local', 'fetch offsets of t', bug);
    expect([
      mapped.name,
      (mapped as any).statusCode,
      (mapped as any).cause,
    ]).toEqual(['KafkaClientError', 500, undefined]);
    expect(mapped.message).toBe(
      "Eventport's Kafka client failed to fetch offsets of t on cluster 'dev-local'. " +
        'This is an internal error, not a failure of the cluster; the details are in the backend log.',
    );
  });

  it('passes errors that already say what went wrong through unchanged', () => {
    const notFound = toBackstageError(
      'dev-local',
      'x',
      kafkaError('UNKNOWN_TOPIC_OR_PARTITION'),
    );
    expect(toBackstageError('dev-local', 'y', notFound)).toBe(notFound);
  });
});
