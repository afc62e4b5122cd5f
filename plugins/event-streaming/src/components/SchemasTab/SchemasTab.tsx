import { EmptyState, InfoCard } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import type { SchemaFormat } from '@eventport/plugin-event-streaming-common';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import AddIcon from '@mui/icons-material/Add';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import useDebounce from 'react-use/esm/useDebounce';
import { FORMAT_LABELS } from '../../lib/schemas';
import { schemaRouteRef } from '../../routes';
import {
  ClusterFilters,
  clusterLabel,
  useClusterSelection,
} from '../ClusterFilters';
import { RegisterSchemaDialog } from '../RegisterSchemaDialog';
import { SchemaTable } from './SchemaTable';
import { WRAPPING_HEADER } from '../../lib/styles';
import { OwnershipToggle, useOwnershipFilter } from '../OwnershipToggle';

/**
 * The schema artifacts of one cluster's registry: searched, filtered by
 * type, with a form to register a new schema.
 */
export const SchemasTab = () => {
  const { selection, placeholder } = useClusterSelection();
  const navigate = useNavigate();
  const schemaRoute = useRouteRef(schemaRouteRef);
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const [type, setType] = useState<SchemaFormat | ''>('');
  const [registering, setRegistering] = useState(false);
  const { owned, setOwned } = useOwnershipFilter(selection);
  useDebounce(() => setQuery(search.trim()), 300, [search]);

  if (!selection) return placeholder;
  const { cluster } = selection;

  return (
    <InfoCard
      title="Schemas"
      subheader={clusterLabel(cluster)}
      headerStyle={WRAPPING_HEADER}
      action={
        <Button
          variant="contained"
          color="primary"
          startIcon={<AddIcon />}
          onClick={() => setRegistering(true)}
          disabled={!cluster.schemaRegistry}
        >
          Register schema
        </Button>
      }
    >
      <ClusterFilters selection={selection} idPrefix="schemas">
        <OwnershipToggle noun="schemas" owned={owned} onChange={setOwned} />
        <TextField
          variant="standard"
          id="schemas-search"
          label="Search schemas"
          type="search"
          value={search}
          onChange={e => setSearch(e.target.value)}
        />
        <TextField
          variant="standard"
          select
          id="schemas-type"
          label="Type"
          value={type}
          onChange={e => setType(e.target.value as SchemaFormat | '')}
          SelectProps={{ native: true }}
          InputLabelProps={{ shrink: true }}
        >
          <option value="">All types</option>
          {(Object.keys(FORMAT_LABELS) as SchemaFormat[]).map(f => (
            <option key={f} value={f}>
              {FORMAT_LABELS[f]}
            </option>
          ))}
        </TextField>
      </ClusterFilters>
      {cluster.schemaRegistry ? (
        <SchemaTable
          key={`${cluster.name}|${query}|${type}|${owned}`}
          cluster={cluster.name}
          query={query}
          type={type || undefined}
          owned={owned}
          onShowAll={() => setOwned(false)}
        />
      ) : (
        <EmptyState
          missing="content"
          title="No schema registry configured"
          description={`Cluster ${cluster.name} has no schema registry. A platform engineer adds one with eventStreaming.clusters[].schemaRegistry.url (Apicurio Registry 3, e.g. http://registry:8080/apis/registry/v3).`}
        />
      )}
      {registering && (
        <RegisterSchemaDialog
          cluster={cluster.name}
          onClose={() => setRegistering(false)}
          onRegistered={result =>
            navigate(
              schemaRoute({
                cluster: cluster.name,
                groupId: result.artifact.groupId,
                artifactId: result.artifact.artifactId,
              }),
            )
          }
        />
      )}
    </InfoCard>
  );
};
