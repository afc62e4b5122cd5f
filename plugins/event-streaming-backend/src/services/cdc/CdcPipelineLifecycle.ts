/**
 * What a pipeline's owner does to it once it runs: pausing and resuming it
 * (at once through Connect, or as a GitOps commit of the KafkaConnector's
 * `spec.state`), and asking to decommission it (an approval request for
 * the platform approvers).
 */
import { ConflictError, NotAllowedError } from '@backstage/errors';
import {
  CdcDecommissionRequest,
  CdcPipeline,
  CdcPipelineActionResponse,
  formatBytes,
} from '@eventport/plugin-event-streaming-common';
import { Request } from 'express';
import { parseDocument } from 'yaml';
import { ApprovalService } from '../approvals/ApprovalService';
import { ClusterRegistry } from '../ClusterRegistry';
import { Caller } from '../topics/TopicPolicy';
import { CdcPipelineService } from './CdcPipelineService';
import { decommissionPayload } from './decommission';
import { CdcDeployConfig } from './deployConfig';
import { CdcGitOps, openPullRequest } from './GitOpsPublisher';

/**
 * The KafkaConnector's `spec.state` for each action. A paused pipeline is a
 * stopped connector (Kafka Connect's STOPPED, KIP-875): its tasks shut down
 * and let go of the replication slot, and its offsets stay. Connect's PAUSED
 * would keep the tasks, and the slot's replication connection, open.
 */
const STATE = { pause: 'stopped', resume: 'running' } as const;

/** Only the pipeline's owner group changes what runs. */
export function assertOwner(
  pipeline: CdcPipeline,
  caller: Caller,
  what: string,
) {
  if (!caller.ownershipEntityRefs.includes(pipeline.owner)) {
    throw new NotAllowedError(
      `Pipeline '${pipeline.name}' is owned by ${pipeline.owner}: only its members may ${what} it`,
    );
  }
}

export class CdcPipelineLifecycle {
  constructor(
    private readonly pipelines: CdcPipelineService,
    private readonly deploy: CdcDeployConfig,
    private readonly approvals: ApprovalService,
    private readonly clusters: ClusterRegistry,
    private readonly gitops?: CdcGitOps,
    /** Retained WAL past which the owners are warned (the slot guard's size). */
    private readonly retainedWarningBytes?: number,
  ) {}

  /**
   * Pauses (stops) or resumes a deployed pipeline's connector. While
   * paused, its replication slot is inactive and the source keeps every WAL
   * segment from the slot's position on: the answer says so, with the size
   * past which the slot guard warns. Resuming continues from the stored
   * offsets: nothing written meanwhile is lost.
   */
  async operate(
    id: string,
    action: 'pause' | 'resume',
    caller: Caller,
  ): Promise<CdcPipelineActionResponse> {
    const pipeline = await this.pipelines.get(id, caller);
    assertOwner(pipeline, caller, action);
    if (pipeline.status !== 'deployed') {
      throw new ConflictError(
        `Pipeline '${pipeline.name}' cannot be ${
          action === 'pause' ? 'paused' : 'resumed'
        }: it is ${
          pipeline.status
        }, and only a deployed pipeline runs a connector`,
      );
    }
    const warning =
      action === 'pause' && pipeline.sourceType === 'postgres'
        ? ` While it is paused, the source database keeps every WAL segment for its replication slot; the owners are warned past ${
            this.retainedWarningBytes
              ? formatBytes(this.retainedWarningBytes)
              : 'the configured size'
          }.`
        : '';
    const name = pipeline.artefacts.connectorName;
    if (pipeline.deployment?.mode === 'gitops') {
      return this.viaGit(pipeline, action, warning);
    }
    const connect = this.clusters.connect(pipeline.cluster);
    if (action === 'pause') await connect.stop(name);
    else await connect.resume(name);
    const status = await connect.getStatus(name);
    return {
      pipelineId: pipeline.id,
      action,
      mode: 'direct',
      connectorState: status.connector.state,
      message: `Connector ${name} is ${status.connector.state}.${warning}`,
    };
  }

  /** The operator would undo a change made through Connect: commit it instead. */
  private async viaGit(
    pipeline: CdcPipeline,
    action: 'pause' | 'resume',
    warning: string,
  ): Promise<CdcPipelineActionResponse> {
    if (!this.gitops) {
      throw new ConflictError(
        `Pipeline '${pipeline.name}' was deployed through GitOps, which is no longer configured here (eventStreaming.cdc.gitops): change its KafkaConnector's spec.state in the repository`,
      );
    }
    const { publisher, config } = this.gitops;
    const branch = `${publisher.branchOf(
      pipeline.name,
    )}.${action}-${Date.now().toString(36)}`;
    const commit = await publisher.edit({
      folder: pipeline.name,
      branch,
      path: 'kafkaconnector.yaml',
      change: content => {
        const doc = parseDocument(content);
        doc.setIn(['spec', 'state'], STATE[action]);
        return doc.toString();
      },
      message: `${action === 'pause' ? 'Pause' : 'Resume'} CDC pipeline ${
        pipeline.name
      } on ${pipeline.cluster}\n\nAsked in Eventport by its owner ${
        pipeline.owner
      }.`,
    });
    if (!commit) {
      throw new ConflictError(
        `Pipeline '${pipeline.name}' is already ${STATE[action]} on the GitOps repository's branch '${config.baseBranch}', or its manifest is not there: nothing to commit`,
      );
    }
    const pullRequest = await openPullRequest(this.gitops, {
      head: branch,
      title: `${action === 'pause' ? 'Pause' : 'Resume'} CDC pipeline ${
        pipeline.name
      }`,
      body: `Sets \`spec.state: ${STATE[action]}\` on the KafkaConnector of CDC pipeline **${pipeline.name}** (owner \`${pipeline.owner}\`).`,
    });
    return {
      pipelineId: pipeline.id,
      action,
      mode: 'gitops',
      ...commit,
      ...pullRequest,
      message: `Committed spec.state: ${
        STATE[action]
      } on branch ${branch} (${commit.commit.slice(0, 12)}); the operator ${
        action === 'pause' ? 'stops' : 'resumes'
      } the connector once it is merged.${warning}`,
    };
  }

  /**
   * The owner asks to decommission a pipeline: an approval request for the
   * platform approvers. Only members of the pipeline's owner group may ask;
   * what will be removed is fixed in the request from the stored pipeline,
   * never from the body.
   */
  async requestDecommission(
    id: string,
    body: CdcDecommissionRequest,
    caller: Caller,
    httpRequest?: Request,
  ) {
    const pipeline = await this.pipelines.get(id, caller);
    assertOwner(pipeline, caller, 'ask to decommission');
    const refuse = (why: string) => {
      throw new ConflictError(
        `Pipeline '${pipeline.name}' cannot be decommissioned: ${why}`,
      );
    };
    switch (pipeline.status) {
      case 'review':
        refuse(
          'it is still in security review; cancel its request in the Approvals tab instead',
        );
        break;
      case 'deploying':
      case 'decommissioning':
        refuse(`it is ${pipeline.status} right now; try again when that ends`);
        break;
      case 'rejected':
      case 'cancelled':
      case 'decommissioned':
        refuse(`it is ${pipeline.status}, so nothing of it is running`);
        break;
      default:
    }
    if (
      (pipeline.status === 'committed' ||
        pipeline.deployment?.mode === 'gitops') &&
      !this.deploy.gitops
    ) {
      refuse(
        `it was deployed through GitOps, which is no longer configured here (eventStreaming.cdc.gitops). Remove its folder '${pipeline.name}' from the GitOps repository by hand`,
      );
    }
    const payload = decommissionPayload(pipeline, body);
    return this.approvals.request({
      kind: 'cdc.decommission',
      payload,
      reason: body.reason,
      caller,
      httpRequest,
    });
  }
}
