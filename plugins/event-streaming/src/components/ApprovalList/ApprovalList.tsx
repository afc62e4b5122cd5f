import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type {
  ApprovalListResponse,
  ApprovalRequest,
  ApprovalStatus,
} from '@eventport/plugin-event-streaming-common';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import TablePagination from '@mui/material/TablePagination';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { eventStreamingApiRef } from '../../api';
import { formatTime } from '../../lib/refs';
import type { ApprovalDecision } from '../ApprovalDecisionDialog';
import { describeRequest } from '../../lib/approvals';
import { ApprovalDetailsToggle } from '../ApprovalDetails';
import { ApprovalStatusLabel } from '../ApprovalStatusLabel';
import { ApprovalHistory } from './ApprovalHistory';
import { RequestAgainDialog } from './RequestAgainDialog';
import { canRequestAgain, nextStep } from '../../lib/requestAgain';
import { EntityRef } from '../EntityRef';
import { SubjectLink } from './SubjectLink';
import { neutralOutlinedButtonSx } from '../../lib/styles';

export interface ApprovalListProps {
  title: string;
  /** Only the caller's own requests (they can cancel), or the approver queue. */
  mine: boolean;
  /**
   * Instead: requests on resources the caller's groups own, whoever made
   * them; members may cancel them.
   */
  team?: boolean;
  status?: ApprovalStatus;
  /** Requests changed by a decision since loading, by id. */
  overrides: Record<string, ApprovalRequest>;
  /** The caller's entity ref, when known; approvers cannot decide their own. */
  currentUser?: string;
  emptyText: string;
  onAction: (request: ApprovalRequest, decision: ApprovalDecision) => void;
  onLoaded?: (response: ApprovalListResponse) => void;
}

const PAGE_SIZE = 25;

/** One page of approval requests with their actions. */
export const ApprovalList = (props: ApprovalListProps) => {
  const { status, overrides, currentUser, onAction, onLoaded } = props;
  const team = !!props.team;
  const mine = props.mine && !team;
  // Own and team requests are followed and cancelled, not decided.
  const following = mine || team;
  const api = useApi(eventStreamingApiRef);
  const [page, setPage] = useState(0);
  const [again, setAgain] = useState<ApprovalRequest>();
  const [madeAgain, setMadeAgain] = useState<ApprovalRequest>();
  const { value, loading, error } = useAsync(
    () =>
      api.listApprovals({
        ...(team ? { team: true } : { mine }),
        status,
        offset: page * PAGE_SIZE,
        limit: PAGE_SIZE,
      }),
    [api, mine, team, status, page, madeAgain],
  );
  useEffect(() => {
    if (value) onLoaded?.(value);
  }, [value, onLoaded]);

  let body;
  if (error) {
    body = (
      <ResponseErrorPanel error={error} title="Could not load the requests" />
    );
  } else if (loading || !value) {
    body = <Progress aria-label="Loading requests" />;
  } else if (value.items.length === 0) {
    body = (
      <EmptyState
        missing="data"
        title="No requests"
        description={props.emptyText}
      />
    );
  } else {
    const rows = value.items.map(item => overrides[item.id] ?? item);
    const actions = (row: ApprovalRequest) => {
      if (following && canRequestAgain(row)) {
        return (
          <Button
            color="inherit"
            sx={neutralOutlinedButtonSx}
            size="small"
            variant="outlined"
            aria-label={`Request again: ${describeRequest(row).gerund}`}
            onClick={() => setAgain(row)}
          >
            Request again
          </Button>
        );
      }
      if (row.status !== 'pending') return null;
      const what = describeRequest(row).gerund;
      if (following) {
        return (
          <Button
            color="inherit"
            size="small"
            aria-label={`Cancel request for ${what}`}
            onClick={() => onAction(row, 'cancel')}
          >
            Cancel request
          </Button>
        );
      }
      if (currentUser && row.requestedBy === currentUser) {
        return (
          <Typography variant="caption">
            Your own request; another approver decides it.
          </Typography>
        );
      }
      return (
        <Box display="flex" style={{ gap: 8 }}>
          <Button
            size="small"
            color="primary"
            variant="contained"
            aria-label={`Approve ${what}`}
            onClick={() => onAction(row, 'approve')}
          >
            Approve
          </Button>
          <Button
            color="inherit"
            sx={neutralOutlinedButtonSx}
            size="small"
            variant="outlined"
            aria-label={`Reject ${what}`}
            onClick={() => onAction(row, 'reject')}
          >
            Reject
          </Button>
        </Box>
      );
    };
    const columns: TableColumn<ApprovalRequest>[] = [
      {
        title: 'Request',
        render: row => (
          <>
            <Typography variant="body2">
              {describeRequest(row).action}{' '}
              <strong>
                <SubjectLink request={row} />
              </strong>
            </Typography>
            <Typography variant="caption" color="textSecondary">
              cluster {row.payload.cluster} · {formatTime(row.createdAt)} ·
              request <span title={row.id}>{row.id.slice(0, 8)}</span>
            </Typography>
            <ApprovalDetailsToggle request={row} />
          </>
        ),
      },
      {
        title: 'Requested by',
        render: row => (
          <EntityRef entityRef={row.requestedBy} defaultKind="user" />
        ),
      },
      { title: 'Reason', field: 'reason' },
      {
        title: 'Status',
        render: row => (
          <>
            <ApprovalStatusLabel status={row.status} />
            {row.status === 'pending' && row.expiresAt && (
              <Typography
                variant="caption"
                display="block"
                color="textSecondary"
              >
                Expires {formatTime(row.expiresAt)} without a decision
              </Typography>
            )}
            {row.error && (
              <Typography variant="caption" display="block" color="error">
                {row.error}
              </Typography>
            )}
            {following && nextStep(row) && (
              <Typography variant="caption" display="block">
                Next: {nextStep(row)}
              </Typography>
            )}
          </>
        ),
      },
      ...(following
        ? [
            {
              title: 'History',
              cellStyle: { minWidth: 280 },
              render: (row: ApprovalRequest) => (
                <ApprovalHistory history={row.history} />
              ),
            },
          ]
        : []),
      { title: 'Actions', render: actions },
    ];
    body = (
      <>
        <Table<ApprovalRequest>
          options={{
            paging: false,
            search: false,
            toolbar: false,
            padding: 'dense',
          }}
          columns={columns}
          data={rows}
        />
        {value.totalCount > PAGE_SIZE && (
          <TablePagination
            component="div"
            count={value.totalCount}
            page={page}
            rowsPerPage={PAGE_SIZE}
            rowsPerPageOptions={[PAGE_SIZE]}
            onPageChange={(_, next) => setPage(next)}
          />
        )}
      </>
    );
  }

  return (
    <section aria-label={props.title}>
      <InfoCard
        title={props.title}
        noPadding={!!value && value.items.length > 0}
      >
        {madeAgain && (
          <Box p={2}>
            <Typography variant="body2" role="status">
              Requested again: request {madeAgain.id.slice(0, 8)} is{' '}
              {madeAgain.status}.
            </Typography>
          </Box>
        )}
        {body}
      </InfoCard>
      {again && (
        <RequestAgainDialog
          request={again}
          onClose={() => setAgain(undefined)}
          onDone={made => {
            setAgain(undefined);
            setMadeAgain(made);
          }}
        />
      )}
    </section>
  );
};
