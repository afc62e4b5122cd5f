import {
  CleanupPolicy,
  ClusterInfo,
  CreateTopicRequest,
  DurationUnit,
  partitionCountError,
  toMs,
  topicNameError,
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
}

function wholeNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return undefined;
  return Number(trimmed);
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
    errors.name = topicNameError(fullName, namingPattern);
  }

  errors.partitions = partitionCountError(
    wholeNumber(form.partitions) ?? NaN,
    cluster.limits.maxPartitions,
  );

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

  return { fullName, errors };
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
