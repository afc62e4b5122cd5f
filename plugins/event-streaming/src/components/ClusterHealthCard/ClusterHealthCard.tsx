import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  StatusError,
  StatusOK,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { ClusterHealth } from '@eventport/plugin-event-streaming-common';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { eventStreamingApiRef } from '../../api';
import { WRAPPING_HEADER } from '../../lib/styles';

const columns: TableColumn<ClusterHealth>[] = [
  { title: 'Cluster', field: 'name', highlight: true },
  { title: 'Environment', field: 'environment' },
  {
    title: 'Status',
    field: 'reachable',
    cellStyle: { whiteSpace: 'nowrap' },
    render: row =>
      row.reachable ? (
        <StatusOK>Reachable</StatusOK>
      ) : (
        <StatusError>Unreachable</StatusError>
      ),
  },
  {
    title: 'Brokers',
    render: row =>
      row.brokers
        ? row.brokers.map(b => `${b.host}:${b.port}`).join(', ')
        : '—',
  },
  { title: 'Controller', render: row => row.controllerId ?? '—' },
  { title: 'Latency', render: row => `${row.latencyMs} ms` },
  {
    title: 'Details',
    cellStyle: { minWidth: 320 },
    render: row => row.error ?? '',
  },
];

/** Reachability of every configured Kafka cluster, with a refresh button. */
export const ClusterHealthCard = () => {
  const api = useApi(eventStreamingApiRef);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getHealth(),
    [api],
  );

  if (loading && !value) {
    return <Progress aria-label="Checking clusters" />;
  }
  if (error) {
    return (
      <ResponseErrorPanel error={error} title="Could not check clusters" />
    );
  }
  if (!value || value.clusters.length === 0) {
    // Compact: the Topics tab above already shows the configuration to add.
    return (
      <InfoCard title="Kafka clusters">
        <Typography variant="body1">No Kafka clusters configured</Typography>
        <Typography variant="body2" color="textSecondary">
          Their health shows here once eventStreaming.clusters is set in
          app-config.yaml.
        </Typography>
      </InfoCard>
    );
  }
  return (
    <InfoCard
      title="Kafka clusters"
      subheader={
        value.status === 'ok'
          ? 'All clusters are reachable'
          : 'Some clusters are unreachable'
      }
      headerStyle={WRAPPING_HEADER}
      action={
        <Button
          color="inherit"
          onClick={retry}
          disabled={loading}
          aria-label="Check again"
        >
          Check again
        </Button>
      }
      noPadding
    >
      <Table<ClusterHealth>
        options={{ paging: false, search: false, toolbar: false }}
        columns={columns}
        data={value.clusters}
      />
    </InfoCard>
  );
};
