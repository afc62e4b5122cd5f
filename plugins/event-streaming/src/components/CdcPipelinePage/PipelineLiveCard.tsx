import { InfoCard, Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import type {
  CdcPipeline,
  CdcPipelineLive,
  ConnectorState,
} from '@eventport/plugin-event-streaming-common';
import {
  connectorStateSchema,
  formatBytes,
} from '@eventport/plugin-event-streaming-common';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import WarningIcon from '@mui/icons-material/Warning';
import { tableHeadSx, warningTextSx } from '../../lib/styles';
import {
  connectorRouteRef,
  consumerGroupRouteRef,
  topicRouteRef,
} from '../../routes';
import { ConnectorStateChip } from '../ConnectorStateChip';
import { BreakableName } from '../BreakableName';
import { ScrollingTable } from '../ScrollingTable';

/** Why a pipeline has no connector, by its status. */
const NOT_RUNNING: Partial<Record<CdcPipeline['status'], string>> = {
  committed:
    'Not running yet: the manifests wait on their branch for the merge, then for the operator to create the connector.',
  review: 'Not running: the security review comes first.',
  rejected: 'Not running: the security review rejected it.',
  cancelled: 'Not running: the request was cancelled.',
  decommissioning:
    'Being decommissioned: the connector, the replication slot and the publication are being removed.',
  decommissioned:
    'Decommissioned: the connector, the replication slot and the publication were removed.',
};

const stateOf = (state: string): ConnectorState | undefined => {
  const parsed = connectorStateSchema.safeParse(state);
  return parsed.success ? parsed.data : undefined;
};

const State = (props: {
  state: string;
  tasks?: { total: number; failed: number };
}) => {
  const known = stateOf(props.state);
  return known ? (
    <ConnectorStateChip state={known} tasks={props.tasks} />
  ) : (
    <span>{props.state}</span>
  );
};

/**
 * Past the configured size (`slotGuard.retainedWalWarningMb`), the WAL the
 * source keeps for the slot is a risk to the source database's disk.
 */
const RetainedWalWarning = (props: {
  slot: NonNullable<CdcPipelineLive['slot']>;
}) => {
  const { retainedBytes, retainedWarningBytes, active } = props.slot;
  if (
    typeof retainedBytes !== 'number' ||
    typeof retainedWarningBytes !== 'number' ||
    retainedBytes < retainedWarningBytes
  ) {
    return null;
  }
  return (
    <Box display="flex" alignItems="flex-start" mb={1} role="alert">
      <WarningIcon sx={warningTextSx} aria-hidden />
      <Typography variant="body2" sx={warningTextSx}>
        <strong>Warning:</strong> the source database keeps{' '}
        {formatBytes(retainedBytes)} of WAL for this pipeline, over the warning
        size of {formatBytes(retainedWarningBytes)}.{' '}
        {active
          ? 'The connector reads the slot but lags behind.'
          : 'Nothing reads the slot: resume the connector, or decommission the pipeline, before the database disk fills.'}
      </Typography>
    </Box>
  );
};

/** What the pipeline does now: connector and tasks, change topics, readers, and the replication slot. */
export const PipelineLiveCard = (props: {
  pipeline: CdcPipeline;
  live: CdcPipelineLive;
}) => {
  const { pipeline, live } = props;
  const connectorRoute = useRouteRef(connectorRouteRef);
  const topicRoute = useRouteRef(topicRouteRef);
  const groupRoute = useRouteRef(consumerGroupRouteRef);
  const cluster = pipeline.cluster;
  return (
    <InfoCard
      title="Running pipeline"
      subheader="Read live from Kafka Connect, Kafka and the source database; reloads every 5 s"
    >
      {live.problems.map(p => (
        <Typography key={p} variant="body2" role="alert">
          Not readable: {p}
        </Typography>
      ))}
      <Typography variant="subtitle2" component="h3">
        Connector
      </Typography>
      {live.connector ? (
        <>
          <Typography variant="body2" component="div">
            <Link to={connectorRoute({ cluster, name: live.connector.name })}>
              {live.connector.name}
            </Link>{' '}
            <State
              state={live.connector.state}
              tasks={{
                total: live.connector.tasks.length,
                failed: live.connector.tasks.filter(t => t.state === 'FAILED')
                  .length,
              }}
            />
          </Typography>
          <ul aria-label="Tasks" style={{ marginTop: 4 }}>
            {live.connector.tasks.map(t => (
              <li key={t.id}>
                <Typography variant="body2" component="span">
                  Task {t.id}: <State state={t.state} />
                </Typography>
                {t.trace && (
                  <Typography
                    variant="caption"
                    component="pre"
                    style={{ whiteSpace: 'pre-wrap' }}
                  >
                    {t.trace.split('\n').slice(0, 3).join('\n')}
                  </Typography>
                )}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <Typography variant="body2" gutterBottom>
          {NOT_RUNNING[pipeline.status] ??
            'Kafka Connect has no connector of this pipeline.'}
        </Typography>
      )}
      {live.slot !== null && (
        <Typography variant="body2" gutterBottom>
          Replication slot <code>{live.slot.name}</code>:{' '}
          {live.slot.active ? 'active' : 'inactive'}, lag{' '}
          {live.slot.lagBytes === null
            ? 'not known yet'
            : formatBytes(live.slot.lagBytes)}{' '}
          of WAL not yet confirmed
          {typeof live.slot.retainedBytes === 'number' &&
            `; the database keeps ${formatBytes(
              live.slot.retainedBytes,
            )} of WAL for it${
              live.slot.active ? '' : ', growing while the slot is inactive'
            }`}
        </Typography>
      )}
      {live.slot && <RetainedWalWarning slot={live.slot} />}
      <ScrollingTable size="small" aria-label="Change topics">
        <TableHead sx={tableHeadSx}>
          <TableRow>
            <TableCell>Change topic</TableCell>
            <TableCell align="right">Events written</TableCell>
            <TableCell align="right">Messages/s</TableCell>
            <TableCell>Read by (lag)</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {live.topics.map(t => (
            <TableRow key={t.topic}>
              <TableCell>
                {t.exists ? (
                  <Link to={topicRoute({ cluster, topic: t.topic })}>
                    <BreakableName name={t.topic} />
                  </Link>
                ) : (
                  <>
                    <BreakableName name={t.topic} /> (not created yet)
                  </>
                )}
              </TableCell>
              <TableCell align="right">{t.endOffset ?? '–'}</TableCell>
              <TableCell align="right">
                {t.messagesPerSecond === null
                  ? 'no samples yet'
                  : t.messagesPerSecond.toFixed(2)}
              </TableCell>
              <TableCell>
                {t.consumers.length === 0
                  ? 'No consumer group yet'
                  : t.consumers.map((c, i) => (
                      <span key={c.groupId}>
                        {i > 0 && ', '}
                        <Link
                          to={groupRoute({
                            cluster,
                            group: encodeURIComponent(c.groupId),
                          })}
                        >
                          {c.groupId}
                        </Link>{' '}
                        ({c.lag})
                      </span>
                    ))}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </ScrollingTable>
    </InfoCard>
  );
};
