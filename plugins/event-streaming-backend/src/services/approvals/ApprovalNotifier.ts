import { LoggerService } from '@backstage/backend-plugin-api';
import { ApprovalRequest } from '@eventport/plugin-event-streaming-common';
import { NotificationService } from '@backstage/plugin-notifications-node';

/**
 * Tells the deciders about new requests, and the requester and the
 * resource's owner group about new requests of the team and every outcome.
 */
export interface ApprovalNotifier {
  requested(request: ApprovalRequest, summary: string): Promise<void>;
  /** `actor`: who moved it (not notified); default the decider. */
  decided(
    request: ApprovalRequest,
    summary: string,
    actor?: string,
  ): Promise<void>;
}

/**
 * Sends Backstage notifications. When the notifications backend is not
 * installed, sending fails; that is logged and never fails the request.
 */
export class BackstageApprovalNotifier implements ApprovalNotifier {
  constructor(
    private readonly notifications: NotificationService,
    /** Who decides requests of a kind. */
    private readonly decidersOf: (kind: ApprovalRequest['kind']) => string[],
    private readonly logger: LoggerService,
  ) {}

  private async send(
    entityRef: string | string[],
    exclude: string,
    title: string,
    description: string,
  ) {
    if (Array.isArray(entityRef) && entityRef.length === 0) return;
    try {
      await this.notifications.send({
        recipients: { type: 'entity', entityRef, excludeEntityRef: exclude },
        payload: {
          title,
          description,
          link: '/event-streaming/approvals',
          topic: 'event-streaming-approvals',
          severity: 'normal',
        },
      });
    } catch (error) {
      this.logger.warn(`Could not send notification '${title}': ${error}`);
    }
  }

  async requested(request: ApprovalRequest, summary: string) {
    await this.send(
      this.decidersOf(request.kind),
      request.requestedBy,
      `Approval needed: ${summary}`,
      `${request.requestedBy} asks to ${summary}. Reason: ${request.reason}`,
    );
    if (request.owner) {
      await this.send(
        request.owner,
        request.requestedBy,
        `Your team's resource: ${request.requestedBy} asks to ${summary}`,
        `Reason: ${request.reason}. Members of ${request.owner} may cancel it in the Approvals tab while it is pending.`,
      );
    }
  }

  async decided(request: ApprovalRequest, summary: string, actor?: string) {
    let outcome = `was ${request.status}`;
    if (request.status === 'executed') outcome = 'was approved and done';
    if (request.status === 'expired') outcome = 'expired without a decision';
    if (request.status === 'failed') {
      outcome = `was approved but failed: ${request.error}`;
    }
    await this.send(
      request.owner
        ? [request.requestedBy, request.owner]
        : request.requestedBy,
      actor ?? request.decidedBy ?? '',
      `The request to ${summary} ${outcome}`,
      request.history.at(-1)?.comment ?? '',
    );
  }
}
