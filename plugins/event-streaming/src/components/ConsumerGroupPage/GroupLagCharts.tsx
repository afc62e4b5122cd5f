import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import ButtonGroup from '@mui/material/ButtonGroup';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { eventStreamingApiRef } from '../../api';
import {
  formatLagDuration,
  formatLagTick,
  HISTORY_WINDOWS,
  plural,
} from '../../lib/monitoring';
import { TimeSeriesChart } from '../Charts';
import { ErrorAlert } from '../ErrorAlert';
import { neutralOutlinedButtonSx, WRAPPING_HEADER } from '../../lib/styles';

const compact = new Intl.NumberFormat('en-US', { notation: 'compact' });

/**
 * A group's offset lag and time lag over a chosen window (15 minutes to
 * 24 hours), reloaded with the page's polling `tick`.
 */
export const GroupLagCharts = (props: {
  cluster: string;
  group: string;
  tick: number;
}) => {
  const { cluster, group, tick } = props;
  const api = useApi(eventStreamingApiRef);
  const [minutes, setMinutes] = useState(60);
  const history = useAsync(
    async () => ({
      minutes,
      ...(await api.getConsumerGroupHistory(cluster, group, minutes)),
    }),
    [api, cluster, group, minutes, tick],
  );
  const chosen = HISTORY_WINDOWS.find(w => w.minutes === minutes)!;
  // Keep the old charts while the same window reloads; a new window waits.
  const points =
    history.value?.minutes === minutes && history.value.groupId === group
      ? history.value.points
      : undefined;

  let body;
  if (history.error) {
    body = (
      <ErrorAlert
        error={history.error}
        title="Could not load the lag history"
      />
    );
  } else if (!points) {
    body = <Progress aria-label="Loading the lag history" />;
  } else {
    body = (
      <>
        <Typography variant="subtitle2" component="h3">
          Offset lag (messages)
        </Typography>
        <TimeSeriesChart
          label={`Offset lag of ${group} over ${chosen.words}`}
          seriesName="Offset lag"
          points={points.map(p => ({ at: p.at, value: p.lag }))}
          formatValue={v => plural(v, 'message')}
          formatTick={v => compact.format(v)}
          variant="area"
          emptyText={`No samples of ${group} in ${chosen.words} yet.`}
        />
        <Box mt={2}>
          <Typography variant="subtitle2" component="h3">
            Time lag
          </Typography>
          <TimeSeriesChart
            label={`Time lag of ${group} over ${chosen.words}`}
            seriesName="Time lag"
            points={points.map(p => ({ at: p.at, value: p.timeLagMs }))}
            formatValue={formatLagDuration}
            formatTick={formatLagTick}
            color="secondary"
            emptyText={`No samples of ${group} in ${chosen.words} yet.`}
          />
        </Box>
      </>
    );
  }

  return (
    <InfoCard
      title="Lag over time"
      headerStyle={WRAPPING_HEADER}
      action={
        <ButtonGroup color="inherit" size="small" aria-label="Chart window">
          {HISTORY_WINDOWS.map(w => (
            <Button
              key={w.minutes}
              aria-pressed={w.minutes === minutes}
              variant={w.minutes === minutes ? 'contained' : 'outlined'}
              color={w.minutes === minutes ? 'primary' : 'inherit'}
              sx={w.minutes === minutes ? undefined : neutralOutlinedButtonSx}
              onClick={() => setMinutes(w.minutes)}
            >
              {w.label}
            </Button>
          ))}
        </ButtonGroup>
      }
    >
      {body}
    </InfoCard>
  );
};
