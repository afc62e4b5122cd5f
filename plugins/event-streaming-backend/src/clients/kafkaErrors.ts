import {
  ForwardedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';

const UNAVAILABLE_ERRORS = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSNumberOfRetriesExceeded',
  'KafkaJSBrokerNotFound',
  'KafkaJSNonRetriableError',
  'KafkaJSSASLAuthenticationError',
  'KafkaJSTimeout',
]);

/** The innermost cause of a kafkajs error, which carries the useful message. */
function rootCause(error: any): any {
  let current = error;
  for (let i = 0; i < 5 && current?.originalError; i++) {
    current = current.originalError;
  }
  return current;
}

/**
 * Turns an error thrown by kafkajs into a `@backstage/errors` type, so that
 * routes answer 503 when a cluster cannot be reached and 404 for unknown
 * topics, each with the cause in the message.
 */
export function toBackstageError(cluster: string, error: unknown): Error {
  const err = error as any;
  const cause = rootCause(err);
  const message = cause?.message ?? String(error);
  if (
    cause?.type === 'UNKNOWN_TOPIC_OR_PARTITION' ||
    err?.type === 'UNKNOWN_TOPIC_OR_PARTITION'
  ) {
    return new NotFoundError(`Kafka cluster '${cluster}': ${message}`);
  }
  if (
    UNAVAILABLE_ERRORS.has(err?.name) ||
    UNAVAILABLE_ERRORS.has(cause?.name) ||
    err?.name === 'OperationTimeoutError'
  ) {
    return new ServiceUnavailableError(
      `Kafka cluster '${cluster}' is unavailable: ${message}`,
    );
  }
  return new ForwardedError(`Kafka cluster '${cluster}' failed`, error);
}

/** Rejects with a `KafkaJSTimeout`-like error when `promise` takes too long. */
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
