import { useApi } from '@backstage/core-plugin-api';
import type {
  ApprovalRequest,
  ConnectorDetail,
} from '@eventport/plugin-event-streaming-common';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { eventStreamingApiRef } from '../../api';
import { ActionDialog } from '../ActionDialog';

export interface DeleteConnectorDialogProps {
  cluster: string;
  connector: ConnectorDetail;
  onClose: () => void;
  onRequested: (request: ApprovalRequest) => void;
}

/**
 * Asks for a connector's deletion. The requester types the connector's name
 * and says why; an approver decides later.
 */
export const DeleteConnectorDialog = (props: DeleteConnectorDialogProps) => {
  const { cluster, connector } = props;
  const api = useApi(eventStreamingApiRef);
  const [confirm, setConfirm] = useState('');
  const [reason, setReason] = useState('');
  const nameMatches = confirm === connector.name;

  return (
    <ActionDialog
      open
      title={`Delete connector ${connector.name}?`}
      confirmLabel="Request deletion"
      destructive
      confirmDisabled={!nameMatches || reason.trim().length === 0}
      onClose={props.onClose}
      onConfirm={async () => {
        props.onRequested(
          await api.requestConnectorDeletion(cluster, connector.name, {
            confirm,
            reason: reason.trim(),
          }),
        );
      }}
    >
      <Typography variant="body2" paragraph>
        Deleting a connector stops its tasks and removes it from Kafka Connect;
        its topics and committed offsets stay. The deletion needs an
        approver&apos;s decision: this creates a request, and the connector
        keeps running until the request is approved.
      </Typography>
      <TextField
        id="delete-connector-confirm"
        label="Type the connector name to confirm"
        value={confirm}
        onChange={e => setConfirm(e.target.value)}
        error={confirm.length > 0 && !nameMatches}
        helperText={
          confirm.length > 0 && !nameMatches
            ? `Does not match ${connector.name}`
            : connector.name
        }
        autoComplete="off"
        fullWidth
        margin="normal"
      />
      <TextField
        id="delete-connector-reason"
        label="Reason"
        value={reason}
        onChange={e => setReason(e.target.value)}
        inputProps={{ maxLength: 1000 }}
        helperText="Approvers read this when they decide"
        required
        multiline
        minRows={2}
        fullWidth
        margin="normal"
      />
    </ActionDialog>
  );
};
