/**
 * Runs an approved `cdc.decommission` request.
 *
 * Direct mode, in this order, each step idempotent:
 * 1. delete the connector through Kafka Connect (and forget its owner);
 * 2. PostgreSQL: drop the replication slot, once the connector's task has let
 *    go of it, and the publication;
 * 3. when asked: delete the change topics, then their schemas.
 * The pipeline ends `decommissioned`, with what was removed; the request's
 * history says the same.
 *
 * GitOps mode: deleting the connector through Connect would not last (the
 * operator re-creates what its manifests declare), so the request commits
 * the removal of the pipeline's KafkaConnector manifest (and of its
 * KafkaTopic manifests when the topics go) on a branch of its own, opening
 * the pull request where a GitHub integration covers the repository. The
 * pipeline stays `decommissioning` until the operator has deleted the
 * connector; then the GitOps reconciler runs steps 2 and 3.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  CdcDecommissionPayload,
  CdcDeployment,
  CdcPipeline,
} from '@eventport/plugin-event-streaming-common';
import { ApprovalExecutor } from '../approvals/executors';
import { ConnectorOwnerStore } from '../connectors/ConnectorOwnerStore';
import { CdcPipelineStore } from './CdcPipelineStore';
import { DecommissionSteps } from './decommission';
import { CdcGitOps, GitOpsPublisher, openPullRequest } from './GitOpsPublisher';

export { CDC_ARTIFACT_GROUP } from './decommission';

/** The branch of a pipeline's removal: a '.' no pipeline name holds, so no deploy branch is taken. */
export function removalBranch(
  publisher: GitOpsPublisher,
  p: { name: string; pipelineId: string },
) {
  return `${publisher.branchOf(p.name)}.decommission-${p.pipelineId.slice(
    0,
    8,
  )}`;
}

/** The manifests a removal takes away: the connector's, and the topics' when they go. */
function removedManifests(pipeline: CdcPipeline, deleteTopics: boolean) {
  return pipeline.artefacts.manifests
    .filter(
      m =>
        m.kind === 'KafkaConnector' ||
        (deleteTopics && m.kind === 'KafkaTopic'),
    )
    .map(m => m.path);
}

export function cdcDecommissionExecutor(deps: {
  steps: DecommissionSteps;
  store: CdcPipelineStore;
  owners: ConnectorOwnerStore;
  gitops?: CdcGitOps;
  logger: LoggerService;
}): ApprovalExecutor<CdcDecommissionPayload> {
  const { steps, store, owners, gitops, logger } = deps;

  const isGitOps = (pipeline: CdcPipeline | undefined) =>
    pipeline?.deployment?.mode === 'gitops' || pipeline?.status === 'committed';

  async function direct(p: CdcDecommissionPayload): Promise<string[]> {
    const removed = await steps.removeConnector(p);
    await owners.remove(p.cluster, p.connectorName);
    removed.push(...(await steps.removeReplicationAndData(p)));
    return removed;
  }

  async function viaGit(
    p: CdcDecommissionPayload,
    pipeline: CdcPipeline,
  ): Promise<string> {
    if (!gitops) {
      throw new Error(
        `Pipeline '${p.name}' was deployed through GitOps, which is no longer configured (eventStreaming.cdc.gitops): remove its manifests from the repository by hand`,
      );
    }
    const branch = removalBranch(gitops.publisher, p);
    const commit = await gitops.publisher.remove({
      folder: p.name,
      branch,
      paths: removedManifests(pipeline, p.deleteTopics),
      message: `Decommission CDC pipeline ${p.name} on ${p.cluster}\n\nApproved in Eventport (pipeline ${p.pipelineId}).`,
    });
    const { pullRequestUrl, pullRequestError } = commit
      ? await openPullRequest(gitops, {
          head: branch,
          title: `Decommission CDC pipeline ${p.name}`,
          body: `Removes the manifests of CDC pipeline **${
            p.name
          }** (cluster \`${p.cluster}\`, owner \`${
            p.owner
          }\`), decommissioned in Eventport. Once the operator has deleted the connector, Eventport drops the replication slot and publication${
            p.deleteTopics ? ' and deletes the change topics' : ''
          }.`,
        })
      : {};
    if (pullRequestError)
      logger.warn(`Pipeline ${p.name}: ${pullRequestError}`);
    const deployment: CdcDeployment = {
      ...(pipeline.deployment ?? { mode: 'gitops' }),
      removal: {
        branch,
        commit: commit?.commit ?? null,
        deleteTopics: p.deleteTopics,
        deleteSchemas: p.deleteSchemas,
        ...(pullRequestUrl ? { pullRequestUrl } : {}),
        ...(pullRequestError ? { pullRequestError } : {}),
      },
    };
    await store.update(p.pipelineId, {
      status: 'decommissioning',
      deployment,
      error: null,
    });
    const deletes = [
      ...(p.deleteTopics ? ['the change topics'] : []),
      ...(p.deleteSchemas ? ['their schemas'] : []),
    ];
    const next = [
      ...(p.slotName ? ['drops the replication slot and publication'] : []),
      ...(deletes.length ? [`deletes ${deletes.join(' and ')}`] : []),
    ];
    const eventport = `Eventport ${
      next.length ? next.join(' and ') : 'marks the pipeline decommissioned'
    }`;
    const then = `Once the operator has deleted connector ${p.connectorName}, ${eventport}.`;
    return commit
      ? `Committed the removal of ${
          commit.removed?.join(', ') ?? 'the manifests'
        } on branch ${branch} (${commit.commit.slice(0, 12)})${
          pullRequestUrl ? `, pull request ${pullRequestUrl}` : ''
        }. ${then}`
      : `The base branch holds no manifest of the pipeline: its deploy branch ${
          pipeline.deployment?.branch ?? ''
        } was never merged. Close its pull request or delete the branch, or the operator creates the connector when it is merged. While no connector ${
          p.connectorName
        } runs in Kafka Connect, ${eventport} at its next round (within a minute).`;
  }

  return {
    describe: p =>
      `decommission CDC pipeline '${p.name}' on cluster '${
        p.cluster
      }': connector${p.slotName ? ', replication slot, publication' : ''}${
        p.deleteTopics ? `, ${p.topics.length} topics` : ''
      }${p.deleteSchemas ? `, ${p.artifacts.length} schemas` : ''}`,
    async execute(p) {
      const pipeline = await store.get(p.pipelineId);
      await store.update(p.pipelineId, { status: 'decommissioning' });
      if (pipeline && isGitOps(pipeline)) {
        try {
          return await viaGit(p, pipeline);
        } catch (error) {
          await store.update(p.pipelineId, {
            status: 'failed',
            error: `Decommission stopped: ${
              (error as Error).message
            }. Request the decommission again to finish.`,
          });
          throw error;
        }
      }
      let removed: string[];
      try {
        removed = await direct(p);
      } catch (error) {
        await store.update(p.pipelineId, {
          status: 'failed',
          error: `Decommission stopped: ${
            (error as Error).message
          }. What was removed stays removed; request the decommission again to finish.`,
        });
        throw error;
      }
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
    // Direct: done when nothing the request removes is left: the connector,
    // the slot, the publication and the topics when asked.
    // GitOps: done when the removal is committed; the reconciler does the rest.
    // When not done, the pipeline says so, and a new request finishes it
    // (each step is idempotent).
    async isDone(p) {
      const pipeline = await store.get(p.pipelineId);
      if (pipeline && isGitOps(pipeline) && gitops) {
        if (pipeline.deployment?.removal) return true;
        const branch = removalBranch(gitops.publisher, p);
        const tip = await gitops.publisher.branchTip(branch);
        if (tip) {
          await store.update(p.pipelineId, {
            status: 'decommissioning',
            deployment: {
              ...(pipeline.deployment ?? { mode: 'gitops' }),
              removal: {
                branch,
                commit: tip,
                deleteTopics: p.deleteTopics,
                deleteSchemas: p.deleteSchemas,
              },
            },
          });
          return true;
        }
        await store.update(p.pipelineId, {
          status: 'failed',
          error:
            'The decommission was interrupted by a restart before its removal was committed. Request the decommission again.',
        });
        return false;
      }
      const left = await steps.left(p);
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
