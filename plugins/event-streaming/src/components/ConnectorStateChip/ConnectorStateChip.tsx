import type { ConnectorState } from '@eventport/plugin-event-streaming-common';
import Chip from '@mui/material/Chip';
import { SHOWN_STATE_LABELS, shownConnectorState } from '../../lib/connectors';
import { CONNECTOR_STATE_COLORS } from '../../lib/styles';

/**
 * A connector's or task's state as a chip: red when failed, green when
 * running, amber when paused, dark orange when degraded, grey when stopped
 * or unassigned. Given a connector's `tasks`, a connector that runs with
 * failed tasks is shown as failed (all of them) or degraded (some), with
 * the reason as the chip's description. The colours keep AA contrast; the
 * state's name is the chip's text. They are set inline so that they win
 * over the Chip's own colours whatever order the style sheets load in.
 */
export const ConnectorStateChip = (props: {
  state: ConnectorState;
  tasks?: { total: number; failed: number };
}) => {
  const shown = shownConnectorState(props.state, props.tasks);
  const colors = CONNECTOR_STATE_COLORS[shown.state];
  const label = SHOWN_STATE_LABELS[shown.state];
  return (
    <Chip
      size="small"
      label={label}
      title={shown.note}
      aria-label={shown.note ? `${label}: ${shown.note}` : undefined}
      style={{ backgroundColor: colors.background, color: colors.text }}
      data-state={shown.state}
    />
  );
};
