import { useApi } from '@backstage/core-plugin-api';
import {
  DurationUnit,
  EnvironmentLimits,
  formatDurationMs,
  toMs,
  TopicDetail,
} from '@eventport/plugin-event-streaming-common';
import Grid from '@mui/material/Grid';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { eventStreamingApiRef } from '../../api';
import {
  RETENTION_UNITS,
  retentionError,
  splitDuration,
} from '../../lib/durations';
import { ActionDialog } from '../ActionDialog';

export interface EditRetentionDialogProps {
  open: boolean;
  topic: TopicDetail;
  limits: EnvironmentLimits;
  onClose: () => void;
  onUpdated: (topic: TopicDetail) => void;
}

/** Changes a topic's retention within the environment's limits. */
export const EditRetentionDialog = (props: EditRetentionDialogProps) => {
  const { topic, limits } = props;
  const api = useApi(eventStreamingApiRef);
  const initial = splitDuration(
    topic.retentionMs > 0 ? topic.retentionMs : limits.retentionMaxMs,
  );
  const [value, setValue] = useState(String(initial.value));
  const [unit, setUnit] = useState<DurationUnit>(initial.unit);
  const number = Number(value);
  const ms =
    value.trim() === '' || Number.isNaN(number) ? NaN : toMs(number, unit);
  const error = retentionError(ms, limits);
  const range = `from ${formatDurationMs(
    limits.retentionMinMs,
  )} to ${formatDurationMs(limits.retentionMaxMs)}`;

  return (
    <ActionDialog
      open={props.open}
      title={`Change the retention of ${topic.name}`}
      confirmLabel="Save retention"
      confirmDisabled={!!error}
      onClose={props.onClose}
      onConfirm={async () => {
        props.onUpdated(
          await api.updateTopic(topic.cluster, topic.name, { retentionMs: ms }),
        );
      }}
    >
      <Typography variant="body2" paragraph>
        Now {formatDurationMs(topic.retentionMs)}. This environment allows{' '}
        {range}.
      </Typography>
      <Grid container spacing={2}>
        <Grid item xs={6}>
          <TextField
            variant="standard"
            id="edit-retention-value"
            label="Retention"
            type="number"
            value={value}
            onChange={e => setValue(e.target.value)}
            inputProps={{ min: 1 }}
            error={!!error}
            helperText={error ?? `Allowed ${range}`}
            fullWidth
          />
        </Grid>
        <Grid item xs={6}>
          <TextField
            variant="standard"
            select
            id="edit-retention-unit"
            label="Unit"
            value={unit}
            onChange={e => setUnit(e.target.value as DurationUnit)}
            SelectProps={{ native: true }}
            fullWidth
          >
            {RETENTION_UNITS.map(u => (
              <option key={u} value={u}>
                {u}
              </option>
            ))}
          </TextField>
        </Grid>
      </Grid>
    </ActionDialog>
  );
};
