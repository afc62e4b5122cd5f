import { SchemaFormat } from '@eventport/plugin-event-streaming-common';

/** The label that marks a JSON artifact as a CloudEvents envelope schema. */
export const FORMAT_LABEL = 'eventport.io/format';
/** The label that names an artifact's owner when no topic decides it. */
export const OWNER_LABEL = 'owner';

/** The topic an artifact describes, by the Apicurio converters' naming. */
export function topicOfArtifact(artifactId: string): string | null {
  const m = /^(.+)-(key|value)$/.exec(artifactId);
  return m ? m[1] : null;
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
