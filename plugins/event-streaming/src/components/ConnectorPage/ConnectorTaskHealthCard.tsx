import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ConnectorState,
  connectorStateSchema,
} from '@eventport/plugin-event-streaming-common';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import useAsync from 'react-use/esm/useAsync';
import { eventStreamingApiRef } from '../../api';
import { STATE_LABELS } from '../../lib/connectors';
import { errorMessage } from '../../lib/errors';
import { titledLinks } from '../../lib/links';
import { formatWindow, plural } from '../../lib/monitoring';
import { formatTime } from '../../lib/refs';
import { ConnectorStateChip } from '../ConnectorStateChip';
import { ErrorAlert } from '../ErrorAlert';
import { LinkButtons } from '../LinkButtons';

/** Transitions the card lists, newest first. */
const RECENT = 5;

const isState = (s: string): s is ConnectorState =>
  connectorStateSchema.safeParse(s).success;

function stateLabel(state: string): string {
  return isState(state) ? STATE_LABELS[state] : state;
}

/** `Running → Failed`, or `first seen as Running` for a new task. */
function describeChange(from: string | null, to: string): string {
  return from === null
    ? `first seen as ${stateLabel(to)}`
    : `${stateLabel(from)} → ${stateLabel(to)}`;
}

/**
 * A connector's task health from the sampler: how many tasks are in each
 * state, restarts and failures over the window, and the latest state
 * changes. Metrics that are not there (404) or not available (503) are a
 * short note in the card, not a page error.
 */
export const ConnectorTaskHealthCard = (props: {
  cluster: string;
  name: string;
}) => {
  const { cluster, name } = props;
  const api = useApi(eventStreamingApiRef);
  const metrics = useAsync(
    () => api.getConnectorMetrics(cluster, name),
    [api, cluster, name],
  );

  let body;
  if (metrics.error) {
    const status = ResponseError.is(metrics.error)
      ? metrics.error.statusCode
      : undefined;
    body =
      status === 404 || status === 503 ? (
        <Typography variant="body2">
          Task health is not available
          {status === 404 ? ' for this connector yet' : ' right now'}:{' '}
          {errorMessage(metrics.error)}
        </Typography>
      ) : (
        <ErrorAlert error={metrics.error} title="Could not load task health" />
      );
  } else if (metrics.loading || !metrics.value) {
    body = <Progress aria-label="Loading task health" />;
  } else {
    const m = metrics.value;
    const windowText = formatWindow(m.windowMs);
    const states = Object.entries(m.taskStates).filter(([, n]) => n > 0);
    // A task failed before the window is no failure "in" it, but it is
    // failed: the card says so rather than read as healthy.
    const failedNow = m.taskStates.FAILED ?? 0;
    const recent = [...m.transitions]
      .sort((a, b) => Date.parse(b.at) - Date.parse(a.at))
      .slice(0, RECENT);
    body = (
      <>
        <Box
          component="ul"
          aria-label="Tasks by state"
          display="flex"
          flexWrap="wrap"
          m={0}
          p={0}
          style={{ gap: 8, listStyle: 'none' }}
        >
          {states.length === 0 ? (
            <li>
              <Typography variant="body2">No tasks.</Typography>
            </li>
          ) : (
            states.map(([state, n]) => (
              <li key={state}>
                {isState(state) ? <ConnectorStateChip state={state} /> : state}{' '}
                <Typography variant="body2" component="span">
                  × {n}
                </Typography>
              </li>
            ))
          )}
        </Box>
        <Typography variant="body2" style={{ marginTop: 12 }}>
          In {windowText}: {plural(m.restartsInWindow, 'restart')},{' '}
          {plural(m.failuresInWindow, 'failure')}.
          {failedNow > 0 &&
            ` ${plural(failedNow, 'task')} ${
              failedNow === 1 ? 'is' : 'are'
            } failed now${
              m.failuresInWindow === 0
                ? ` (${
                    failedNow === 1 ? 'it' : 'they'
                  } failed before ${windowText})`
                : ''
            }.`}
        </Typography>
        <Typography
          variant="subtitle2"
          component="h3"
          style={{ marginTop: 12 }}
        >
          Recent changes
        </Typography>
        {recent.length === 0 ? (
          <Typography variant="body2">
            No task changed state in {windowText}.
          </Typography>
        ) : (
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {recent.map(t => (
              <li key={`${t.taskId}|${t.at}|${t.to}`}>
                <Typography variant="body2">
                  Task {t.taskId}: {describeChange(t.from, t.to)},{' '}
                  {formatTime(t.at)}
                </Typography>
              </li>
            ))}
          </ul>
        )}
        <Box mt={2}>
          <LinkButtons links={titledLinks(m.links)} />
        </Box>
      </>
    );
  }
  return <InfoCard title="Task health">{body}</InfoCard>;
};
