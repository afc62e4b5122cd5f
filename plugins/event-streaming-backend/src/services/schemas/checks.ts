import {
  checkCompatibility,
  CompatibilityMode,
  CompatibilityReport,
  SchemaArtifact,
  SchemaFormat,
  SchemaParseError,
} from '@eventport/plugin-event-streaming-common';
import { SchemaRegistry } from '@eventport/plugin-event-streaming-node';
import { InputError } from '@backstage/errors';

/**
 * Runs the checker; a schema it cannot parse is the caller's input error. A
 * schema too complex to compare within the checker's budget passes through
 * as SchemaTooComplexError, which carries HTTP status 422.
 */
export function parsed<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof SchemaParseError) {
      throw new InputError(`The schema cannot be read: ${error.message}`);
    }
    throw error;
  }
}

/** The check of a candidate against the versions its mode compares with. */
export async function checkAgainstVersions(
  registry: SchemaRegistry,
  artifact: SchemaArtifact | null,
  format: SchemaFormat,
  mode: CompatibilityMode,
  candidate: string,
): Promise<CompatibilityReport> {
  if (!artifact) {
    return parsed(() =>
      checkCompatibility({ format, mode, existing: [], candidate }),
    );
  }
  const versions = await registry.listVersions(
    artifact.groupId,
    artifact.artifactId,
  );
  const transitive = mode.endsWith('_TRANSITIVE');
  const compared = transitive ? versions : versions.slice(-1);
  const contents = await Promise.all(
    compared.map(v =>
      registry.getContent(artifact.groupId, artifact.artifactId, v.version),
    ),
  );
  return parsed(() =>
    checkCompatibility({
      format,
      mode,
      existing: contents,
      candidate,
      latestVersion: versions.length,
    }),
  );
}
