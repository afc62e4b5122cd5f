import { ErrorCode as GeneratedErrorCode } from './generated/errorCodes';

/**
 * Kafka error codes. The generated table comes from the spec's error-codes.tsv;
 * two classic group-protocol codes missing from that file are added here.
 */
export const ErrorCode = {
  ...GeneratedErrorCode,
  INCONSISTENT_GROUP_PROTOCOL: 23,
  INVALID_SESSION_TIMEOUT: 26,
} as const;

/** Thrown by handlers to answer a whole request with one error code. */
export class KafkaError extends Error {
  constructor(readonly code: number, message?: string) {
    super(message ?? `kafka error ${code}`);
  }
}
