import {
  ConflictError,
  CustomErrorBase,
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';

const UNAVAILABLE_ERRORS = new Set([
  'BrokerHandshakeError',
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSNumberOfRetriesExceeded',
  'KafkaJSBrokerNotFound',
  'KafkaJSSASLAuthenticationError',
  'KafkaJSTimeout',
  'OperationTimeoutError',
]);

/** Messages of kafkajs errors that are about the connection, whatever their class. */
const UNAVAILABLE_MESSAGE =
  /not connected|connection|timed? ?out|ECONN|EHOSTUNREACH|ENOTFOUND|socket|closed/i;

/** Kafka error types that mean the request itself was refused as invalid. */
const INPUT_ERROR_TYPES = new Set([
  'INVALID_CONFIG',
  'INVALID_PARTITIONS',
  'INVALID_REPLICATION_FACTOR',
  'INVALID_REPLICA_ASSIGNMENT',
  'INVALID_TOPIC_EXCEPTION',
  'INVALID_REQUEST',
  'POLICY_VIOLATION',
]);

/** The error that carries Kafka's error type, looking through kafkajs wrappers. */
function findTyped(error: any): any {
  let current = error;
  for (let i = 0; i < 6 && current; i++) {
    if (current.type) return current;
    current = current.errors?.[0] ?? current.originalError ?? current.cause;
  }
  return undefined;
}

/** The innermost cause of a kafkajs error, which carries the useful message. */
function rootCause(error: any): any {
  let current = error;
  for (let i = 0; i < 6 && (current?.originalError || current?.cause); i++) {
    current = current.originalError ?? current.cause;
  }
  return current;
}

/** Errors that already say what went wrong, passed on as they are. */
const MAPPED_ERRORS = new Set([
  'InputError',
  'NotFoundError',
  'ConflictError',
  'ServiceUnavailableError',
  'KafkaRequestError',
  'KafkaClientError',
]);

/**
 * The request to Kafka failed in a way with no better mapping: Kafka
 * answered with another error (an authorization failure, say), or the client
 * gave up on the exchange. 502, with Kafka's message.
 */
export class KafkaRequestError extends CustomErrorBase {
  name = 'KafkaRequestError' as const;
  statusCode = 502;
}

/**
 * An unexpected error inside the Kafka client library (a TypeError, say),
 * not an answer of the cluster. It is answered as an internal error with a
 * plain message; the original error and its stack go to the backend log only.
 */
export class KafkaClientError extends CustomErrorBase {
  name = 'KafkaClientError' as const;
  statusCode = 500;
}

/** Errors that only a bug throws: in kafkajs, or in our use of it. */
function isProgrammingError(error: unknown): boolean {
  return (
    error instanceof TypeError ||
    error instanceof RangeError ||
    error instanceof ReferenceError ||
    error instanceof SyntaxError
  );
}

/**
 * Turns an error thrown while doing `what` on a cluster into a
 * `@backstage/errors` type, so that routes answer 503 when a cluster cannot
 * be reached, 404 for unknown topics, 409 for existing ones, 400 for requests
 * Kafka refuses as invalid and 502 for other failed requests, each with the
 * cause in the message. A bug (a TypeError, say) is a `KafkaClientError`.
 */
export function toBackstageError(
  cluster: string,
  what: string,
  error: unknown,
): Error {
  const err = error as any;
  if (MAPPED_ERRORS.has(err?.name)) return err;
  const typed = findTyped(err);
  const message = (typed ?? rootCause(err))?.message ?? String(error);
  switch (typed?.type) {
    case 'UNKNOWN_TOPIC_OR_PARTITION':
      return new NotFoundError(`Kafka cluster '${cluster}': ${message}`);
    case 'TOPIC_ALREADY_EXISTS':
      return new ConflictError(`Kafka cluster '${cluster}': ${message}`);
    default:
      if (INPUT_ERROR_TYPES.has(typed?.type)) {
        return new InputError(`Kafka cluster '${cluster}' refused: ${message}`);
      }
  }
  const cause = rootCause(err);
  if (
    UNAVAILABLE_ERRORS.has(err?.name) ||
    UNAVAILABLE_ERRORS.has(cause?.name) ||
    (!isProgrammingError(err) && UNAVAILABLE_MESSAGE.test(message))
  ) {
    return new ServiceUnavailableError(
      `Kafka cluster '${cluster}' is unavailable: ${message}`,
    );
  }
  if (!isProgrammingError(err)) {
    return new KafkaRequestError(
      `Kafka cluster '${cluster}' could not ${what}: ${message}${
        typed?.type ? ` (${typed.type})` : ''
      }`,
    );
  }
  return new KafkaClientError(
    `Eventport's Kafka client failed to ${what} on cluster '${cluster}'. ` +
      'This is an internal error, not a failure of the cluster; the details are in the backend log.',
  );
}

/** Rejects with an `OperationTimeoutError` when `promise` takes too long. */
export async function withTimeout<T>(
  promise: Promise<T>,
  ms: number,
  what: string,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new Error(`${what} timed out after ${ms} ms`);
      error.name = 'OperationTimeoutError';
      reject(error);
    }, ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
