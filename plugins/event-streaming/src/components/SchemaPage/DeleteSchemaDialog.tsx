import { useApi } from '@backstage/core-plugin-api';
import type { ApprovalRequest } from '@eventport/plugin-event-streaming-common';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { eventStreamingApiRef } from '../../api';
import { ActionDialog, ConfirmNameField, ReasonField } from '../ActionDialog';

/**
 * Asks the platform approvers to delete an artifact and its versions. The
 * owner types the artifact's id and says why.
 */
export const DeleteSchemaDialog = (props: {
  cluster: string;
  groupId: string;
  artifactId: string;
  topic: string | null;
  versions: number;
  onClose: () => void;
  onRequested: (request: ApprovalRequest) => void;
}) => {
  const { cluster, groupId, artifactId, topic } = props;
  const api = useApi(eventStreamingApiRef);
  const [confirm, setConfirm] = useState('');
  const [reason, setReason] = useState('');
  return (
    <ActionDialog
      open
      title={`Delete schema ${artifactId}?`}
      confirmLabel="Request deletion"
      destructive
      confirmDisabled={confirm !== artifactId || reason.trim().length === 0}
      onClose={props.onClose}
      onConfirm={async () => {
        props.onRequested(
          await api.requestSchemaDeletion(cluster, groupId, artifactId, {
            confirm,
            reason: reason.trim(),
          }),
        );
      }}
    >
      <Typography variant="body2" paragraph>
        Deleting removes {groupId}/{artifactId} and its {props.versions}{' '}
        {props.versions === 1 ? 'version' : 'versions'} from the registry:
        records written with them can no longer be read.{' '}
        {topic
          ? `It is refused while topic ${topic} exists: delete the topic first, or deprecate the schema instead. `
          : ''}
        A platform approver decides; this creates the request.
      </Typography>
      <ConfirmNameField
        id="delete-schema-confirm"
        what="artifact"
        expected={artifactId}
        value={confirm}
        onChange={setConfirm}
      />
      <ReasonField
        id="delete-schema-reason"
        value={reason}
        onChange={setReason}
      />
    </ActionDialog>
  );
};
