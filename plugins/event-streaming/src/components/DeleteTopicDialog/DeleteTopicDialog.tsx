import { useApi } from '@backstage/core-plugin-api';
import type {
  ApprovalRequest,
  TopicDetail,
} from '@eventport/plugin-event-streaming-common';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { eventStreamingApiRef } from '../../api';
import { ActionDialog, ConfirmNameField, ReasonField } from '../ActionDialog';

export interface DeleteTopicDialogProps {
  open: boolean;
  topic: TopicDetail;
  onClose: () => void;
  onRequested: (request: ApprovalRequest) => void;
}

/**
 * Asks for a topic's deletion. The requester types the topic's name and says
 * why; an approver decides later.
 */
export const DeleteTopicDialog = (props: DeleteTopicDialogProps) => {
  const { topic } = props;
  const api = useApi(eventStreamingApiRef);
  const [confirm, setConfirm] = useState('');
  const [reason, setReason] = useState('');
  const nameMatches = confirm === topic.name;

  return (
    <ActionDialog
      open={props.open}
      title={`Delete ${topic.name}?`}
      confirmLabel="Request deletion"
      destructive
      confirmDisabled={!nameMatches || reason.trim().length === 0}
      onClose={props.onClose}
      onConfirm={async () => {
        props.onRequested(
          await api.requestTopicDeletion(topic.cluster, topic.name, {
            confirm,
            reason: reason.trim(),
          }),
        );
      }}
    >
      <Typography variant="body2" paragraph>
        Deleting a topic removes all its messages and cannot be undone. The
        deletion needs an approver&apos;s decision: this creates a request, and
        the topic stays until the request is approved.
      </Typography>
      <ConfirmNameField
        id="delete-topic-confirm"
        what="topic"
        expected={topic.name}
        value={confirm}
        onChange={setConfirm}
      />
      <ReasonField
        id="delete-topic-reason"
        value={reason}
        onChange={setReason}
      />
    </ActionDialog>
  );
};
