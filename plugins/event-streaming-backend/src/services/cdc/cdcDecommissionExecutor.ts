/**
 * Runs an approved `cdc.decommission` request, in this order, each step
 * idempotent:
 * 1. delete the connector through Kafka Connect (and forget its owner);
 * 2. PostgreSQL: drop the replication slot, once the connector's task has let
 *    go of it, and the publication;
 * 3. when asked: delete the change topics, then their schemas.
 * The pipeline ends `decommissioned`, with what was removed; the request's
 * history says the same. A GitOps pipeline is refused when asked for (see
 * CdcPipelineService.requestDecommission): its operator would re-create
 * the connector.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { CdcDecommissionPayload } from '@eventport/plugin-event-streaming-common';
import { ApprovalExecutor } from '../approvals/executors';
import { ClusterRegistry } from '../ClusterRegistry';
import { ConnectorOwnerStore } from '../connectors/ConnectorOwnerStore';
import { CdcPipelineStore } from './CdcPipelineStore';
import { CdcSources } from './CdcSourceInspector';

/** The Apicurio converter registers without a group: Apicurio's `default`. */
export const CDC_ARTIFACT_GROUP = 'default';

const isNotFound = (error: unknown) =>
  (error as Error)?.name === 'NotFoundError';

export function cdcDecommissionExecutor(deps: {
  clusters: ClusterRegistry;
  store: CdcPipelineStore;
  owners: ConnectorOwnerStore;
  sources: CdcSources;
  logger: LoggerService;
}): ApprovalExecutor<CdcDecommissionPayload> {
  const { clusters, store, owners, sources, logger } = deps;

  async function connectorExists(p: CdcDecommissionPayload) {
    try {
      await clusters.connect(p.cluster).getConnector(p.connectorName);
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  /** Who else uses the pipeline's slot, in words; undefined when nobody. */
  async function sharing(p: CdcDecommissionPayload) {
    const others = await store.namesakes(p);
    return others.length
      ? `pipeline ${others
          .map(o => `'${o.name}' on cluster '${o.cluster}'`)
          .join(', ')} uses them too`
      : undefined;
  }

  async function existingTopics(p: CdcDecommissionPayload) {
    const names = new Set(
      (await clusters.admin(p.cluster).listTopics()).map(t => t.name),
    );
    return p.topics.filter(t => names.has(t));
  }

  async function run(p: CdcDecommissionPayload): Promise<string[]> {
    const removed: string[] = [];
    // 1. The connector: its task stops reading the slot.
    try {
      await clusters.connect(p.cluster).delete(p.connectorName);
      removed.push(`connector ${p.connectorName}`);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    await owners.remove(p.cluster, p.connectorName);

    // 2. The slot and the publication on the source, unless a live namesake
    // of the pipeline (same name and source, another cluster) uses them.
    const sharers = await sharing(p);
    if (p.slotName && sharers) {
      removed.push(
        `replication slot ${p.slotName} and publication ${p.publicationName} kept: ${sharers}`,
      );
    } else if (p.slotName && p.publicationName) {
      const dropped = await sources
        .inspector(p.sourceId)
        .dropReplication({ slot: p.slotName, publication: p.publicationName });
      if (dropped.slotDropped) removed.push(`replication slot ${p.slotName}`);
      if (dropped.publicationDropped)
        removed.push(`publication ${p.publicationName}`);
    }

    // 3. Topics, then schemas, when asked.
    if (p.deleteTopics) {
      const admin = clusters.admin(p.cluster);
      for (const topic of await existingTopics(p)) {
        try {
          await admin.deleteTopic(topic);
          removed.push(`topic ${topic}`);
        } catch (error) {
          if (!isNotFound(error)) throw error;
        }
      }
    }
    if (p.deleteSchemas) {
      const registry = clusters.schemaRegistry(p.cluster);
      for (const artifact of p.artifacts) {
        if (await registry.deleteArtifact(CDC_ARTIFACT_GROUP, artifact)) {
          removed.push(`schema ${CDC_ARTIFACT_GROUP}/${artifact}`);
        }
      }
    }
    return removed;
  }

  return {
    describe: p =>
      `decommission CDC pipeline '${p.name}' on cluster '${
        p.cluster
      }': connector${p.slotName ? ', replication slot, publication' : ''}${
        p.deleteTopics ? `, ${p.topics.length} topics` : ''
      }${p.deleteSchemas ? `, ${p.artifacts.length} schemas` : ''}`,
    async execute(p) {
      await store.update(p.pipelineId, { status: 'decommissioning' });
      let removed: string[];
      try {
        removed = await run(p);
      } catch (error) {
        await store.update(p.pipelineId, {
          status: 'failed',
          error: `Decommission stopped: ${
            (error as Error).message
          }. What was removed stays removed; request the decommission again to finish.`,
        });
        throw error;
      }
      const pipeline = await store.get(p.pipelineId);
      await store.update(p.pipelineId, {
        status: 'decommissioned',
        deployment: {
          ...(pipeline?.deployment ?? { mode: 'direct' }),
          removed,
        },
        error: null,
      });
      logger.info(
        `Decommissioned CDC pipeline ${p.name} on ${p.cluster}: ${
          removed.join(', ') || 'nothing was left'
        }`,
      );
      return removed.length
        ? `Removed: ${removed.join(', ')}.`
        : 'Nothing was left to remove.';
    },
    // Done when nothing the request removes is left: the connector, the slot
    // and the topics when asked. The publication is dropped in the same
    // session right after the slot; one left by a crash between the two
    // holds no WAL, and a second request drops it.
    // When not done, the pipeline says what is left, and a new request
    // finishes it (each step is idempotent).
    async isDone(p) {
      const left: string[] = [];
      if (await connectorExists(p)) left.push(`connector ${p.connectorName}`);
      if (p.slotName && !(await sharing(p))) {
        const slot = await sources
          .inspector(p.sourceId)
          .replicationSlot(p.slotName);
        if (slot) left.push(`replication slot ${p.slotName}`);
      }
      if (p.deleteTopics) {
        left.push(...(await existingTopics(p)).map(t => `topic ${t}`));
      }
      if (left.length) {
        await store.update(p.pipelineId, {
          status: 'failed',
          error: `The decommission was interrupted by a restart; still there: ${left.join(
            ', ',
          )}. Request the decommission again to finish.`,
        });
        return false;
      }
      await store.update(p.pipelineId, {
        status: 'decommissioned',
        error: null,
      });
      return true;
    },
  };
}
