/**
 * Runs an approved `cdc.change` request: the change applies only to the
 * artefacts it was computed from (their digest), so a request reviewed
 * against an older pipeline fails instead of undoing a later change.
 *
 * Direct mode: the change topics of added tables are created, then the
 * connector's config is replaced through Kafka Connect (which restarts it;
 * Debezium sets the publication's tables as it starts). GitOps mode: the
 * changed manifests are committed on a branch of their own, with the pull
 * request where a GitHub integration covers the repository; the operator
 * applies them once merged. Either way the stored pipeline then holds the
 * new selection and artefacts.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  CdcChangePayload,
  CdcManifest,
  CdcPipeline,
} from '@eventport/plugin-event-streaming-common';
import { parseDocument } from 'yaml';
import { ApprovalExecutor } from '../approvals/executors';
import { ClusterRegistry } from '../ClusterRegistry';
import { artefactsDigest } from './CdcPipelineChanges';
import { CdcPipelineStore } from './CdcPipelineStore';
import { manifestTopics } from './cdcDeployExecutor';
import { CdcGitOps, openPullRequest } from './GitOpsPublisher';

/**
 * The connector's `spec.state` as the repository holds it (a paused
 * pipeline stays paused through a change); the generated manifest has none.
 */
function keepState(file: CdcManifest, existing: string | undefined): string {
  if (file.kind !== 'KafkaConnector' || !existing) return file.content;
  const state = parseDocument(existing).getIn(['spec', 'state']);
  if (state === undefined) return file.content;
  const doc = parseDocument(file.content);
  doc.setIn(['spec', 'state'], state);
  return doc.toString();
}

const isConflict = (error: unknown) =>
  (error as Error)?.name === 'ConflictError';

/** One line per part of the change, for the commit, the pull request and the history. */
export function describeChange(p: CdcChangePayload): string[] {
  const { diff } = p;
  return [
    ...(diff.addedTables.length
      ? [`captures ${diff.addedTables.join(', ')}`]
      : []),
    ...(diff.removedTables.length
      ? [`no longer captures ${diff.removedTables.join(', ')}`]
      : []),
    ...diff.columns.map(
      c => `${c.table}.${c.column}: ${c.before} → ${c.after}`,
    ),
  ];
}

export function cdcChangeExecutor(deps: {
  clusters: ClusterRegistry;
  store: CdcPipelineStore;
  gitops?: CdcGitOps;
  logger: LoggerService;
}): ApprovalExecutor<CdcChangePayload> {
  const { clusters, store, gitops, logger } = deps;

  async function viaGit(p: CdcChangePayload, pipeline: CdcPipeline) {
    if (!gitops) {
      throw new ConflictError(
        `Pipeline '${p.name}' was deployed through GitOps, which is no longer configured here (eventStreaming.cdc.gitops): change its manifests in the repository`,
      );
    }
    const branch = `${gitops.publisher.branchOf(
      p.name,
    )}.change-${p.baseDigest.slice(0, 8)}`;
    const lines = describeChange(p);
    const commit = await gitops.publisher.write({
      folder: p.name,
      branch,
      files: p.artefacts.manifests,
      merge: keepState,
      message: `Change CDC pipeline ${p.name} on ${p.cluster}\n\n${lines
        .map(l => `- ${l}`)
        .join('\n')}\n\nReviewed in Eventport (pipeline ${p.pipelineId}).`,
    });
    if (!commit) {
      throw new ConflictError(
        `The GitOps repository's base branch holds these manifests of pipeline '${p.name}' already: nothing to commit`,
      );
    }
    const pullRequest = await openPullRequest(gitops, {
      head: branch,
      title: `Change CDC pipeline ${p.name}`,
      body: [
        `Changes what CDC pipeline **${p.name}** (owner \`${p.owner}\`) captures, after a security review in Eventport:`,
        '',
        ...lines.map(l => `- ${l}`),
      ].join('\n'),
    });
    if (pullRequest.pullRequestError) {
      logger.warn(`Pipeline ${p.name}: ${pullRequest.pullRequestError}`);
    }
    await store.update(p.pipelineId, {
      selection: p.selection,
      artefacts: p.artefacts,
      preflight: p.preflight,
      deployment: {
        ...(pipeline.deployment ?? { mode: 'gitops' }),
        change: { ...commit, ...pullRequest },
      },
      error: null,
    });
    return `Committed the change on branch ${branch} (${commit.commit.slice(
      0,
      12,
    )})${
      pullRequest.pullRequestUrl
        ? `, pull request ${pullRequest.pullRequestUrl}`
        : ''
    }; the operator applies it once it is merged.`;
  }

  async function viaConnect(p: CdcChangePayload) {
    const admin = clusters.admin(p.cluster);
    const created: string[] = [];
    for (const topic of manifestTopics(p)) {
      try {
        await admin.createTopic(topic);
        created.push(topic.name);
      } catch (error) {
        if (!isConflict(error)) throw error;
      }
    }
    await clusters
      .connect(p.cluster)
      .putConfig(p.artefacts.connectorName, p.artefacts.connectorConfig);
    await store.update(p.pipelineId, {
      selection: p.selection,
      artefacts: p.artefacts,
      preflight: p.preflight,
      error: null,
    });
    return `Updated connector ${p.artefacts.connectorName}${
      created.length ? `; created topic ${created.join(', ')}` : ''
    }.`;
  }

  return {
    describe: p =>
      `change CDC pipeline '${p.name}' on cluster '${p.cluster}': ${
        describeChange(p).join('; ') || 'connector config'
      }`,
    async execute(p) {
      const pipeline = await store.get(p.pipelineId);
      if (!pipeline) {
        throw new NotFoundError(`CDC pipeline ${p.pipelineId} is gone`);
      }
      const current = artefactsDigest(pipeline.artefacts);
      if (current === artefactsDigest(p.artefacts)) {
        return 'The pipeline holds this change already.';
      }
      if (current !== p.baseDigest) {
        throw new ConflictError(
          `Pipeline '${p.name}' changed after this request was made, so it is not what was reviewed; nothing was changed. Ask for the change again.`,
        );
      }
      if (pipeline.status !== 'deployed') {
        throw new ConflictError(
          `Pipeline '${p.name}' is ${pipeline.status} now; only a deployed pipeline can be changed. Nothing was changed.`,
        );
      }
      return pipeline.deployment?.mode === 'gitops'
        ? viaGit(p, pipeline)
        : viaConnect(p);
    },
    /** Done when the stored pipeline holds the new artefacts (stored last). */
    async isDone(p) {
      const pipeline = await store.get(p.pipelineId);
      return (
        !!pipeline &&
        artefactsDigest(pipeline.artefacts) === artefactsDigest(p.artefacts)
      );
    },
  };
}
