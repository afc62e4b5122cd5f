import type { SchemaFormat } from '@eventport/plugin-event-streaming-common';

/** How each format is named on screen, in the order filters list them. */
export const FORMAT_LABELS: Record<SchemaFormat, string> = {
  AVRO: 'Avro',
  JSON: 'JSON Schema',
  PROTOBUF: 'Protobuf',
  CLOUDEVENTS: 'CloudEvents',
};

/** The format's label, or the registry's type for types we do not check. */
export function formatLabel(format: SchemaFormat | null, artifactType: string) {
  return format ? FORMAT_LABELS[format] : artifactType;
}

/** The highlighter's language for a schema's text. */
export function highlightLanguage(format: SchemaFormat | null): string {
  return format === 'PROTOBUF' ? 'protobuf' : 'json';
}

/** File extensions the register form's upload accepts. */
export const SCHEMA_FILE_TYPES = '.avsc,.json,.proto,.txt';

/** The format a file name suggests, if any. */
export function formatOfFileName(name: string): SchemaFormat | undefined {
  if (name.endsWith('.avsc')) return 'AVRO';
  if (name.endsWith('.proto')) return 'PROTOBUF';
  if (name.endsWith('.json')) return 'JSON';
  return undefined;
}
