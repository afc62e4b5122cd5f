import type { ApprovalHistoryEntry } from '@eventport/plugin-event-streaming-common';
import Typography from '@mui/material/Typography';
import { formatTime } from '../../lib/refs';
import { EntityRef } from '../EntityRef';

/** The steps a request went through, oldest first. */
export const ApprovalHistory = (props: { history: ApprovalHistoryEntry[] }) => (
  <ol aria-label="History" style={{ margin: 0, paddingLeft: 16 }}>
    {props.history.map((entry, index) => (
      <li key={`${entry.at}-${index}`}>
        <Typography variant="body2" component="span">
          {formatTime(entry.at)}: {entry.action} by{' '}
          <EntityRef entityRef={entry.actor} defaultKind="user" />
          {entry.comment ? ` — “${entry.comment}”` : ''}
        </Typography>
      </li>
    ))}
  </ol>
);
