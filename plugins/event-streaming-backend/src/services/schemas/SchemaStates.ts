import { InputError, NotFoundError } from '@backstage/errors';
import {
  SchemaStateChangeResponse,
  SchemaVersionState,
} from '@eventport/plugin-event-streaming-common';
import { Caller } from '../topics/TopicPolicy';
import { SchemaService } from './SchemaService';

/**
 * Version states set by an artifact's owners, at once: deprecate the
 * artifact (every version) or one version, disable a version, enable again.
 * Apicurio Registry 3 keeps states per version.
 */
export class SchemaStates {
  constructor(private readonly schemas: SchemaService) {}

  /**
   * Checks that the artifact (404) and the version (404) exist and that the
   * caller owns the artifact (403); sets `state` on one version, or on every
   * version when `version` is undefined. Versions already in the state are
   * left alone.
   */
  async set(
    cluster: string,
    groupId: string,
    artifactId: string,
    version: string | undefined,
    state: SchemaVersionState,
    caller: Caller,
  ): Promise<SchemaStateChangeResponse> {
    const registry = this.schemas.registry(cluster);
    const artifact = this.schemas.describe(
      await registry.getArtifact(groupId, artifactId),
    );
    this.schemas.assertOwns(
      caller,
      artifact,
      'change the states of its versions',
    );
    const versions = await registry.listVersions(groupId, artifactId);
    if (version === undefined && state === 'DISABLED') {
      throw new InputError(
        `Disable the versions of ${groupId}/${artifactId} one at a time: with every version disabled, no record of its topic could be read`,
      );
    }
    const targets =
      version === undefined
        ? versions
        : versions.filter(v => v.version === version);
    if (!targets.length) {
      throw new NotFoundError(
        version === undefined
          ? `${groupId}/${artifactId} has no version`
          : `${groupId}/${artifactId} has no version ${version} (versions: ${versions
              .map(v => v.version)
              .join(', ')})`,
      );
    }
    const changed: string[] = [];
    for (const v of targets) {
      if ((v.state ?? 'ENABLED') === state) continue;
      await registry.setVersionState(groupId, artifactId, v.version, state);
      changed.push(v.version);
    }
    return {
      changed,
      versions: await registry.listVersions(groupId, artifactId),
    };
  }
}
