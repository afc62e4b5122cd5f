import {
  ConnectorConfigField,
  ConnectorState,
  ConnectorType,
  ConnectorValidation,
  literalSecretKeys,
  MASKED_VALUE,
} from '@eventport/plugin-event-streaming-common';

/** How each state reads on screen, in the order filters list them. */
export const STATE_LABELS: Record<ConnectorState, string> = {
  RUNNING: 'Running',
  FAILED: 'Failed',
  PAUSED: 'Paused',
  STOPPED: 'Stopped',
  UNASSIGNED: 'Unassigned',
  RESTARTING: 'Restarting',
};

/**
 * The state a connector is shown in. Connect reports the connector's own
 * state apart from its tasks': a connector RUNNING with failed tasks moves
 * nothing, so it is shown as failed (every task failed) or degraded (some),
 * as Connect's own UIs do, with the reason in `note`.
 */
export type ShownState = ConnectorState | 'DEGRADED';

export const SHOWN_STATE_LABELS: Record<ShownState, string> = {
  ...STATE_LABELS,
  DEGRADED: 'Degraded',
};

export function shownConnectorState(
  state: ConnectorState,
  tasks?: { total: number; failed: number },
): { state: ShownState; note?: string } {
  if (state !== 'RUNNING' || !tasks || tasks.failed === 0) return { state };
  const note = `The connector runs, but ${tasks.failed} of ${tasks.total} ${
    tasks.total === 1 ? 'task' : 'tasks'
  } failed`;
  return tasks.failed >= tasks.total
    ? { state: 'FAILED', note }
    : { state: 'DEGRADED', note };
}

/** The first line of a Java trace: the exception and its message. */
export function traceHeadline(trace: string): string {
  return trace.split('\n', 1)[0].trim();
}

export const TYPE_LABELS: Record<ConnectorType, string> = {
  source: 'Source',
  sink: 'Sink',
  unknown: 'Unknown',
};

/** `org.apache.kafka.connect.file.FileStreamSourceConnector` → `FileStreamSourceConnector`. */
export function shortClassName(className: string): string {
  const last = className.split('.').pop();
  return last || className;
}

/** The package of a class name, or an empty string. */
export function packageOf(className: string): string {
  const dot = className.lastIndexOf('.');
  return dot > 0 ? className.slice(0, dot) : '';
}

/** Config keys the create form has its own inputs for. */
const OWN_INPUTS = new Set(['name', 'connector.class']);

/** One section of the generated config form. */
export interface FieldGroup {
  /** Connect's group, or null for the plugin's own ungrouped keys. */
  group: string | null;
  title: string;
  fields: ConnectorConfigField[];
}

/**
 * The fields of a validation as the create form shows them: the plugin's
 * own ungrouped keys first, then Connect's groups in the order Connect
 * lists them; each group by `order`, then by name. Keys with their own
 * input (name, class) are left out, and so are fields Connect marks
 * invisible, unless a value is set for them.
 */
export function groupFields(
  validation: ConnectorValidation,
  setKeys: ReadonlySet<string> = new Set(),
): FieldGroup[] {
  const byGroup = new Map<string | null, ConnectorConfigField[]>();
  for (const field of validation.fields) {
    if (OWN_INPUTS.has(field.name)) continue;
    if (!field.visible && !setKeys.has(field.name)) continue;
    const group = field.group || null;
    const list = byGroup.get(group) ?? [];
    list.push(field);
    byGroup.set(group, list);
  }
  const order: (string | null)[] = [null, ...validation.groups];
  for (const group of byGroup.keys()) {
    if (!order.includes(group)) order.push(group);
  }
  return order
    .filter(group => byGroup.has(group))
    .map(group => ({
      group,
      title: group ?? 'Connector settings',
      fields: [...byGroup.get(group)!].sort(
        (a, b) => a.order - b.order || a.name.localeCompare(b.name),
      ),
    }));
}

/** Which input a config field gets. */
export type FieldInputKind =
  | 'boolean'
  | 'number'
  | 'list'
  | 'password'
  | 'select'
  | 'text';

const NUMBER_TYPES = new Set(['INT', 'LONG', 'SHORT', 'DOUBLE']);

export function inputKind(field: ConnectorConfigField): FieldInputKind {
  const type = field.type.toUpperCase();
  if (type === 'BOOLEAN') return 'boolean';
  if (NUMBER_TYPES.has(type)) return 'number';
  if (type === 'LIST') return 'list';
  if (type === 'PASSWORD') return 'password';
  if (field.recommendedValues.length > 0) return 'select';
  return 'text';
}

/** An example config-provider reference for a secret key. */
export function referenceExample(key: string): string {
  return `\${file:/opt/connect/secrets.properties:${key}}`;
}

/** Keys still holding the hidden value that Eventport shows for secrets. */
export function maskedKeys(config: Record<string, string>): string[] {
  return Object.keys(config)
    .filter(key => config[key] === MASKED_VALUE)
    .sort();
}

/**
 * Why a config cannot be sent as it is, in words: the hidden value left in
 * a secret, or literal secrets. Undefined when the config may be sent.
 */
export function secretProblem(
  config: Record<string, string>,
): string | undefined {
  const masked = maskedKeys(config);
  if (masked.length > 0) {
    const key = masked[0];
    return `${masked.join(', ')} still ${
      masked.length === 1 ? 'holds' : 'hold'
    } the hidden value ${MASKED_VALUE}. Eventport never shows secret values, so it cannot send them back: replace ${MASKED_VALUE} with a config-provider reference that the Connect worker resolves, such as "${key}": "${referenceExample(
      key,
    )}" (or \${env:…}, \${secrets:…}).`;
  }
  const literal = literalSecretKeys(config);
  if (literal.length > 0) {
    const key = literal[0];
    return `${literal.join(', ')} ${
      literal.length === 1 ? 'holds' : 'hold'
    } a literal secret. Connector configs must not contain secrets: give a config-provider reference such as "${referenceExample(
      key,
    )}".`;
  }
  return undefined;
}

/** A config typed as JSON: every value a string, as Connect stores it. */
export type ParsedConfig =
  | { config: Record<string, string>; error?: undefined }
  | { config?: undefined; error: string };

/**
 * Parses the config editor's text: a JSON object whose values are strings
 * (numbers and booleans are taken as their text, as Connect would).
 */
export function parseConfigJson(text: string): ParsedConfig {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { error: `Not valid JSON: ${(e as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      error:
        'The config must be a JSON object of keys and values, such as {"tasks.max": "1"}.',
    };
  }
  const config: Record<string, string> = {};
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === 'string') config[key] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') {
      config[key] = String(v);
    } else {
      return {
        error: `The value of "${key}" must be a string (Connect keeps every config value as text).`,
      };
    }
  }
  return { config };
}

/** The config without `name`, which Connect keeps in it but is no setting. */
export function withoutName(
  config: Record<string, string>,
): Record<string, string> {
  const { name: _name, ...rest } = config;
  return rest;
}
