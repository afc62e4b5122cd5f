import { Link } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import type { ApprovalRequest } from '@eventport/plugin-event-streaming-common';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { eventStreamingApiRef } from '../../api';
import { describeRequest } from '../../lib/approvals';
import { formatTime } from '../../lib/refs';
import { approvalsRouteRef } from '../../routes';
import { ApprovalDecisionDialog } from '../ApprovalDecisionDialog';
import { EntityRef } from '../EntityRef';
import { ErrorAlert } from '../ErrorAlert';
import { neutralOutlinedButtonSx } from '../../lib/styles';

/**
 * The open requests (pending, approved or executing) on one resource that
 * the caller may see: their own, their team's, and those they decide. Read
 * from the server, so a reload shows them.
 */
export function useOpenRequests(subject: string | undefined) {
  const api = useApi(eventStreamingApiRef);
  const state = useAsyncRetry(
    async () =>
      subject
        ? (await api.listApprovals({ subject, open: true, limit: 10 })).items
        : [],
    [api, subject],
  );
  return {
    requests: state.value ?? [],
    loading: state.loading,
    error: state.error,
    retry: state.retry,
  };
}

/** How long ago, in words: "5 min", "2 h", "3 days". */
function age(iso: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.round((now - Date.parse(iso)) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(hours / 24)} days`;
}

const WHO_DECIDES: Partial<Record<ApprovalRequest['kind'], string>> = {
  'cdc.deploy': 'the security reviewers',
  'cdc.change': 'the security reviewers',
};

function stateOf(request: ApprovalRequest): string {
  if (request.status === 'pending') {
    const who = WHO_DECIDES[request.kind] ?? 'the approvers';
    return `waiting for ${who}${
      request.expiresAt
        ? ` (expires ${formatTime(request.expiresAt)} without a decision)`
        : ''
    }`;
  }
  return 'approved, being carried out';
}

/**
 * A notice per open request on a resource: what is asked, by whom, how long
 * ago, what it waits for, a link to the Approvals tab, and Cancel… for a
 * pending one (the requester and the resource's team may cancel it).
 */
export const OpenRequestsBanner = (props: {
  requests: ApprovalRequest[];
  error?: Error;
  onChanged: () => void;
}) => {
  const approvalsRoute = useRouteRef(approvalsRouteRef);
  const [cancelling, setCancelling] = useState<ApprovalRequest>();
  if (props.error) {
    return (
      <ErrorAlert
        title="Could not load the open requests on this resource"
        error={props.error}
      />
    );
  }
  if (props.requests.length === 0) return null;
  return (
    <section aria-label="Open requests on this resource">
      {props.requests.map(request => {
        const wording = describeRequest(request);
        return (
          <Box
            key={request.id}
            role="status"
            mb={1}
            p={1.5}
            border={1}
            borderColor="warning.main"
            borderRadius="4px"
            display="flex"
            flexWrap="wrap"
            alignItems="center"
            style={{ gap: 8 }}
          >
            <Typography variant="body2" component="span">
              <strong>{wording.action}</strong> requested by{' '}
              <EntityRef entityRef={request.requestedBy} defaultKind="user" />,{' '}
              {age(request.createdAt)} ago: {stateOf(request)}.{' '}
              <Link to={approvalsRoute()} underline="always">
                Request {request.id.slice(0, 8)} in Approvals
              </Link>
            </Typography>
            {request.status === 'pending' && (
              <Button
                color="inherit"
                sx={neutralOutlinedButtonSx}
                size="small"
                variant="outlined"
                aria-label={`Cancel request for ${wording.gerund}`}
                onClick={() => setCancelling(request)}
              >
                Cancel request
              </Button>
            )}
          </Box>
        );
      })}
      {cancelling && (
        <ApprovalDecisionDialog
          request={cancelling}
          decision="cancel"
          onClose={() => setCancelling(undefined)}
          onDone={() => {
            setCancelling(undefined);
            props.onChanged();
          }}
        />
      )}
    </section>
  );
};
