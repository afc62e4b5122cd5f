import { LoggerService } from '@backstage/backend-plugin-api';
import { ApprovalRequest } from '@eventport/plugin-event-streaming-common';
import { NotificationService } from '@backstage/plugin-notifications-node';

/** Tells approvers about new requests and requesters about decisions. */
export interface ApprovalNotifier {
  requested(request: ApprovalRequest, summary: string): Promise<void>;
  decided(request: ApprovalRequest, summary: string): Promise<void>;
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
  }

  async decided(request: ApprovalRequest, summary: string) {
    let outcome = `was ${request.status}`;
    if (request.status === 'executed') outcome = 'was approved and done';
    if (request.status === 'failed') {
      outcome = `was approved but failed: ${request.error}`;
    }
    await this.send(
      request.requestedBy,
      request.decidedBy ?? '',
      `Your request to ${summary} ${outcome}`,
      request.history.at(-1)?.comment ?? '',
    );
  }
}
