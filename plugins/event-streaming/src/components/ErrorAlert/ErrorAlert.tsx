import Typography from '@material-ui/core/Typography';
import { errorMessage } from '../../lib/errors';

/**
 * A failed call's message inline, e.g. inside a dialog: the backend's own
 * message for a ResponseError. Announced to screen readers as an alert.
 */
export const ErrorAlert = (props: { error?: unknown; title?: string }) => {
  if (!props.error) return null;
  const message = errorMessage(props.error);
  return (
    <Typography role="alert" color="error" variant="body2" gutterBottom>
      {props.title ? `${props.title}: ${message}` : message}
    </Typography>
  );
};
