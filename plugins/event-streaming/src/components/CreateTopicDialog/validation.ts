import {
  CleanupPolicy,
  ClusterInfo,
  CreateTopicRequest,
  DurationUnit,
  kafkaTopicNameError,
  mixesDotAndUnderscore,
  toMs,
} from '@eventport/plugin-event-streaming-common';
import { retentionError } from '../../lib/durations';

/** What the create form holds; numbers stay strings while being typed. */
export interface CreateTopicForm {
  prefix: string;
  suffix: string;
  partitions: string;
  replicationFactor: string;
  retentionValue: string;
  retentionUnit: DurationUnit;
  cleanupPolicy: CleanupPolicy;
  description: string;
}

export interface CreateTopicValidation {
  fullName: string;
  errors: Partial<
    Record<'name' | 'partitions' | 'replicationFactor' | 'retention', string>
  >;
  /** Allowed, but worth a second thought. */
  nameWarning?: string;
}

function wholeNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return undefined;
  return Number(trimmed);
}

function patternError(name: string, pattern?: string): string | undefined {
  if (!pattern) return undefined;
  let regex: RegExp;
  try {
    regex = new RegExp(pattern);
  } catch {
    // A broken pattern is the backend's to report; do not block the form.
    return undefined;
  }
  return regex.test(name)
    ? undefined
    : `The name must match this installation's naming pattern: ${pattern}`;
}

/** Checks the form against Kafka's rules, the naming pattern and the limits. */
export function validateCreateTopic(
  form: CreateTopicForm,
  cluster: ClusterInfo,
  namingPattern?: string,
): CreateTopicValidation {
  const fullName = `${form.prefix}${form.suffix}`;
  const errors: CreateTopicValidation['errors'] = {};

  if (form.suffix.length === 0) {
    errors.name = `Enter the name after the '${form.prefix}' prefix.`;
  } else {
    errors.name =
      kafkaTopicNameError(fullName) ?? patternError(fullName, namingPattern);
  }

  const { maxPartitions } = cluster.limits;
  const partitions = wholeNumber(form.partitions);
  if (
    partitions === undefined ||
    partitions < 1 ||
    partitions > maxPartitions
  ) {
    errors.partitions = `Partitions must be a whole number from 1 to ${maxPartitions}.`;
  }

  const replicationFactor = wholeNumber(form.replicationFactor);
  if (replicationFactor === undefined || replicationFactor < 1) {
    errors.replicationFactor =
      'The replication factor must be a whole number of at least 1.';
  }

  const retentionValue = Number(form.retentionValue);
  errors.retention =
    form.retentionValue.trim() === '' || Number.isNaN(retentionValue)
      ? 'Enter a retention.'
      : retentionError(
          toMs(retentionValue, form.retentionUnit),
          cluster.limits,
        );

  for (const key of Object.keys(errors) as (keyof typeof errors)[]) {
    if (errors[key] === undefined) delete errors[key];
  }

  return {
    fullName,
    errors,
    nameWarning: mixesDotAndUnderscore(fullName)
      ? "The name mixes '.' and '_'. Kafka's metric names treat both alike, so it may collide with another topic's metrics."
      : undefined,
  };
}

/** The request body for a valid form. */
export function createTopicBody(form: CreateTopicForm): CreateTopicRequest {
  const description = form.description.trim();
  return {
    name: `${form.prefix}${form.suffix}`,
    partitions: Number(form.partitions),
    replicationFactor: Number(form.replicationFactor),
    retentionMs: toMs(Number(form.retentionValue), form.retentionUnit),
    cleanupPolicy: form.cleanupPolicy,
    ...(description ? { description } : {}),
  };
}
