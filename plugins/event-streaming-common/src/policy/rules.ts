import { formatDurationMs } from './durations';
import { kafkaTopicNameError, mixesDotAndUnderscore } from './names';

/**
 * The self-service rules, shared by the backend (which enforces them) and the
 * frontend (which explains them while the user types). Each returns the broken
 * rule as a sentence saying what is allowed, or undefined.
 */

/**
 * Kafka's rules, the installation's naming pattern, and no '.'/'_' mixing.
 *
 * @public
 */
export function topicNameError(
  name: string,
  namingPattern?: RegExp | string,
): string | undefined {
  const kafka = kafkaTopicNameError(name);
  if (kafka) return kafka;
  if (namingPattern) {
    let pattern: RegExp | undefined;
    try {
      pattern =
        typeof namingPattern === 'string'
          ? new RegExp(namingPattern)
          : namingPattern;
    } catch {
      // An invalid pattern is a configuration error; the backend reports it
      // at start-up, so it blocks nothing here.
    }
    if (pattern && !pattern.test(name)) {
      return `The name must match this installation's naming pattern: ${pattern.source}`;
    }
  }
  if (mixesDotAndUnderscore(name)) {
    return `'${name}' mixes '.' and '_'. Kafka's metric names treat them alike, so it could collide with another topic; use one of them.`;
  }
  return undefined;
}

/**
 * Partition count within 1 and the environment's maximum.
 *
 * @public
 */
export function partitionCountError(
  partitions: number,
  maxPartitions: number,
): string | undefined {
  if (
    !Number.isInteger(partitions) ||
    partitions < 1 ||
    partitions > maxPartitions
  ) {
    return `Partitions must be a whole number from 1 to ${maxPartitions}.`;
  }
  return undefined;
}

/**
 * Retention within the environment's limits.
 *
 * @public
 */
export function retentionLimitError(
  retentionMs: number,
  limits: { retentionMinMs: number; retentionMaxMs: number },
  environment?: string,
): string | undefined {
  if (
    retentionMs < limits.retentionMinMs ||
    retentionMs > limits.retentionMaxMs
  ) {
    return `Retention must be between ${formatDurationMs(
      limits.retentionMinMs,
    )} and ${formatDurationMs(limits.retentionMaxMs)} in ${
      environment ?? 'this environment'
    }.`;
  }
  return undefined;
}
