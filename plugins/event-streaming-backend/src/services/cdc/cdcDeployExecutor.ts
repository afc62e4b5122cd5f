/**
 * Runs an approved `cdc.deploy` request: commits the manifests to the GitOps
 * repository on a new branch (and opens the pull request when a GitHub
 * integration covers it), or, with no repository configured, creates the
 * change topics and the connector through Kafka and Kafka Connect.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { CdcDeployPayload } from '@eventport/plugin-event-streaming-common';
import { parse } from 'yaml';
import { ApprovalExecutor } from '../approvals/executors';
import { ClusterRegistry } from '../ClusterRegistry';
import { ConnectorOwnerStore } from '../connectors/ConnectorOwnerStore';
import { CdcPipelineStore } from './CdcPipelineStore';
import { CdcGitOps, openPullRequest } from './GitOpsPublisher';

const isNotFound = (error: unknown) =>
  (error as Error)?.name === 'NotFoundError';
const isConflict = (error: unknown) =>
  (error as Error)?.name === 'ConflictError';

interface TopicManifest {
  metadata: { name: string };
  spec: {
    topicName?: string;
    partitions: number;
    replicas: number;
    config: Record<string, string>;
  };
}

/** The topics the manifests declare, as Kafka should have them. */
export function manifestTopics(payload: CdcDeployPayload) {
  return payload.artefacts.manifests
    .filter(m => m.kind === 'KafkaTopic')
    .map(m => {
      const doc = parse(m.content) as TopicManifest;
      return {
        name: doc.spec.topicName ?? doc.metadata.name,
        partitions: doc.spec.partitions,
        replicationFactor: doc.spec.replicas,
        configs: doc.spec.config,
      };
    });
}

function pullRequestBody(p: CdcDeployPayload, approvedBy?: string): string {
  const lines = [
    `CDC pipeline **${p.name}** from \`${p.sourceEntityRef}\` (source \`${p.sourceId}\`, ${p.sourceType}) to cluster \`${p.cluster}\`, owned by \`${p.owner}\`.`,
    approvedBy
      ? `Security review approved by \`${approvedBy}\` in Eventport.`
      : '',
    '',
    '| table | change topic | excluded | hashed | masked |',
    '|---|---|---|---|---|',
    ...p.artefacts.tables.map(t => {
      const cols = (h: string) =>
        t.columns
          .filter(c => c.handling === h)
          .map(c => c.name)
          .join(', ') || '-';
      return `| ${t.schema}.${t.table} | ${t.topic} | ${cols(
        'exclude',
      )} | ${cols('hash')} | ${cols('mask')} |`;
    }),
  ];
  return lines.filter((l, i) => l !== '' || i > 1).join('\n');
}

export function cdcDeployExecutor(deps: {
  clusters: ClusterRegistry;
  store: CdcPipelineStore;
  owners: ConnectorOwnerStore;
  gitops?: CdcGitOps;
  logger: LoggerService;
}): ApprovalExecutor<CdcDeployPayload> {
  const { clusters, store, owners, gitops, logger } = deps;

  /**
   * The deploy branch: `<branchPrefix><name>`, or, when an earlier pipeline
   * of the same name left that branch behind (merged, then decommissioned),
   * one of this pipeline's own (`….deploy-<id>`). It is recorded before the
   * push, so that `isDone` looks for this pipeline's branch only.
   */
  async function deployBranch(p: CdcDeployPayload): Promise<string> {
    const plain = gitops!.publisher.branchOf(p.name);
    const branch = (await gitops!.publisher.branchTip(plain))
      ? `${plain}.deploy-${p.pipelineId.slice(0, 8)}`
      : plain;
    await store.update(p.pipelineId, {
      deployment: { mode: 'gitops', branch },
    });
    return branch;
  }

  async function viaGit(p: CdcDeployPayload) {
    const { branch, commit } = await gitops!.publisher.publish({
      branch: await deployBranch(p),
      folder: p.name,
      files: p.artefacts.manifests,
      message: `CDC pipeline ${p.name}: ${p.sourceEntityRef} to ${p.cluster}\n\nReviewed in Eventport (pipeline ${p.pipelineId}).`,
    });
    const { pullRequestUrl, pullRequestError } = await openPullRequest(
      gitops!,
      {
        head: branch,
        title: `CDC pipeline ${p.name} (${p.sourceEntityRef})`,
        body: pullRequestBody(p),
      },
    );
    if (pullRequestError)
      logger.warn(`Pipeline ${p.name}: ${pullRequestError}`);
    await store.update(p.pipelineId, {
      status: 'committed',
      deployment: {
        mode: 'gitops',
        branch,
        commit,
        pullRequestUrl,
        pullRequestError,
      },
      error: null,
    });
  }

  async function viaConnect(p: CdcDeployPayload) {
    const admin = clusters.admin(p.cluster);
    for (const topic of manifestTopics(p)) {
      try {
        await admin.createTopic(topic);
      } catch (error) {
        if (!isConflict(error)) throw error;
      }
    }
    const requestedBy =
      (await store.get(p.pipelineId))?.requestedBy ?? 'system';
    await owners.set(
      p.cluster,
      p.artefacts.connectorName,
      p.owner,
      requestedBy,
    );
    try {
      await clusters
        .connect(p.cluster)
        .create(p.artefacts.connectorName, p.artefacts.connectorConfig);
    } catch (error) {
      if (!isConflict(error)) throw error;
    }
    await store.update(p.pipelineId, {
      status: 'deployed',
      deployment: { mode: 'direct' },
      error: null,
    });
  }

  return {
    describe: p =>
      `deploy CDC pipeline '${p.name}' from ${p.sourceEntityRef} to cluster '${p.cluster}' (${p.artefacts.tables.length} tables)`,
    async execute(p) {
      await store.update(p.pipelineId, { status: 'deploying' });
      try {
        await (gitops ? viaGit(p) : viaConnect(p));
      } catch (error) {
        await store.update(p.pipelineId, {
          status: 'failed',
          error: (error as Error).message,
        });
        throw error;
      }
    },
    async isDone(p) {
      if (gitops) {
        // Only the branch this pipeline recorded before pushing is its own.
        const branch = (await store.get(p.pipelineId))?.deployment?.branch;
        if (!branch) return false;
        const tip = await gitops.publisher.branchTip(branch);
        if (tip)
          await store.update(p.pipelineId, {
            status: 'committed',
            deployment: { mode: 'gitops', branch, commit: tip },
          });
        return !!tip;
      }
      try {
        await clusters
          .connect(p.cluster)
          .getConnector(p.artefacts.connectorName);
      } catch (error) {
        if (isNotFound(error)) return false;
        throw error;
      }
      await store.update(p.pipelineId, {
        status: 'deployed',
        deployment: { mode: 'direct' },
      });
      return true;
    },
  };
}
