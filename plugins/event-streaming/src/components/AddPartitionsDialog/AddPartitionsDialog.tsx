import { useApi } from '@backstage/core-plugin-api';
import type { TopicDetail } from '@eventport/plugin-event-streaming-common';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { eventStreamingApiRef } from '../../api';
import { ActionDialog } from '../ActionDialog';

export interface AddPartitionsDialogProps {
  open: boolean;
  topic: TopicDetail;
  maxPartitions: number;
  onClose: () => void;
  onUpdated: (topic: TopicDetail) => void;
}

/** Returns why a new partition count is refused, or undefined. */
export function partitionCountError(
  text: string,
  current: number,
  max: number,
): string | undefined {
  if (!/^\d+$/.test(text.trim())) return 'Enter a whole number.';
  const value = Number(text);
  if (value <= current) {
    return `Enter more than ${current}: partitions can only be added, never removed.`;
  }
  if (value > max) return `At most ${max} partitions are allowed here.`;
  return undefined;
}

/** Raises a topic's partition count; Kafka cannot lower it. */
export const AddPartitionsDialog = (props: AddPartitionsDialogProps) => {
  const { topic, maxPartitions } = props;
  const api = useApi(eventStreamingApiRef);
  const [value, setValue] = useState(String(topic.partitions + 1));
  const error = partitionCountError(value, topic.partitions, maxPartitions);

  return (
    <ActionDialog
      open={props.open}
      title={`Add partitions to ${topic.name}`}
      confirmLabel="Add partitions"
      confirmDisabled={!!error}
      onClose={props.onClose}
      onConfirm={async () => {
        props.onUpdated(
          await api.updateTopic(topic.cluster, topic.name, {
            partitions: Number(value),
          }),
        );
      }}
    >
      <Typography variant="body2" paragraph>
        The topic has {topic.partitions} partitions; at most {maxPartitions} are
        allowed in this environment. Adding partitions changes which partition a
        key goes to, so per-key ordering is only kept for new messages.
      </Typography>
      <TextField
        variant="standard"
        id="add-partitions-count"
        label="New partition count"
        type="number"
        value={value}
        onChange={e => setValue(e.target.value)}
        inputProps={{ min: topic.partitions + 1, max: maxPartitions }}
        error={!!error}
        helperText={
          error ?? `More than ${topic.partitions}, at most ${maxPartitions}`
        }
        fullWidth
      />
    </ActionDialog>
  );
};
