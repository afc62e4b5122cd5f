import { Link } from '@backstage/core-components';
import { ResponseError } from '@backstage/errors';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { errorMessage } from '../../lib/errors';
import { errorTextSx } from '../../lib/styles';

/**
 * HTTP statuses where asking again can help: the server or a limit, and a
 * 404, since what is missing may be on its way (an approval executing, a
 * GitOps sync, a topic created a moment ago); not a refused request.
 */
const retriable = (status: number | undefined) =>
  status === undefined ||
  status === 404 ||
  status === 408 ||
  status === 429 ||
  status >= 500;

/** What the status means, in words, for the line under the message. */
function statusText(status: number | undefined): string | undefined {
  if (status === undefined) return 'The backend could not be reached.';
  if (status === 404)
    return 'It does not exist, or is not visible to you. If it is being created, try again in a moment.';
  if (status === 403) return 'You may not see it.';
  if (status === 400) return 'The address is not valid.';
  if (status === 429) return 'Too many requests right now.';
  if (status >= 500)
    return `The backend or a system behind it failed (HTTP ${status}).`;
  return undefined;
}

/**
 * A page that could not load its subject: the backend's own message first
 * (not a generic "could not load" with the cause folded away), what the
 * status means, **Try again** where asking again can help (the backend or
 * an upstream system, a limit), and a way back to the list.
 */
export const PageError = (props: {
  error: unknown;
  /** What could not be loaded, e.g. "Could not load topic team-a.x". */
  title: string;
  retry?: () => void;
  back: { to: string; label: string };
}) => {
  const status = ResponseError.is(props.error)
    ? props.error.statusCode
    : undefined;
  const explanation = statusText(status);
  return (
    <Paper role="alert" aria-label={props.title}>
      <Box p={3}>
        <Typography variant="h6" component="h2" gutterBottom>
          {props.title}
        </Typography>
        <Typography
          variant="body1"
          sx={errorTextSx}
          style={{ overflowWrap: 'anywhere' }}
        >
          {errorMessage(props.error)}
        </Typography>
        {explanation && (
          <Typography variant="body2" color="textSecondary">
            {explanation}
          </Typography>
        )}
        <Box mt={2} display="flex" alignItems="center" style={{ gap: 16 }}>
          {props.retry && retriable(status) && (
            <Button variant="contained" color="primary" onClick={props.retry}>
              Try again
            </Button>
          )}
          <Link to={props.back.to}>{props.back.label}</Link>
        </Box>
      </Box>
    </Paper>
  );
};
