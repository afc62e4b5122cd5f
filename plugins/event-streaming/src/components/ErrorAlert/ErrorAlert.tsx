import Typography from '@mui/material/Typography';
import { errorMessage } from '../../lib/errors';
import { errorTextSx } from '../../lib/styles';

/**
 * A failed call's message inline, e.g. inside a dialog: the backend's own
 * message for a ResponseError. Announced to screen readers as an alert.
 */
export const ErrorAlert = (props: { error?: unknown; title?: string }) => {
  if (!props.error) return null;
  const message = errorMessage(props.error);
  return (
    <Typography role="alert" sx={errorTextSx} variant="body2" gutterBottom>
      {props.title ? `${props.title}: ${message}` : message}
    </Typography>
  );
};
