import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import useAsync from 'react-use/esm/useAsync';
import { eventStreamingApiRef } from '../../api';
import { titledLinks } from '../../lib/links';
import { formatRate } from '../../lib/monitoring';
import { TimeSeriesChart } from '../Charts';
import { ErrorAlert } from '../ErrorAlert';
import { LinkButtons } from '../LinkButtons';

const WINDOW_MINUTES = 60;

/**
 * Messages per second into a topic over the last hour, from end-offset
 * deltas between samples, with the current rate and the links to the
 * cluster's tools for the topic.
 */
export const TopicThroughputCard = (props: {
  cluster: string;
  topic: string;
}) => {
  const { cluster, topic } = props;
  const api = useApi(eventStreamingApiRef);
  const throughput = useAsync(
    () => api.getTopicThroughput(cluster, topic, WINDOW_MINUTES),
    [api, cluster, topic],
  );

  let body;
  if (throughput.error) {
    body = (
      <ErrorAlert
        error={throughput.error}
        title="Could not load the throughput"
      />
    );
  } else if (throughput.loading || !throughput.value) {
    body = <Progress aria-label="Loading the throughput" />;
  } else {
    const t = throughput.value;
    body = (
      <>
        <Typography variant="body1" gutterBottom>
          Now:{' '}
          {t.current === null
            ? 'not enough samples yet'
            : formatRate(t.current)}
        </Typography>
        <TimeSeriesChart
          label={`Messages per second into ${topic} over the last hour`}
          seriesName="Messages per second"
          points={t.points.map(p => ({
            at: p.at,
            value: p.messagesPerSecond,
          }))}
          formatValue={formatRate}
          formatTick={v => String(Math.round(v * 10) / 10)}
          variant="area"
          emptyText="No samples of this topic in the last hour yet."
        />
        <Box mt={2}>
          <LinkButtons links={titledLinks(t.links)} />
        </Box>
      </>
    );
  }
  return (
    <InfoCard title="Throughput" subheader="Messages per second, last hour">
      {body}
    </InfoCard>
  );
};
