import { InfoCard } from '@backstage/core-components';
import type { ConnectorDetail } from '@eventport/plugin-event-streaming-common';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { DisabledReason } from './DisabledReason';
import { neutralOutlinedButtonSx } from '../../lib/styles';

/** What the actions card offers; the page runs them. */
export type ConnectorPageAction =
  | 'pause'
  | 'resume'
  | 'stop'
  | 'restart'
  | 'edit'
  | 'delete';

export interface ConnectorActionsCardProps {
  connector: ConnectorDetail;
  /** The action running, if any; every button waits for it. */
  busy?: string;
  onAction: (action: ConnectorPageAction) => void;
}

const MANAGE_REFUSED =
  'Only the owners of this connector may request a config change or its deletion.';

/**
 * Pause, resume, stop and restart for the connector's owners (self-service,
 * at once), and config change or deletion (by approval). Others see the
 * buttons disabled, with the reason.
 */
export const ConnectorActionsCard = (props: ConnectorActionsCardProps) => {
  const { connector: c, busy, onAction } = props;
  const operateReason = c.canOperate
    ? undefined
    : c.operateReason ?? 'You may not operate this connector.';
  const manageReason = c.canManage
    ? undefined
    : c.operateReason ?? MANAGE_REFUSED;

  const operate = (
    action: ConnectorPageAction,
    label: string,
    stateReason?: string,
  ) => {
    const reason = operateReason ?? stateReason;
    return (
      <DisabledReason reason={reason}>
        <Button
          color="inherit"
          sx={neutralOutlinedButtonSx}
          variant="outlined"
          disabled={!!reason || !!busy}
          onClick={() => onAction(action)}
          aria-describedby={
            operateReason ? 'connector-operate-reason' : undefined
          }
        >
          {label}
        </Button>
      </DisabledReason>
    );
  };

  return (
    <InfoCard title="Actions">
      {operateReason && (
        <Typography id="connector-operate-reason" variant="body2" paragraph>
          {operateReason}
        </Typography>
      )}
      <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
        {operate(
          'pause',
          'Pause',
          c.state === 'PAUSED' ? 'The connector is already paused.' : undefined,
        )}
        {operate(
          'resume',
          'Resume',
          c.state === 'RUNNING'
            ? 'The connector is already running.'
            : undefined,
        )}
        {operate(
          'stop',
          'Stop',
          c.state === 'STOPPED'
            ? 'The connector is already stopped.'
            : undefined,
        )}
        {operate('restart', 'Restart')}
      </Box>
      <Typography
        variant="body2"
        color="textSecondary"
        style={{ marginTop: 16 }}
      >
        Pause, resume, stop and restart apply at once. A config change or a
        deletion needs an approver&apos;s decision.
      </Typography>
      <Box display="flex" flexWrap="wrap" mt={2} style={{ gap: 8 }}>
        <DisabledReason reason={manageReason}>
          <Button
            variant="outlined"
            color="primary"
            disabled={!!manageReason || !!busy}
            onClick={() => onAction('edit')}
          >
            Edit config
          </Button>
        </DisabledReason>
        <DisabledReason reason={manageReason}>
          <Button
            color="inherit"
            sx={neutralOutlinedButtonSx}
            variant="outlined"
            disabled={!!manageReason || !!busy}
            onClick={() => onAction('delete')}
          >
            Delete connector
          </Button>
        </DisabledReason>
      </Box>
    </InfoCard>
  );
};
