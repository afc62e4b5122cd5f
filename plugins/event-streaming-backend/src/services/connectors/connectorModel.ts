// Connect's answers to Eventport's connector types: state, type, task
// counts, topics and the masked config.
import {
  ConnectorState,
  connectorStateSchema,
  ConnectorSummary,
  ConnectorType,
  connectorTypeSchema,
  ConnectorValidation,
  isConfigProviderReference,
  isSecretConfigKey,
  MASKED_VALUE,
} from '@eventport/plugin-event-streaming-common';
import type {
  ConnectConnector,
  ConnectValidation,
} from '@eventport/plugin-event-streaming-node';

export function stateOf(state: string | undefined): ConnectorState {
  const parsed = connectorStateSchema.safeParse(state);
  return parsed.success ? parsed.data : 'UNASSIGNED';
}

export function typeOf(type: string | undefined): ConnectorType {
  const parsed = connectorTypeSchema.safeParse(type);
  return parsed.success ? parsed.data : 'unknown';
}

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map(t => t.trim())
    .filter(Boolean);

/**
 * The topics a config names: `topics` of a sink, `topic` of the FileStream
 * source, `kafka.topic` of others. Connect's own record of the topics in
 * use (`/topics`) is read on the detail page; the list has only the config.
 */
export function configuredTopics(config: Record<string, string>): string[] {
  return [
    ...new Set([
      ...list(config.topics),
      ...list(config.topic),
      ...list(config['kafka.topic']),
    ]),
  ].sort();
}

export function summaryOf(
  connector: ConnectConnector,
  owner: string | null,
  owned: boolean,
): ConnectorSummary {
  const tasks = connector.status?.tasks ?? [];
  const count = (state: string) => tasks.filter(t => t.state === state).length;
  return {
    name: connector.name,
    type: typeOf(connector.type),
    className: connector.config['connector.class'] ?? '',
    state: stateOf(connector.status?.connector.state),
    workerId: connector.status?.connector.workerId,
    tasks: {
      total: tasks.length,
      running: count('RUNNING'),
      failed: count('FAILED'),
      paused: count('PAUSED'),
    },
    topics: configuredTopics(connector.config),
    owner,
    owned,
  };
}

const maskValue = (key: string, value: string | null, type?: string) =>
  value !== null &&
  value !== '' &&
  (type === 'PASSWORD' || isSecretConfigKey(key)) &&
  !isConfigProviderReference(value)
    ? MASKED_VALUE
    : value;

/** Connect's validation, with every secret value masked. */
export function validationOf(
  raw: ConnectValidation,
  className: string,
): ConnectorValidation {
  return {
    className,
    errorCount: raw.errorCount,
    groups: raw.groups,
    fields: raw.configs.map(({ definition: d, value: v }) => ({
      name: d.name,
      type: d.type,
      required: d.required,
      defaultValue: maskValue(d.name, d.defaultValue, d.type),
      importance: d.importance,
      documentation: d.documentation,
      group: d.group,
      displayName: d.displayName,
      order: d.order,
      value: maskValue(d.name, v.value, d.type),
      recommendedValues: v.recommendedValues,
      errors: v.errors,
      visible: v.visible,
    })),
  };
}
