import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import TextField from '@material-ui/core/TextField';
import { useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import { useClusters } from '../../hooks/useClusters';
import { GROUP_STATES, groupStateLabel } from '../../lib/monitoring';
import { NoClustersState } from '../NoClustersState';
import { ConsumerGroupTable } from './ConsumerGroupTable';

/**
 * The consumer groups of one cluster with their lag and status: searched
 * (debounced), filtered by Kafka's group state and paged by the backend.
 */
export const ConsumerGroupsTab = () => {
  const clusters = useClusters();
  const [clusterName, setClusterName] = useState<string>();
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const [state, setState] = useState('');
  useDebounce(() => setQuery(search.trim()), 300, [search]);

  if (clusters.error) {
    return (
      <ResponseErrorPanel
        error={clusters.error}
        title="Could not load the clusters"
      />
    );
  }
  if (clusters.loading || !clusters.value) {
    return <Progress aria-label="Loading clusters" />;
  }
  if (clusters.value.clusters.length === 0) {
    return <NoClustersState />;
  }
  const cluster =
    clusters.value.clusters.find(c => c.name === clusterName) ??
    clusters.value.clusters[0];

  return (
    <InfoCard
      title="Consumer groups"
      subheader={`${cluster.name} (${cluster.environment})`}
    >
      <Box
        display="flex"
        flexWrap="wrap"
        alignItems="center"
        mb={2}
        style={{ gap: 16 }}
      >
        {clusters.value.clusters.length > 1 && (
          <TextField
            select
            id="consumer-groups-cluster"
            label="Cluster"
            value={cluster.name}
            onChange={e => setClusterName(e.target.value)}
            SelectProps={{ native: true }}
          >
            {clusters.value.clusters.map(c => (
              <option key={c.name} value={c.name}>
                {c.name} ({c.environment})
              </option>
            ))}
          </TextField>
        )}
        <TextField
          id="consumer-groups-search"
          label="Search consumer groups"
          type="search"
          value={search}
          onChange={e => setSearch(e.target.value)}
        />
        <TextField
          select
          id="consumer-groups-state"
          label="State"
          value={state}
          onChange={e => setState(e.target.value)}
          SelectProps={{ native: true }}
          InputLabelProps={{ shrink: true }}
        >
          <option value="">All states</option>
          {GROUP_STATES.map(s => (
            <option key={s} value={s}>
              {groupStateLabel(s)}
            </option>
          ))}
        </TextField>
      </Box>
      <ConsumerGroupTable
        key={`${cluster.name}|${query}|${state}`}
        cluster={cluster.name}
        query={query}
        state={state || undefined}
      />
    </InfoCard>
  );
};
