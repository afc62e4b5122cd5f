import type { ApprovalRequest } from '@eventport/plugin-event-streaming-common';
import type { EventStreamingApi } from '../api';
import { formatTime, shortRef } from './refs';

/** Statuses after which a request can be made again. */
const CLOSED = ['rejected', 'failed', 'expired', 'cancelled'];

/** Kinds whose request the Approvals tab can make again from its payload. */
const AGAIN = [
  'topic.delete',
  'schema.delete',
  'schema.rule',
  'connector.delete',
  'cdc.change',
  'cdc.decommission',
];

/** What the requester (or the team) can do about a closed request, in words. */
export function nextStep(request: ApprovalRequest): string | undefined {
  const comment = request.history.at(-1)?.comment;
  switch (request.status) {
    case 'rejected':
      return `Rejected by ${shortRef(request.decidedBy ?? 'an approver')}${
        comment ? `: “${comment}”` : ''
      }. Address that, then request again.`;
    case 'failed':
      return `Approved, but carrying it out failed: ${
        request.error ?? 'no cause was recorded'
      } Check the resource's page for what is there now, then request again.`;
    case 'expired':
      return `Nobody decided before ${formatTime(
        request.expiresAt ?? request.updatedAt,
      )}. Request again, or ask the approvers directly.`;
    case 'cancelled':
      return 'Cancelled. Request again if it is still needed.';
    default:
      return undefined;
  }
}

/** Whether the Approvals tab can make the request again. */
export function canRequestAgain(request: ApprovalRequest): boolean {
  return CLOSED.includes(request.status) && AGAIN.includes(request.kind);
}

/** Options of a request made again: the reason, and a decommission's choices. */
export interface RequestAgainOptions {
  reason: string;
  deleteTopics?: boolean;
  deleteSchemas?: boolean;
}

/**
 * Makes the request again from its payload, through the same route as the
 * first time: the backend checks everything again (ownership, the resource
 * as it is now) and binds the new request to the resource as it is now.
 */
export async function requestAgain(
  api: EventStreamingApi,
  request: ApprovalRequest,
  options: RequestAgainOptions,
): Promise<ApprovalRequest> {
  const { reason } = options;
  switch (request.kind) {
    case 'topic.delete': {
      const p = request.payload;
      return api.requestTopicDeletion(p.cluster, p.topic, {
        confirm: p.topic,
        reason,
      });
    }
    case 'schema.delete': {
      const p = request.payload;
      return api.requestSchemaDeletion(p.cluster, p.groupId, p.artifactId, {
        confirm: p.artifactId,
        reason,
      });
    }
    case 'schema.rule': {
      const p = request.payload;
      const result = await api.changeSchemaRule(
        p.cluster,
        p.groupId,
        p.artifactId,
        { mode: p.mode, reason },
      );
      if (result.applied) {
        throw new Error(
          `The rule of ${p.groupId}/${p.artifactId} is now ${p.mode}: it applied at once, without an approval.`,
        );
      }
      return result.request;
    }
    case 'connector.delete': {
      const p = request.payload;
      return api.requestConnectorDeletion(p.cluster, p.name, {
        confirm: p.name,
        reason,
      });
    }
    case 'cdc.change': {
      const p = request.payload;
      return api.requestCdcChange(p.pipelineId, {
        tables: p.selection,
        reason,
      });
    }
    case 'cdc.decommission': {
      const p = request.payload;
      const deleteTopics = options.deleteTopics ?? p.deleteTopics;
      return api.requestCdcDecommission(p.pipelineId, {
        reason,
        deleteTopics,
        deleteSchemas:
          deleteTopics && (options.deleteSchemas ?? p.deleteSchemas),
      });
    }
    default:
      throw new Error(`A ${request.kind} request cannot be made again here`);
  }
}
