// Kafka Connect's REST answers (snake_case) to the ConnectClient types of -node.
import type {
  ConnectConfigDefinition,
  ConnectStatus,
  ConnectValidation,
} from '@eventport/plugin-event-streaming-node';

export type RawStatus = {
  name: string;
  type?: string;
  connector: { state: string; worker_id?: string; trace?: string };
  tasks?: Array<{
    id: number;
    state: string;
    worker_id?: string;
    trace?: string;
  }>;
};

export const statusOf = (raw: RawStatus): ConnectStatus => ({
  name: raw.name,
  type: raw.type ?? 'unknown',
  connector: {
    state: raw.connector.state,
    workerId: raw.connector.worker_id,
    trace: raw.connector.trace,
  },
  tasks: (raw.tasks ?? []).map(t => ({
    id: t.id,
    state: t.state,
    workerId: t.worker_id,
    trace: t.trace,
  })),
});

export type RawDefinition = {
  name: string;
  type?: string | null;
  required?: boolean | null;
  default_value?: string | null;
  importance?: string | null;
  documentation?: string | null;
  group?: string | null;
  display_name?: string | null;
  order?: number | null;
  order_in_group?: number | null;
};

export type RawValidation = {
  name: string;
  error_count: number;
  groups: string[];
  configs: Array<{
    /** Debezium's validation has entries without a definition. */
    definition?: RawDefinition | null;
    value?: {
      name: string;
      value?: string | null;
      recommended_values?: string[] | null;
      errors?: string[] | null;
      visible?: boolean | null;
    } | null;
  }>;
};

/** One key's definition; Connect leaves parts null for some plugins. */
export function definitionOf(
  d: RawDefinition | null | undefined,
  name: string,
): ConnectConfigDefinition {
  return {
    name: d?.name ?? name,
    type: d?.type ?? 'STRING',
    required: d?.required ?? false,
    defaultValue: d?.default_value ?? null,
    importance: d?.importance ?? 'LOW',
    documentation: d?.documentation ?? '',
    group: d?.group ?? null,
    displayName: d?.display_name || (d?.name ?? name),
    order: d?.order ?? d?.order_in_group ?? -1,
  };
}

export function validationOf(raw: RawValidation): ConnectValidation {
  return {
    name: raw.name,
    errorCount: raw.error_count ?? 0,
    groups: raw.groups ?? [],
    configs: (raw.configs ?? [])
      .filter(c => c.definition?.name || c.value?.name)
      .map(c => {
        const name = (c.definition?.name ?? c.value?.name) as string;
        return {
          definition: definitionOf(c.definition, name),
          value: {
            name,
            value: c.value?.value ?? null,
            recommendedValues: c.value?.recommended_values ?? [],
            errors: c.value?.errors ?? [],
            visible: c.value?.visible ?? true,
          },
        };
      }),
  };
}

/** Connect's `{ error_code, message }`, or the text when it is not JSON. */
export function messageOf(text: string, status: number): string {
  try {
    const body = JSON.parse(text) as { message?: string };
    if (body?.message) return body.message;
  } catch {
    // not JSON
  }
  return text.trim().slice(0, 500) || `HTTP ${status}`;
}
