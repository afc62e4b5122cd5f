import { createHash } from 'node:crypto';
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
  valueHoldsCredential,
} from '@eventport/plugin-event-streaming-common';
import { scrubField } from '../../clients/connectScrub';
import type {
  ConnectConfigDefinition,
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
  (((type === 'PASSWORD' || isSecretConfigKey(key)) &&
    !isConfigProviderReference(value)) ||
    valueHoldsCredential(value))
    ? MASKED_VALUE
    : value;

/** One field of the form: its definition (default masked) and Connect's verdict. */
function fieldOf(
  d: ConnectConfigDefinition,
  verdict: {
    value: string | null;
    recommendedValues: string[];
    errors: string[];
    visible: boolean;
  },
): ConnectorValidation['fields'][number] {
  return {
    name: d.name,
    type: d.type,
    required: d.required,
    defaultValue: maskValue(d.name, d.defaultValue, d.type),
    importance: d.importance,
    documentation: d.documentation,
    group: d.group,
    displayName: d.displayName,
    order: d.order,
    ...verdict,
    value: maskValue(d.name, verdict.value, d.type),
  };
}

/**
 * Connect's validation, with every secret value masked, and values and
 * messages the worker resolved from references put back to what was sent.
 */
export function validationOf(
  raw: ConnectValidation,
  className: string,
  sent: Record<string, string>,
): ConnectorValidation {
  return {
    className,
    errorCount: raw.errorCount,
    groups: raw.groups,
    fields: raw.configs.map(({ definition: d, value: v }) => {
      const shown = scrubField(
        { name: d.name, type: d.type, value: v.value, errors: v.errors },
        sent,
      );
      return fieldOf(d, {
        value: shown.value,
        recommendedValues: v.recommendedValues,
        errors: shown.errors,
        visible: v.visible,
      });
    }),
  };
}

/** A plugin's definition as an empty validation: the form before any value. */
export function definitionsOf(
  definitions: ConnectConfigDefinition[],
  className: string,
): ConnectorValidation {
  const groups = [
    ...new Set(definitions.map(d => d.group).filter((g): g is string => !!g)),
  ];
  return {
    className,
    errorCount: 0,
    groups,
    fields: definitions.map(d =>
      fieldOf(d, {
        value: null,
        recommendedValues: [],
        errors: [],
        visible: true,
      }),
    ),
  };
}

/** SHA-256 of a config, independent of key order: what a change was reviewed against. */
export function configHash(config: Record<string, string>): string {
  const sorted = Object.keys(config)
    .sort()
    .map(k => [k, config[k]]);
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex');
}
