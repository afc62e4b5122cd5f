import {
  CompatibilityMode,
  CompatibilityReport,
  SchemaArtifact,
  SchemaFormat,
  SchemaParseError,
} from '@eventport/plugin-event-streaming-common';
import { SchemaRegistry } from '@eventport/plugin-event-streaming-node';
import { InputError } from '@backstage/errors';
import { SchemaChecker } from './SchemaChecker';

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

/** As `parsed`, for a check that runs elsewhere (the checker's worker). */
export async function parsedAsync<T>(work: Promise<T>): Promise<T> {
  return work.catch(error => {
    if (error instanceof SchemaParseError) {
      throw new InputError(`The schema cannot be read: ${error.message}`);
    }
    throw error;
  });
}

/** Versions a `*_TRANSITIVE` check explains itself against. */
export const MAX_TRANSITIVE_VERSIONS = 50;
/** Version contents fetched at once. */
const FETCH_CONCURRENCY = 8;

/** The contents of versions, in their order, FETCH_CONCURRENCY at a time. */
export async function versionContents(
  registry: SchemaRegistry,
  groupId: string,
  artifactId: string,
  versions: string[],
): Promise<string[]> {
  const contents: string[] = [];
  for (let i = 0; i < versions.length; i += FETCH_CONCURRENCY) {
    contents.push(
      ...(await Promise.all(
        versions
          .slice(i, i + FETCH_CONCURRENCY)
          .map(v => registry.getContent(groupId, artifactId, v)),
      )),
    );
  }
  return contents;
}

/** The check of a candidate against the versions its mode compares with. */
export async function checkAgainstVersions(
  checker: SchemaChecker,
  registry: SchemaRegistry,
  artifact: SchemaArtifact | null,
  format: SchemaFormat,
  mode: CompatibilityMode,
  candidate: string,
): Promise<CompatibilityReport> {
  if (!artifact) {
    return parsedAsync(
      checker.check({ format, mode, existing: [], candidate }),
    );
  }
  const versions = await registry.listVersions(
    artifact.groupId,
    artifact.artifactId,
  );
  const transitive = mode.endsWith('_TRANSITIVE');
  // A transitive check explains against the latest versions only: each
  // fetch and diff costs, and the registry's own rule checks them all when
  // the version is registered.
  const compared = transitive
    ? versions.slice(-MAX_TRANSITIVE_VERSIONS)
    : versions.slice(-1);
  const contents = await versionContents(
    registry,
    artifact.groupId,
    artifact.artifactId,
    compared.map(v => v.version),
  );
  const report = await parsedAsync(
    checker.check({
      format,
      mode,
      existing: contents,
      candidate,
      latestVersion: versions.length,
    }),
  );
  if (transitive && versions.length > compared.length) {
    report.summary += ` Only the latest ${compared.length} of ${versions.length} versions were compared here; the registry's rule checks every version when the version is registered.`;
  }
  return report;
}
