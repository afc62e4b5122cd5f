/**
 * Deleting a schema artifact: an approval request, because the records of a
 * topic cannot be read without the schemas they were written with. Refused
 * while a topic the artifact is named after (`<topic>-value`, `<topic>-key`)
 * exists, when asked and again when executed.
 */
import { ConflictError, InputError } from '@backstage/errors';
import { SchemaDeletePayload } from '@eventport/plugin-event-streaming-common';
import { ApprovalExecutor } from '../approvals/executors';
import { ClusterRegistry } from '../ClusterRegistry';
import { TopicService } from '../topics/TopicService';
import { Caller } from '../topics/TopicPolicy';
import { topicOfArtifact } from './artifacts';
import { SchemaService } from './SchemaService';
import { SampleStore } from '../monitoring/SampleStore';

/** Why the artifact may not go while its topic exists. */
function topicInUse(p: { groupId: string; artifactId: string }, topic: string) {
  return new ConflictError(
    `${p.groupId}/${p.artifactId} is the schema of topic ${topic}, which exists: its records cannot be read without it. Delete the topic first, or deprecate the schema instead.`,
  );
}

/** How many of the topic's last readers a request names. */
const READERS_SHOWN = 20;

export class SchemaDeletion {
  constructor(
    private readonly schemas: SchemaService,
    private readonly topics: TopicService,
    private readonly samples: Pick<SampleStore, 'lastReadersOf'>,
  ) {}

  /**
   * The request's payload, after the checks: the artifact exists (404), the
   * caller owns it (403), the name typed matches (400), and no topic that
   * uses it exists (409).
   */
  async plan(
    cluster: string,
    groupId: string,
    artifactId: string,
    confirm: string,
    caller: Caller,
  ): Promise<SchemaDeletePayload> {
    const registry = this.schemas.registry(cluster);
    const artifact = this.schemas.describe(
      await registry.getArtifact(groupId, artifactId),
    );
    this.schemas.assertOwns(caller, artifact, 'ask to delete it');
    if (confirm !== artifactId) {
      throw new InputError(
        `Type the artifact's id, '${artifactId}', to confirm its deletion`,
      );
    }
    const topic = topicOfArtifact(artifactId);
    if (topic && (await this.topics.exists(cluster, topic))) {
      throw topicInUse({ groupId, artifactId }, topic);
    }
    const versions = await registry.listVersions(groupId, artifactId);
    const evidence = topic
      ? await this.samples.lastReadersOf(cluster, topic, READERS_SHOWN)
      : undefined;
    return {
      cluster,
      groupId,
      artifactId,
      topic,
      versions: versions.map(v => v.version),
      ...(evidence
        ? {
            lastReaders: evidence.readers.map(r => ({
              groupId: r.groupId,
              lastSeenAt: new Date(r.lastSeenAt).toISOString(),
            })),
            readersSampledSince:
              evidence.since === null
                ? null
                : new Date(evidence.since).toISOString(),
          }
        : {}),
    };
  }
}

/**
 * Executes an approved `schema.delete`: checks again that no topic of the
 * artifact's name exists (one may have been created since the request),
 * then deletes the artifact with all its versions. Done when it is gone.
 */
export function schemaDeleteExecutor(
  clusters: ClusterRegistry,
  topics: TopicService,
): ApprovalExecutor<SchemaDeletePayload> {
  async function gone(p: SchemaDeletePayload) {
    try {
      await clusters
        .schemaRegistry(p.cluster)
        .getArtifact(p.groupId, p.artifactId);
      return false;
    } catch (error) {
      if ((error as Error).name === 'NotFoundError') return true;
      throw error;
    }
  }
  return {
    describe: p =>
      `delete schema ${p.groupId}/${p.artifactId} (${p.versions.length} ${
        p.versions.length === 1 ? 'version' : 'versions'
      }) on cluster '${p.cluster}'`,
    async execute(p) {
      if (p.topic && (await topics.exists(p.cluster, p.topic))) {
        throw topicInUse(p, p.topic);
      }
      const deleted = await clusters
        .schemaRegistry(p.cluster)
        .deleteArtifact(p.groupId, p.artifactId);
      return deleted
        ? `Deleted ${p.groupId}/${p.artifactId} and its versions.`
        : `${p.groupId}/${p.artifactId} was already gone.`;
    },
    isDone: gone,
  };
}
