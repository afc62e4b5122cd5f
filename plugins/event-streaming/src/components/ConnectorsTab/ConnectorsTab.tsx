import { EmptyState, InfoCard } from '@backstage/core-components';
import {
  ConnectorState,
  connectorStateSchema,
} from '@eventport/plugin-event-streaming-common';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import AddIcon from '@mui/icons-material/Add';
import { useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import { STATE_LABELS } from '../../lib/connectors';
import { CreateConnectorDialog } from '../CreateConnectorDialog';
import {
  ClusterFilters,
  clusterLabel,
  useClusterSelection,
} from '../ClusterFilters';
import { ConnectorTable } from './ConnectorTable';
import { WRAPPING_HEADER } from '../../lib/styles';
import { OwnershipToggle, useOwnershipFilter } from '../OwnershipToggle';

type TypeFilter = 'source' | 'sink' | '';

/** The config key that gives a cluster its Kafka Connect. */
export const CONNECT_CONFIG_KEY = 'eventStreaming.clusters[].connect.url';

/**
 * The connectors of one cluster's Kafka Connect: searched, filtered by
 * state, type and ownership, with a form to request a new connector.
 */
export const ConnectorsTab = () => {
  const { selection, placeholder } = useClusterSelection();
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const [state, setState] = useState<ConnectorState | ''>('');
  const [type, setType] = useState<TypeFilter>('');
  const [creating, setCreating] = useState(false);
  const { owned, setOwned } = useOwnershipFilter(selection);
  useDebounce(() => setQuery(search.trim()), 300, [search]);

  if (!selection) return placeholder;
  const { cluster } = selection;

  return (
    <InfoCard
      title="Connectors"
      subheader={clusterLabel(cluster)}
      headerStyle={WRAPPING_HEADER}
      action={
        <Button
          variant="contained"
          color="primary"
          startIcon={<AddIcon />}
          onClick={() => setCreating(true)}
          disabled={!cluster.connect}
        >
          Create connector
        </Button>
      }
    >
      <ClusterFilters selection={selection} idPrefix="connectors">
        {cluster.connect && (
          <>
            <OwnershipToggle
              noun="connectors"
              owned={owned}
              onChange={setOwned}
            />
            <TextField
              variant="standard"
              id="connectors-search"
              label="Search connectors"
              type="search"
              value={search}
              onChange={e => setSearch(e.target.value)}
            />
            <TextField
              variant="standard"
              select
              id="connectors-state"
              label="State"
              value={state}
              onChange={e => setState(e.target.value as ConnectorState | '')}
              SelectProps={{ native: true }}
              InputLabelProps={{ shrink: true }}
            >
              <option value="">All states</option>
              {connectorStateSchema.options.map(s => (
                <option key={s} value={s}>
                  {STATE_LABELS[s]}
                </option>
              ))}
            </TextField>
            <TextField
              variant="standard"
              select
              id="connectors-type"
              label="Type"
              value={type}
              onChange={e => setType(e.target.value as TypeFilter)}
              SelectProps={{ native: true }}
              InputLabelProps={{ shrink: true }}
            >
              <option value="">Sources and sinks</option>
              <option value="source">Source</option>
              <option value="sink">Sink</option>
            </TextField>
          </>
        )}
      </ClusterFilters>
      {cluster.connect ? (
        <ConnectorTable
          key={`${cluster.name}|${query}|${state}|${type}|${owned}`}
          cluster={cluster.name}
          query={query}
          state={state || undefined}
          type={type || undefined}
          owned={owned}
          onShowAll={() => setOwned(false)}
        />
      ) : (
        <EmptyState
          missing="content"
          title="Kafka Connect is not configured for this cluster"
          description={`Cluster ${cluster.name} has no Kafka Connect, so it has no connectors here. A platform engineer adds one with ${CONNECT_CONFIG_KEY} in app-config.yaml: the REST address of a Connect worker of the cluster, e.g. http://connect:8083.`}
        />
      )}
      {creating && (
        <CreateConnectorDialog
          cluster={cluster.name}
          namespaces={selection.list.namespaces}
          onClose={() => setCreating(false)}
        />
      )}
    </InfoCard>
  );
};
