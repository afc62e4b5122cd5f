import {
  ApprovalRequest,
  ApprovalStatus,
  approvalStatusSchema,
} from '@eventport/plugin-event-streaming-common';
import Grid from '@mui/material/Grid';
import TextField from '@mui/material/TextField';
import { useCallback, useState } from 'react';
import type { ApprovalListResponse } from '@eventport/plugin-event-streaming-common';
import { useCurrentUserRef } from '../../hooks/useCurrentUserRef';
import { labelOnPageSx } from '../../lib/styles';
import {
  ApprovalDecision,
  ApprovalDecisionDialog,
} from '../ApprovalDecisionDialog';
import { ApprovalList } from '../ApprovalList';
import { APPROVAL_STATUS_LABELS } from '../ApprovalStatusLabel';

/**
 * Approval requests: approvers decide the queue, and everyone follows and
 * cancels their own requests and those on their team's resources.
 */
export const ApprovalsTab = () => {
  const currentUser = useCurrentUserRef();
  const [status, setStatus] = useState<ApprovalStatus | ''>('pending');
  const [canDecide, setCanDecide] = useState(false);
  const [overrides, setOverrides] = useState<Record<string, ApprovalRequest>>(
    {},
  );
  const [action, setAction] = useState<{
    request: ApprovalRequest;
    decision: ApprovalDecision;
  }>();

  const onMineLoaded = useCallback(
    (response: ApprovalListResponse) => setCanDecide(response.canDecide),
    [],
  );
  const onAction = useCallback(
    (request: ApprovalRequest, decision: ApprovalDecision) =>
      setAction({ request, decision }),
    [],
  );

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <TextField
          variant="standard"
          select
          id="approvals-status"
          label="Status"
          value={status}
          onChange={e => {
            setStatus(e.target.value as ApprovalStatus | '');
            setOverrides({});
          }}
          SelectProps={{ native: true }}
          InputLabelProps={{ shrink: true, sx: labelOnPageSx }}
        >
          <option value="">All statuses</option>
          {approvalStatusSchema.options.map(s => (
            <option key={s} value={s}>
              {APPROVAL_STATUS_LABELS[s]}
            </option>
          ))}
        </TextField>
      </Grid>
      {canDecide && (
        <Grid item xs={12}>
          <ApprovalList
            title="Requests to decide"
            mine={false}
            status={status || undefined}
            overrides={overrides}
            currentUser={currentUser}
            emptyText="No request matches this filter."
            onAction={onAction}
          />
        </Grid>
      )}
      <Grid item xs={12}>
        <ApprovalList
          title="My requests"
          mine
          status={status || undefined}
          overrides={overrides}
          emptyText="You have no request with this status. Requests come from deleting a topic; registering a schema the checks refuse, weakening a schema rule or deleting a schema; creating, changing or deleting a connector; and deploying, changing or decommissioning a CDC pipeline."
          onAction={onAction}
          onLoaded={onMineLoaded}
        />
      </Grid>
      <Grid item xs={12}>
        <ApprovalList
          title="My team's requests"
          mine={false}
          team
          status={status || undefined}
          overrides={overrides}
          emptyText="No request on a resource your team owns has this status. Your teammates' requests on your team's topics, schemas, connectors and pipelines show here, and any member may cancel them."
          onAction={onAction}
        />
      </Grid>
      {action && (
        <ApprovalDecisionDialog
          request={action.request}
          decision={action.decision}
          onClose={() => setAction(undefined)}
          onDone={updated => {
            setOverrides(current => ({ ...current, [updated.id]: updated }));
            setAction(undefined);
          }}
        />
      )}
    </Grid>
  );
};
