/**
 * The stored status of a GitOps pipeline follows Kafka Connect, where the
 * operator creates, changes and deletes what the manifests declare:
 * - `committed` becomes `deployed` when the connector appears;
 * - a `deployed` pipeline whose connector or a task is FAILED keeps its
 *   status (it still holds its slot and topics) with the failure as its
 *   error, cleared when it runs again;
 * - a `deployed` pipeline whose connector disappears without a decommission
 *   (its manifests removed behind Eventport's back) becomes `failed`, and
 *   the slot guard then reports its slot as an orphan; `deployed` again if
 *   the connector comes back;
 * - a `decommissioning` pipeline whose removal is committed is finished once
 *   the connector is gone: the slot, the publication, and the topics and
 *   schemas when asked; then it is `decommissioned`.
 * It runs on a schedule, one replica at a time (the scheduler's global
 * task): the only finisher of a GitOps decommission.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { CdcPipeline } from '@eventport/plugin-event-streaming-common';
import { ClusterRegistry } from '../ClusterRegistry';
import { ConnectorOwnerStore } from '../connectors/ConnectorOwnerStore';
import { CdcPipelineStore } from './CdcPipelineStore';
import { decommissionPayload, DecommissionSteps } from './decommission';

const isNotFound = (error: unknown) =>
  (error as Error)?.name === 'NotFoundError';
const why = (error: unknown) =>
  error instanceof Error ? error.message : String(error);

/** What one round changed, for logs and tests. */
export interface GitOpsRoundReport {
  checked: number;
  changed: Array<{ id: string; name: string; from: string; to: string }>;
  /** Pipelines that could not be checked, each with the cause. */
  errors: string[];
}

export class CdcGitOpsReconciler {
  constructor(
    private readonly clusters: ClusterRegistry,
    private readonly store: CdcPipelineStore,
    private readonly steps: DecommissionSteps,
    private readonly owners: ConnectorOwnerStore,
    private readonly logger: LoggerService,
  ) {}

  async reconcile(): Promise<GitOpsRoundReport> {
    const report: GitOpsRoundReport = { checked: 0, changed: [], errors: [] };
    const pipelines = await this.store.withStatuses([
      'committed',
      'deployed',
      'failed',
      'decommissioning',
    ]);
    for (const pipeline of pipelines) {
      const deployment = pipeline.deployment;
      if (deployment?.mode !== 'gitops') continue;
      // A failed pipeline is followed only when its manifests were committed
      // and not since removed: a failed deploy never had a connector.
      if (
        pipeline.status === 'failed' &&
        (!deployment.commit || deployment.removal)
      ) {
        continue;
      }
      report.checked++;
      try {
        const to =
          pipeline.status === 'decommissioning'
            ? await this.finishOne(pipeline)
            : await this.follow(pipeline);
        if (to && to !== pipeline.status) {
          report.changed.push({
            id: pipeline.id,
            name: pipeline.name,
            from: pipeline.status,
            to,
          });
          this.logger.info(
            `CDC pipeline ${pipeline.name} on ${pipeline.cluster}: ${pipeline.status} → ${to}`,
          );
        }
      } catch (error) {
        report.errors.push(`${pipeline.name}: ${why(error)}`);
        this.logger.warn(
          `Following GitOps pipeline ${pipeline.name} on ${
            pipeline.cluster
          } failed: ${why(error)}`,
        );
      }
    }
    return report;
  }

  /** The connector's status in Connect; null when it does not exist. */
  private async status(pipeline: CdcPipeline) {
    try {
      return await this.clusters
        .connect(pipeline.cluster)
        .getStatus(pipeline.artefacts.connectorName);
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  private async follow(pipeline: CdcPipeline) {
    const name = pipeline.artefacts.connectorName;
    const status = await this.status(pipeline);
    let to = pipeline.status;
    let error = pipeline.error;
    if (status) {
      const task = status.tasks.find(t => t.state === 'FAILED');
      const failed =
        status.connector.state === 'FAILED'
          ? { what: `connector ${name}`, trace: status.connector.trace }
          : task && { what: `task ${task.id} of ${name}`, trace: task.trace };
      to = 'deployed';
      error = failed
        ? `Kafka Connect reports ${failed.what} FAILED${
            failed.trace ? `: ${failed.trace.split('\n')[0]}` : ''
          }. Fix the cause, then restart it from the connector's page.`
        : null;
    } else if (pipeline.status === 'deployed') {
      to = 'failed';
      error = `Connector ${name} is no longer in Kafka Connect, but the pipeline was not decommissioned in Eventport: were its manifests removed from the GitOps repository? The source keeps WAL for its replication slot until it is dropped: decommission the pipeline to drop it.`;
    }
    if (to !== pipeline.status || error !== pipeline.error) {
      await this.store.update(pipeline.id, { status: to, error });
    }
    return to;
  }

  private async finishOne(pipeline: CdcPipeline) {
    const removal = pipeline.deployment?.removal;
    if (!removal) return pipeline.status;
    const p = decommissionPayload(pipeline, removal);
    if (await this.steps.connectorExists(p)) {
      const waiting = `Waiting for the operator to delete connector ${
        p.connectorName
      }: ${
        removal.commit
          ? `merge branch ${removal.branch}${
              removal.pullRequestUrl ? ` (${removal.pullRequestUrl})` : ''
            }`
          : 'its manifests are not on the base branch, so something else keeps it'
      }.`;
      if (pipeline.error !== waiting) {
        await this.store.update(pipeline.id, { error: waiting });
      }
      return pipeline.status;
    }
    let removed: string[];
    try {
      removed = await this.steps.removeReplicationAndData(p);
    } catch (error) {
      // Tried again next round; the page says why it waits.
      await this.store.update(pipeline.id, {
        error: `The connector is gone; dropping what is left failed and is retried: ${why(
          error,
        )}`,
      });
      throw error;
    }
    await this.owners.remove(p.cluster, p.connectorName);
    await this.store.update(pipeline.id, {
      status: 'decommissioned',
      deployment: {
        ...pipeline.deployment!,
        removed: [
          ...(removal.commit
            ? [
                `manifests (commit ${removal.commit.slice(0, 12)} on ${
                  removal.branch
                })`,
              ]
            : []),
          `connector ${p.connectorName} (deleted by the operator)`,
          ...removed,
        ],
      },
      error: null,
    });
    return 'decommissioned' as const;
  }
}
