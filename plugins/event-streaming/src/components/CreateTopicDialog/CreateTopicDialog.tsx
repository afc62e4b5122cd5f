import { useApi } from '@backstage/core-plugin-api';
import {
  cleanupPolicySchema,
  ClusterListResponse,
  ClusterInfo,
  DurationUnit,
  formatDurationMs,
  TopicDetail,
} from '@eventport/plugin-event-streaming-common';
import Button from '@mui/material/Button';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Grid from '@mui/material/Grid';
import InputAdornment from '@mui/material/InputAdornment';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { FormEvent, useState } from 'react';
import { eventStreamingApiRef } from '../../api';
import { RETENTION_UNITS, splitDuration } from '../../lib/durations';
import { ErrorAlert } from '../ErrorAlert';
import {
  createTopicBody,
  CreateTopicForm,
  validateCreateTopic,
} from './validation';
import { DialogForm, ResponsiveDialog } from '../ResponsiveDialog';

export interface CreateTopicDialogProps {
  open: boolean;
  cluster: ClusterInfo;
  namespaces: ClusterListResponse['namespaces'];
  namingPattern?: string;
  onClose: () => void;
  onCreated: (topic: TopicDetail) => void;
}

function initialForm(cluster: ClusterInfo, prefix: string): CreateTopicForm {
  const defaults = cluster.topicDefaults;
  const retention = splitDuration(defaults.retentionMs);
  return {
    prefix,
    suffix: '',
    partitions: String(defaults.partitions),
    replicationFactor: String(defaults.replicationFactor),
    retentionValue: String(retention.value),
    retentionUnit: retention.unit,
    cleanupPolicy: defaults.cleanupPolicy,
    description: '',
  };
}

/**
 * Creates a topic in one of the caller's namespaces. Validates live against
 * Kafka's rules, the naming pattern and the environment's limits; the backend
 * checks again and its message is shown when it refuses.
 */
export const CreateTopicDialog = (props: CreateTopicDialogProps) => {
  const { open, cluster, namingPattern, onClose, onCreated } = props;
  const api = useApi(eventStreamingApiRef);
  const owned = props.namespaces.filter(ns => ns.owned);
  const [form, setForm] = useState(() =>
    initialForm(cluster, owned[0]?.prefix ?? ''),
  );
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const validation = validateCreateTopic(form, cluster, namingPattern);
  const { errors } = validation;
  const showNameError = submitted || form.suffix.length > 0;
  const valid = Object.keys(errors).length === 0;
  const { limits, topicDefaults } = cluster;

  const update =
    (key: keyof CreateTopicForm) => (event: { target: { value: string } }) =>
      setForm(current => ({ ...current, [key]: event.target.value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!valid || owned.length === 0) return;
    setBusy(true);
    setError(undefined);
    try {
      const topic = await api.createTopic(cluster.name, createTopicBody(form));
      onCreated(topic);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <ResponsiveDialog
      open={open}
      onClose={busy ? undefined : onClose}
      aria-labelledby="create-topic-title"
      fullWidth
      maxWidth="sm"
    >
      <DialogForm onSubmit={submit}>
        <DialogTitle id="create-topic-title">
          Create a topic in {cluster.name}
        </DialogTitle>
        <DialogContent>
          {owned.length === 0 ? (
            <Typography role="alert">
              You do not own a topic namespace, so you cannot create topics.
              Topics are created under a namespace prefix that belongs to your
              team; ask the platform team to configure one.
            </Typography>
          ) : (
            <Grid container spacing={2}>
              <Grid item xs={12} sm={4}>
                <TextField
                  variant="standard"
                  select
                  id="create-topic-namespace"
                  label="Namespace"
                  value={form.prefix}
                  onChange={update('prefix')}
                  SelectProps={{ native: true }}
                  helperText="Namespaces your team owns"
                  fullWidth
                >
                  {owned.map(ns => (
                    <option key={ns.prefix} value={ns.prefix}>
                      {ns.prefix}
                    </option>
                  ))}
                </TextField>
              </Grid>
              <Grid item xs={12} sm={8}>
                <TextField
                  variant="standard"
                  id="create-topic-name"
                  label="Topic name"
                  value={form.suffix}
                  onChange={update('suffix')}
                  required
                  fullWidth
                  error={showNameError && !!errors.name}
                  helperText={
                    (showNameError && errors.name) ||
                    `Full name: ${validation.fullName}`
                  }
                  InputProps={{
                    startAdornment: (
                      <InputAdornment position="start">
                        {form.prefix}
                      </InputAdornment>
                    ),
                  }}
                />
              </Grid>
              <Grid item xs={6}>
                <TextField
                  variant="standard"
                  id="create-topic-partitions"
                  label="Partitions"
                  type="number"
                  value={form.partitions}
                  onChange={update('partitions')}
                  inputProps={{ min: 1, max: limits.maxPartitions }}
                  error={!!errors.partitions}
                  helperText={
                    errors.partitions ??
                    `Default ${topicDefaults.partitions}, at most ${limits.maxPartitions}`
                  }
                  fullWidth
                />
              </Grid>
              <Grid item xs={6}>
                <TextField
                  variant="standard"
                  id="create-topic-replication"
                  label="Replication factor"
                  type="number"
                  value={form.replicationFactor}
                  onChange={update('replicationFactor')}
                  inputProps={{ min: 1 }}
                  error={!!errors.replicationFactor}
                  helperText={
                    errors.replicationFactor ??
                    `Default ${topicDefaults.replicationFactor}`
                  }
                  fullWidth
                />
              </Grid>
              <Grid item xs={6}>
                <TextField
                  variant="standard"
                  id="create-topic-retention"
                  label="Retention"
                  type="number"
                  value={form.retentionValue}
                  onChange={update('retentionValue')}
                  inputProps={{ min: 1 }}
                  error={!!errors.retention}
                  helperText={
                    errors.retention ??
                    `From ${formatDurationMs(
                      limits.retentionMinMs,
                    )} to ${formatDurationMs(
                      limits.retentionMaxMs,
                    )}; default ${formatDurationMs(topicDefaults.retentionMs)}`
                  }
                  fullWidth
                />
              </Grid>
              <Grid item xs={6}>
                <TextField
                  variant="standard"
                  select
                  id="create-topic-retention-unit"
                  label="Retention unit"
                  value={form.retentionUnit}
                  onChange={e =>
                    setForm(current => ({
                      ...current,
                      retentionUnit: e.target.value as DurationUnit,
                    }))
                  }
                  SelectProps={{ native: true }}
                  fullWidth
                >
                  {RETENTION_UNITS.map(unit => (
                    <option key={unit} value={unit}>
                      {unit}
                    </option>
                  ))}
                </TextField>
              </Grid>
              <Grid item xs={12} sm={6}>
                <TextField
                  variant="standard"
                  select
                  id="create-topic-cleanup"
                  label="Cleanup policy"
                  value={form.cleanupPolicy}
                  onChange={update('cleanupPolicy')}
                  SelectProps={{ native: true }}
                  helperText={`Default ${topicDefaults.cleanupPolicy}`}
                  fullWidth
                >
                  {cleanupPolicySchema.options.map(policy => (
                    <option key={policy} value={policy}>
                      {policy}
                    </option>
                  ))}
                </TextField>
              </Grid>
              <Grid item xs={12}>
                <TextField
                  variant="standard"
                  id="create-topic-description"
                  label="Description"
                  value={form.description}
                  onChange={update('description')}
                  inputProps={{ maxLength: 1000 }}
                  multiline
                  minRows={2}
                  fullWidth
                />
              </Grid>
            </Grid>
          )}
          <ErrorAlert error={error} title="The topic was not created" />
        </DialogContent>
        <DialogActions>
          <Button color="inherit" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={busy || owned.length === 0 || (submitted && !valid)}
          >
            {busy ? 'Creating…' : 'Create topic'}
          </Button>
        </DialogActions>
      </DialogForm>
    </ResponsiveDialog>
  );
};
