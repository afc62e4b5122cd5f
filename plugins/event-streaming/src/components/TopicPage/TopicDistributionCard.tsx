import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { UnderReplicatedPartition } from '@eventport/plugin-event-streaming-common';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import WarningIcon from '@mui/icons-material/Warning';
import useAsync from 'react-use/esm/useAsync';
import { eventStreamingApiRef } from '../../api';
import { plural } from '../../lib/monitoring';
import { warningTextSx } from '../../lib/styles';
import { BrokerBarChart } from '../Charts';
import { ErrorAlert } from '../ErrorAlert';

/** `Partition 2: leader 1, in sync 1 of replicas 3, 1` or `…no leader…`. */
function describePartition(p: UnderReplicatedPartition): string {
  const leader = p.leader < 0 ? 'no leader' : `leader ${p.leader}`;
  return `Partition ${p.partition}: ${leader}, in sync ${
    p.isr.length > 0 ? p.isr.join(', ') : 'none'
  } of replicas ${p.replicas.join(', ')}`;
}

/**
 * How a topic's partitions spread over the brokers: leaders and replicas
 * per broker, the leader skew, and the partitions that are under-replicated
 * or offline, marked with an icon and words as well as colour.
 */
export const TopicDistributionCard = (props: {
  cluster: string;
  topic: string;
}) => {
  const { cluster, topic } = props;
  const api = useApi(eventStreamingApiRef);
  const distribution = useAsync(
    () => api.getPartitionDistribution(cluster, { topic }),
    [api, cluster, topic],
  );

  let body;
  if (distribution.error) {
    body = (
      <ErrorAlert
        error={distribution.error}
        title="Could not load the partition distribution"
      />
    );
  } else if (distribution.loading || !distribution.value) {
    body = <Progress aria-label="Loading the partition distribution" />;
  } else {
    const d = distribution.value;
    const problems = d.underReplicated.length > 0 || d.offline > 0;
    body = (
      <>
        <BrokerBarChart
          label={`Leaders and replicas of ${topic} per broker`}
          brokers={d.brokers}
        />
        <Typography variant="body2">
          Leader skew: {d.leaderSkew.toFixed(2)} (0 is even).{' '}
          {plural(d.nonPreferredLeaders, 'partition')}{' '}
          {d.nonPreferredLeaders === 1 ? 'is' : 'are'} not led by the preferred
          replica.
        </Typography>
        <Box mt={1} display="flex" alignItems="flex-start" style={{ gap: 8 }}>
          {problems ? (
            <WarningIcon sx={warningTextSx} aria-hidden />
          ) : (
            <CheckCircleIcon color="action" aria-hidden />
          )}
          <Box>
            <Typography
              variant="body2"
              sx={problems ? warningTextSx : undefined}
            >
              {problems
                ? `Warning: ${plural(
                    d.underReplicated.length,
                    'partition',
                  )} under-replicated, ${d.offline} offline.`
                : `All ${plural(
                    d.totalPartitions,
                    'partition',
                  )} fully replicated.`}
            </Typography>
            {d.underReplicated.length > 0 && (
              <ul
                aria-label={`Under-replicated partitions of ${topic}`}
                style={{ margin: 0, paddingLeft: 20 }}
              >
                {d.underReplicated.map(p => (
                  <li key={`${p.topic}|${p.partition}`}>
                    <Typography variant="body2">
                      {describePartition(p)}
                    </Typography>
                  </li>
                ))}
              </ul>
            )}
          </Box>
        </Box>
      </>
    );
  }
  return <InfoCard title="Partition distribution">{body}</InfoCard>;
};
