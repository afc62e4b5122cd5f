import { SchemaFormat } from '@eventport/plugin-event-streaming-common';

/** The label that marks a JSON artifact as a CloudEvents envelope schema. */
export const FORMAT_LABEL = 'eventport.io/format';
/** The label that names an artifact's owner when no topic decides it. */
export const OWNER_LABEL = 'owner';

/** The Apicurio converters' naming: `<topic>-key` and `<topic>-value`. */
const TOPIC_ARTIFACT = /^(.+)-(key|value)$/;

/** The topic an artifact describes, by the Apicurio converters' naming. */
export function topicOfArtifact(artifactId: string): string | null {
  return TOPIC_ARTIFACT.exec(artifactId)?.[1] ?? null;
}

/** Whether an artifact is its topic's key or value schema, by the same naming. */
export function roleOfArtifact(artifactId: string): 'key' | 'value' | null {
  return (TOPIC_ARTIFACT.exec(artifactId)?.[2] as 'key' | 'value') ?? null;
}

export function formatOf(
  artifactType: string,
  labels: Record<string, string>,
): SchemaFormat | null {
  if (artifactType === 'AVRO' || artifactType === 'PROTOBUF')
    return artifactType;
  if (artifactType === 'JSON') {
    return labels[FORMAT_LABEL] === 'cloudevents' ? 'CLOUDEVENTS' : 'JSON';
  }
  return null;
}
