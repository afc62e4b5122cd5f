import { InfoCard, Link, Progress } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import useAsync from 'react-use/esm/useAsync';
import { eventStreamingApiRef } from '../../api';
import {
  formatCount,
  formatTimeLag,
  groupRouteParams,
  groupStateLabel,
} from '../../lib/monitoring';
import { consumerGroupRouteRef } from '../../routes';
import { ErrorAlert } from '../ErrorAlert';
import { LagStatusChip } from '../LagStatusChip';
import { tableHeadSx } from '../../lib/styles';
import { ScrollingTable } from '../ScrollingTable';

/** The consumer groups reading a topic, with their lag on it, largest first. */
export const TopicConsumersCard = (props: {
  cluster: string;
  topic: string;
}) => {
  const { cluster, topic } = props;
  const api = useApi(eventStreamingApiRef);
  const groupRoute = useRouteRef(consumerGroupRouteRef);
  const consumers = useAsync(
    () => api.listTopicConsumers(cluster, topic),
    [api, cluster, topic],
  );

  let body;
  if (consumers.error) {
    body = (
      <ErrorAlert
        error={consumers.error}
        title="Could not load the consumer groups"
      />
    );
  } else if (consumers.loading || !consumers.value) {
    body = <Progress aria-label="Loading the consumer groups" />;
  } else if (consumers.value.items.length === 0) {
    body = (
      <Typography variant="body2">
        No consumer group has committed offsets on {topic}.
      </Typography>
    );
  } else {
    const items = [...consumers.value.items].sort((a, b) => b.lag - a.lag);
    const right = { align: 'right' as const };
    body = (
      <ScrollingTable
        size="small"
        aria-label={`Consumer groups reading ${topic}`}
      >
        <TableHead sx={tableHeadSx}>
          <TableRow>
            <TableCell scope="col">Group</TableCell>
            <TableCell scope="col">State</TableCell>
            <TableCell scope="col" {...right}>
              Members
            </TableCell>
            <TableCell scope="col" {...right}>
              Lag
            </TableCell>
            <TableCell scope="col" {...right}>
              Max time lag
            </TableCell>
            <TableCell scope="col">Status</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {items.map(g => (
            <TableRow key={g.groupId}>
              <TableCell component="th" scope="row">
                <Link to={groupRoute(groupRouteParams(cluster, g.groupId))}>
                  {g.groupId}
                </Link>
              </TableCell>
              <TableCell>{groupStateLabel(g.state)}</TableCell>
              <TableCell {...right}>{formatCount(g.members)}</TableCell>
              <TableCell {...right}>{formatCount(g.lag)}</TableCell>
              <TableCell {...right}>{formatTimeLag(g.maxTimeLagMs)}</TableCell>
              <TableCell>
                <LagStatusChip status={g.status} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </ScrollingTable>
    );
  }
  return (
    <InfoCard
      title="Consumer groups"
      noPadding={!!consumers.value?.items.length}
    >
      {body}
    </InfoCard>
  );
};
