import Tooltip from '@mui/material/Tooltip';
import { ReactElement } from 'react';

/**
 * Wraps a button that may be disabled: when a reason is given, hovering
 * shows it in a tooltip. A disabled button gets no pointer events, so the
 * tooltip sits on a wrapping span.
 */
export const DisabledReason = (props: {
  reason?: string;
  children: ReactElement;
}) =>
  props.reason ? (
    <Tooltip title={props.reason}>
      <span style={{ display: 'inline-block' }}>{props.children}</span>
    </Tooltip>
  ) : (
    props.children
  );
