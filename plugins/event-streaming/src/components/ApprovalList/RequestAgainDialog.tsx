import { useApi } from '@backstage/core-plugin-api';
import type { ApprovalRequest } from '@eventport/plugin-event-streaming-common';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { eventStreamingApiRef } from '../../api';
import { describeRequest } from '../../lib/approvals';
import { nextStep, requestAgain } from '../../lib/requestAgain';
import { ActionDialog } from '../ActionDialog';

/**
 * Makes a closed request again: what happened and what to do, the reason
 * pre-filled and editable (and a decommission's choices), then the same
 * route as the first time, which checks everything again.
 */
export const RequestAgainDialog = (props: {
  request: ApprovalRequest;
  onClose: () => void;
  onDone: (request: ApprovalRequest) => void;
}) => {
  const { request } = props;
  const api = useApi(eventStreamingApiRef);
  const wording = describeRequest(request);
  const [reason, setReason] = useState(request.reason);
  const decommission =
    request.kind === 'cdc.decommission' ? request.payload : undefined;
  const [deleteTopics, setDeleteTopics] = useState(
    decommission?.deleteTopics ?? false,
  );
  const [deleteSchemas, setDeleteSchemas] = useState(
    decommission?.deleteSchemas ?? false,
  );
  return (
    <ActionDialog
      open
      title={`Request again: ${wording.gerund}?`}
      confirmLabel="Request again"
      dismissLabel="Close"
      confirmDisabled={reason.trim().length === 0}
      onClose={props.onClose}
      onConfirm={async () =>
        props.onDone(
          await requestAgain(api, request, {
            reason: reason.trim(),
            deleteTopics,
            deleteSchemas,
          }),
        )
      }
    >
      <Typography variant="body2" paragraph>
        {nextStep(request)}
      </Typography>
      <Typography variant="body2" paragraph>
        {wording.action} <strong>{wording.subject}</strong> in cluster{' '}
        <strong>{request.payload.cluster}</strong>, as before; it is checked
        again against what the resource is now, and goes to the approvers as a
        new request.
      </Typography>
      {decommission && (
        <>
          <FormControlLabel
            control={
              <Checkbox
                checked={deleteTopics}
                onChange={e => {
                  setDeleteTopics(e.target.checked);
                  if (!e.target.checked) setDeleteSchemas(false);
                }}
              />
            }
            label="Also delete the change topics"
          />
          <FormControlLabel
            control={
              <Checkbox
                checked={deleteSchemas}
                disabled={!deleteTopics}
                onChange={e => setDeleteSchemas(e.target.checked)}
              />
            }
            label="Also delete their schemas"
          />
        </>
      )}
      <TextField
        variant="standard"
        id="request-again-reason"
        label="Reason"
        required
        value={reason}
        onChange={e => setReason(e.target.value)}
        inputProps={{ maxLength: 1000 }}
        multiline
        minRows={2}
        fullWidth
      />
    </ActionDialog>
  );
};
