/**
 * What decommissioning a pipeline removes, and the steps that remove it,
 * shared by the approval's executor (direct mode, and the commit of a
 * GitOps pipeline) and the GitOps reconciler (which finishes a GitOps
 * decommission once the operator has deleted the connector).
 */
import {
  CdcDecommissionPayload,
  CdcPipeline,
  cdcSchemaHistoryTopic,
} from '@eventport/plugin-event-streaming-common';
import { ClusterRegistry } from '../ClusterRegistry';
import { CdcPipelineStore } from './CdcPipelineStore';
import { CdcSources } from './CdcSourceInspector';

/** The Apicurio converter registers without a group: Apicurio's `default`. */
export const CDC_ARTIFACT_GROUP = 'default';

const isNotFound = (error: unknown) =>
  (error as Error)?.name === 'NotFoundError';

/** The fields naming the pipeline in each of its approval requests. */
export function requestedPipeline(pipeline: CdcPipeline) {
  const { id, name, cluster, sourceEntityRef, sourceId, sourceType, owner } =
    pipeline;
  return {
    pipelineId: id,
    name,
    cluster,
    sourceEntityRef,
    sourceId,
    sourceType,
    owner,
  };
}

/** Everything a decommission removes, from the stored pipeline alone. */
export function decommissionPayload(
  pipeline: CdcPipeline,
  choice: { deleteTopics: boolean; deleteSchemas: boolean },
): CdcDecommissionPayload {
  const { artefacts } = pipeline;
  const postgres = pipeline.sourceType === 'postgres';
  const history = cdcSchemaHistoryTopic(
    pipeline.sourceType,
    pipeline.topicPrefix,
  );
  return {
    ...requestedPipeline(pipeline),
    connectorName: artefacts.connectorName,
    slotName: postgres ? artefacts.connectorConfig['slot.name'] ?? null : null,
    publicationName: postgres
      ? artefacts.connectorConfig['publication.name'] ?? null
      : null,
    topics: [
      ...artefacts.tables.map(t => t.topic),
      ...(history ? [history] : []),
    ],
    artifacts: artefacts.tables.flatMap(t => [t.valueArtifact, t.keyArtifact]),
    deleteTopics: choice.deleteTopics,
    deleteSchemas: choice.deleteSchemas,
  };
}

/** The steps of a decommission, each idempotent. */
export class DecommissionSteps {
  constructor(
    private readonly clusters: ClusterRegistry,
    private readonly store: CdcPipelineStore,
    private readonly sources: CdcSources,
  ) {}

  async connectorExists(p: CdcDecommissionPayload): Promise<boolean> {
    try {
      await this.clusters.connect(p.cluster).getConnector(p.connectorName);
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  /** Who else uses the pipeline's slot, in words; undefined when nobody. */
  async sharing(p: CdcDecommissionPayload): Promise<string | undefined> {
    const others = await this.store.namesakes(p);
    return others.length
      ? `pipeline ${others
          .map(o => `'${o.name}' on cluster '${o.cluster}'`)
          .join(', ')} uses them too`
      : undefined;
  }

  async existingTopics(p: CdcDecommissionPayload): Promise<string[]> {
    const names = new Set(
      (await this.clusters.admin(p.cluster).listTopics()).map(t => t.name),
    );
    return p.topics.filter(t => names.has(t));
  }

  /** Deletes the connector through Connect; its task stops reading the slot. */
  async removeConnector(p: CdcDecommissionPayload): Promise<string[]> {
    try {
      await this.clusters.connect(p.cluster).delete(p.connectorName);
      return [`connector ${p.connectorName}`];
    } catch (error) {
      if (!isNotFound(error)) throw error;
      return [];
    }
  }

  /**
   * Once no connector reads the slot: the slot and the publication on the
   * source (unless a live namesake uses them), then the topics and the
   * schemas when asked. Answers what it removed, one line each.
   */
  async removeReplicationAndData(p: CdcDecommissionPayload): Promise<string[]> {
    const removed: string[] = [];
    const sharers = await this.sharing(p);
    if (p.slotName && sharers) {
      removed.push(
        `replication slot ${p.slotName} and publication ${p.publicationName} kept: ${sharers}`,
      );
    } else if (p.slotName && p.publicationName) {
      const dropped = await this.sources
        .inspector(p.sourceId)
        .dropReplication({ slot: p.slotName, publication: p.publicationName });
      if (dropped.slotDropped) removed.push(`replication slot ${p.slotName}`);
      if (dropped.publicationDropped)
        removed.push(`publication ${p.publicationName}`);
    }
    if (p.deleteTopics) {
      const admin = this.clusters.admin(p.cluster);
      for (const topic of await this.existingTopics(p)) {
        try {
          await admin.deleteTopic(topic);
          removed.push(`topic ${topic}`);
        } catch (error) {
          if (!isNotFound(error)) throw error;
        }
      }
    }
    if (p.deleteSchemas) {
      const registry = this.clusters.schemaRegistry(p.cluster);
      for (const artifact of p.artifacts) {
        if (await registry.deleteArtifact(CDC_ARTIFACT_GROUP, artifact)) {
          removed.push(`schema ${CDC_ARTIFACT_GROUP}/${artifact}`);
        }
      }
    }
    return removed;
  }

  /** What a finished decommission would have removed and is still there. */
  async left(p: CdcDecommissionPayload): Promise<string[]> {
    const left: string[] = [];
    if (await this.connectorExists(p)) {
      left.push(`connector ${p.connectorName}`);
    }
    if (p.slotName && !(await this.sharing(p))) {
      const inspector = this.sources.inspector(p.sourceId);
      if (await inspector.replicationSlot(p.slotName)) {
        left.push(`replication slot ${p.slotName}`);
      }
      if (
        p.publicationName &&
        (await inspector.publicationExists(p.publicationName))
      ) {
        left.push(`publication ${p.publicationName}`);
      }
    }
    if (p.deleteTopics) {
      left.push(...(await this.existingTopics(p)).map(t => `topic ${t}`));
    }
    return left;
  }
}
