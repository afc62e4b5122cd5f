import { InfoCard } from '@backstage/core-components';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import { GROUP_STATES, groupStateLabel } from '../../lib/monitoring';
import {
  ClusterFilters,
  clusterLabel,
  useClusterSelection,
} from '../ClusterFilters';
import { ConsumerGroupTable } from './ConsumerGroupTable';
import { OwnershipToggle, useOwnershipFilter } from '../OwnershipToggle';

/**
 * The consumer groups of one cluster with their lag and status: searched
 * (debounced), filtered by Kafka's group state and paged by the backend.
 */
export const ConsumerGroupsTab = () => {
  const { selection, placeholder } = useClusterSelection();
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const [state, setState] = useState('');
  const { owned, setOwned } = useOwnershipFilter(selection);
  useDebounce(() => setQuery(search.trim()), 300, [search]);

  if (!selection) return placeholder;
  const { cluster } = selection;

  return (
    <InfoCard title="Consumer groups" subheader={clusterLabel(cluster)}>
      <ClusterFilters selection={selection} idPrefix="consumer-groups">
        <OwnershipToggle
          noun="consumer groups"
          owned={owned}
          onChange={setOwned}
        />
        <TextField
          variant="standard"
          id="consumer-groups-search"
          label="Search consumer groups"
          type="search"
          value={search}
          onChange={e => setSearch(e.target.value)}
        />
        <TextField
          variant="standard"
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
      </ClusterFilters>
      <ConsumerGroupTable
        key={`${cluster.name}|${query}|${state}|${owned}`}
        cluster={cluster.name}
        query={query}
        state={state || undefined}
        owned={owned}
        onShowAll={() => setOwned(false)}
      />
    </InfoCard>
  );
};
