// Kafka Connect's REST answers (snake_case) to the ConnectClient types of -node.
import type {
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

export type RawValidation = {
  name: string;
  error_count: number;
  groups: string[];
  configs: Array<{
    definition: {
      name: string;
      type: string;
      required: boolean;
      default_value: string | null;
      importance: string;
      documentation: string | null;
      group: string | null;
      display_name: string;
      order: number;
    };
    value: {
      name: string;
      value: string | null;
      recommended_values?: string[];
      errors?: string[];
      visible?: boolean;
    };
  }>;
};

export function validationOf(raw: RawValidation): ConnectValidation {
  return {
    name: raw.name,
    errorCount: raw.error_count,
    groups: raw.groups ?? [],
    configs: (raw.configs ?? []).map(c => ({
      definition: {
        name: c.definition.name,
        type: c.definition.type,
        required: c.definition.required,
        defaultValue: c.definition.default_value,
        importance: c.definition.importance,
        documentation: c.definition.documentation ?? '',
        group: c.definition.group,
        displayName: c.definition.display_name,
        order: c.definition.order,
      },
      value: {
        name: c.value.name,
        value: c.value.value,
        recommendedValues: c.value.recommended_values ?? [],
        errors: c.value.errors ?? [],
        visible: c.value.visible ?? true,
      },
    })),
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
