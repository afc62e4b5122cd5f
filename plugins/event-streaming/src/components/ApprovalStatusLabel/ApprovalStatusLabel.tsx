import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
} from '@backstage/core-components';
import type { ApprovalStatus } from '@eventport/plugin-event-streaming-common';

export const APPROVAL_STATUS_LABELS: Record<ApprovalStatus, string> = {
  pending: 'Pending',
  approved: 'Approved',
  rejected: 'Rejected',
  executing: 'Executing',
  executed: 'Executed',
  failed: 'Failed',
  cancelled: 'Cancelled',
  expired: 'Expired',
};

/** An approval request's status with the matching Backstage status icon. */
export const ApprovalStatusLabel = (props: { status: ApprovalStatus }) => {
  const label = APPROVAL_STATUS_LABELS[props.status];
  switch (props.status) {
    case 'pending':
      return <StatusPending>{label}</StatusPending>;
    case 'approved':
    case 'executing':
      return <StatusRunning>{label}</StatusRunning>;
    case 'executed':
      return <StatusOK>{label}</StatusOK>;
    case 'rejected':
    case 'failed':
      return <StatusError>{label}</StatusError>;
    default:
      return <StatusAborted>{label}</StatusAborted>;
  }
};
