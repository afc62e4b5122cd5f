import { useApi } from '@backstage/core-plugin-api';
import type { ApprovalRequest } from '@eventport/plugin-event-streaming-common';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { eventStreamingApiRef } from '../../api';
import { describeRequest } from '../../lib/approvals';
import { shortRef } from '../../lib/refs';
import { ActionDialog } from '../ActionDialog';
import { ApprovalDetails, hasApprovalDetails } from '../ApprovalDetails';
import { FreshEvidence } from '../ApprovalEvidence';

export type ApprovalDecision = 'approve' | 'reject' | 'cancel';

export interface ApprovalDecisionDialogProps {
  request: ApprovalRequest;
  decision: ApprovalDecision;
  onClose: () => void;
  onDone: (request: ApprovalRequest) => void;
}

const TEXT: Record<
  ApprovalDecision,
  { title: string; confirm: string; dismiss: string }
> = {
  approve: { title: 'Approve', confirm: 'Approve', dismiss: 'Cancel' },
  reject: { title: 'Reject', confirm: 'Reject', dismiss: 'Cancel' },
  cancel: {
    title: 'Cancel the request for',
    confirm: 'Cancel request',
    dismiss: 'Keep request',
  },
};

/** Confirms approving, rejecting (with a required comment) or cancelling. */
export const ApprovalDecisionDialog = (props: ApprovalDecisionDialogProps) => {
  const { request, decision } = props;
  const api = useApi(eventStreamingApiRef);
  const [comment, setComment] = useState('');
  const text = TEXT[decision];
  const wording = describeRequest(request);
  const trimmed = comment.trim();

  const run = () => {
    if (decision === 'approve') {
      return api.approve(request.id, trimmed || undefined);
    }
    if (decision === 'reject') return api.reject(request.id, trimmed);
    return api.cancel(request.id);
  };

  return (
    <ActionDialog
      open
      title={`${text.title} ${wording.gerund}?`}
      confirmLabel={text.confirm}
      dismissLabel={text.dismiss}
      destructive={decision !== 'approve'}
      maxWidth={hasApprovalDetails(request) || request.evidence ? 'md' : 'sm'}
      confirmDisabled={decision === 'reject' && trimmed.length === 0}
      onClose={props.onClose}
      onConfirm={async () => props.onDone(await run())}
    >
      <Typography variant="body2" paragraph>
        {wording.action} <strong>{wording.subject}</strong> in cluster{' '}
        <strong>{request.payload.cluster}</strong>, requested by{' '}
        {shortRef(request.requestedBy)}: “{request.reason}”.
        {decision === 'approve' && ` ${wording.consequence}`}
      </Typography>
      {decision !== 'cancel' && <FreshEvidence request={request} />}
      {hasApprovalDetails(request) && <ApprovalDetails request={request} />}
      {decision !== 'cancel' && (
        <TextField
          variant="standard"
          id="approval-decision-comment"
          label={
            decision === 'reject'
              ? 'Why reject? (required)'
              : 'Comment (optional)'
          }
          value={comment}
          onChange={e => setComment(e.target.value)}
          inputProps={{ maxLength: 1000 }}
          required={decision === 'reject'}
          helperText="The requester sees this in the request's history"
          multiline
          minRows={2}
          fullWidth
        />
      )}
    </ActionDialog>
  );
};
