import type { LagStatus } from '@eventport/plugin-event-streaming-common';
import Chip from '@mui/material/Chip';
import { LAG_STATUS_LABELS } from '../../lib/monitoring';
import { LAG_STATUS_COLORS } from '../../lib/styles';

/**
 * A consumer group's lag status as a chip: green when OK, amber when
 * lagging, red when stalled, grey without members. The status's name is
 * the chip's text, so it is never told by colour alone.
 */
export const LagStatusChip = (props: { status: LagStatus }) => {
  const colors = LAG_STATUS_COLORS[props.status];
  return (
    <Chip
      size="small"
      label={LAG_STATUS_LABELS[props.status]}
      style={{ backgroundColor: colors.background, color: colors.text }}
      data-status={props.status}
    />
  );
};
