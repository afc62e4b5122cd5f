import Dialog, { DialogProps } from '@mui/material/Dialog';
import { useTheme } from '@mui/material/styles';
import useMediaQuery from '@mui/material/useMediaQuery';
import type { FormEvent, ReactNode } from 'react';

/**
 * MUI's Dialog, full screen on a phone (below the `sm` breakpoint, 600 px),
 * so that its content has the whole width and its buttons stay in view.
 */
export const ResponsiveDialog = (props: DialogProps) => {
  const theme = useTheme();
  const phone = useMediaQuery(theme.breakpoints.down('sm'));
  return <Dialog fullScreen={phone} {...props} />;
};

/**
 * The form inside a dialog, laid out as the dialog's own column: the
 * content scrolls between the title and the buttons, which stay visible
 * (a plain form would scroll the buttons away with the content).
 */
export const DialogForm = (props: {
  onSubmit: (e: FormEvent) => void;
  children: ReactNode;
}) => (
  <form
    onSubmit={props.onSubmit}
    noValidate
    style={{ display: 'flex', flexDirection: 'column', minHeight: 0 }}
  >
    {props.children}
  </form>
);
