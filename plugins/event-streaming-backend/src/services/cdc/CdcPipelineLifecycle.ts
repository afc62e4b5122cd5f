/**
 * What a pipeline's owner does to it once it runs: asking to decommission
 * it (an approval request for the platform approvers).
 */
import { ConflictError, NotAllowedError } from '@backstage/errors';
import { CdcDecommissionRequest } from '@eventport/plugin-event-streaming-common';
import { Request } from 'express';
import { ApprovalService } from '../approvals/ApprovalService';
import { Caller } from '../topics/TopicPolicy';
import { CdcPipelineService } from './CdcPipelineService';
import { decommissionPayload } from './decommission';
import { CdcDeployConfig } from './deployConfig';

export class CdcPipelineLifecycle {
  constructor(
    private readonly pipelines: CdcPipelineService,
    private readonly deploy: CdcDeployConfig,
    private readonly approvals: ApprovalService,
  ) {}

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
    if (!caller.ownershipEntityRefs.includes(pipeline.owner)) {
      throw new NotAllowedError(
        `Pipeline '${pipeline.name}' is owned by ${pipeline.owner}: only its members may ask to decommission it`,
      );
    }
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
