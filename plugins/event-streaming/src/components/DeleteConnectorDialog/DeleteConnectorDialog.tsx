import { useApi } from '@backstage/core-plugin-api';
import type {
  ApprovalRequest,
  ConnectorDetail,
} from '@eventport/plugin-event-streaming-common';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { eventStreamingApiRef } from '../../api';
import { ActionDialog, ConfirmNameField, ReasonField } from '../ActionDialog';

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
      <ConfirmNameField
        id="delete-connector-confirm"
        what="connector"
        expected={connector.name}
        value={confirm}
        onChange={setConfirm}
      />
      <ReasonField
        id="delete-connector-reason"
        value={reason}
        onChange={setReason}
      />
    </ActionDialog>
  );
};
