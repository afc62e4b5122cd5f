import type { ConnectorState } from '@eventport/plugin-event-streaming-common';
import Chip from '@material-ui/core/Chip';
import { STATE_LABELS } from '../../lib/connectors';
import { CONNECTOR_STATE_COLORS } from '../../lib/styles';

/**
 * A connector's or task's state as a chip: red when failed, green when
 * running, amber when paused, grey when stopped or unassigned. The colours
 * keep AA contrast; the state's name is the chip's text. They are set
 * inline so that they win over the Chip's own colours whatever order the
 * style sheets load in.
 */
export const ConnectorStateChip = (props: { state: ConnectorState }) => {
  const colors = CONNECTOR_STATE_COLORS[props.state];
  return (
    <Chip
      size="small"
      label={STATE_LABELS[props.state]}
      style={{ backgroundColor: colors.background, color: colors.text }}
      data-state={props.state}
    />
  );
};
