import Button from '@mui/material/Button';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import { FormEvent, ReactNode, useId, useState } from 'react';
import { ErrorAlert } from '../ErrorAlert';
import { DialogForm, ResponsiveDialog } from '../ResponsiveDialog';

export interface ActionDialogProps {
  open: boolean;
  title: string;
  /** Label of the confirming button. */
  confirmLabel: string;
  /** Disables the confirming button, e.g. while the input is invalid. */
  confirmDisabled?: boolean;
  /** Label of the button that closes without acting; `Cancel` by default. */
  dismissLabel?: string;
  /** Colours the confirming button as destructive. */
  destructive?: boolean;
  /** The dialog's width; `sm` unless told. */
  maxWidth?: 'sm' | 'md' | 'lg';
  /** Runs the action; a rejection is shown in the dialog, which stays open. */
  onConfirm: () => Promise<void>;
  onClose: () => void;
  children?: ReactNode;
}

/**
 * A confirmation dialog around one action: shows the form, runs the action,
 * and keeps the dialog open with the backend's message when it fails.
 */
export const ActionDialog = (props: ActionDialogProps) => {
  const { open, title, confirmLabel, onConfirm, onClose } = props;
  const titleId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (props.confirmDisabled || busy) return;
    setBusy(true);
    setError(undefined);
    try {
      await onConfirm();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <ResponsiveDialog
      open={open}
      onClose={busy ? undefined : onClose}
      aria-labelledby={titleId}
      fullWidth
      maxWidth={props.maxWidth ?? 'sm'}
    >
      <DialogForm onSubmit={submit}>
        <DialogTitle id={titleId}>{title}</DialogTitle>
        <DialogContent>
          {props.children}
          <ErrorAlert error={error} />
        </DialogContent>
        <DialogActions>
          <Button color="inherit" onClick={onClose} disabled={busy}>
            {props.dismissLabel ?? 'Cancel'}
          </Button>
          <Button
            type="submit"
            variant="contained"
            color={props.destructive ? 'secondary' : 'primary'}
            disabled={busy || props.confirmDisabled}
          >
            {confirmLabel}
          </Button>
        </DialogActions>
      </DialogForm>
    </ResponsiveDialog>
  );
};
