import type {
  CdcDatabase,
  ClusterListResponse,
} from '@eventport/plugin-event-streaming-common';
import Box from '@mui/material/Box';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { errorTextSx } from '../../lib/styles';

export interface PipelineBasics {
  entityRef: string;
  cluster: string;
  name: string;
  topicPrefix: string;
}

/** A pipeline name and topic prefix proposed for a database. */
export function proposeBasics(
  database: CdcDatabase,
  clusters: ClusterListResponse,
): Pick<PipelineBasics, 'name' | 'topicPrefix'> {
  const base = database.entityRef
    .split('/')
    .pop()!
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const name = `${/^[a-z]/.test(base) ? base : `db-${base}`}-cdc`.slice(0, 40);
  const namespace =
    clusters.namespaces.find(ns => ns.owned && ns.owner === database.owner) ??
    clusters.namespaces.find(ns => ns.owned);
  return {
    name,
    topicPrefix: namespace ? `${namespace.prefix}cdc.${base}` : '',
  };
}

/** Step 1: the catalog database, the cluster, the pipeline's name and topic prefix. */
export const DatabaseStep = (props: {
  databases: CdcDatabase[];
  clusters: ClusterListResponse;
  value: PipelineBasics;
  onChange: (value: PipelineBasics) => void;
}) => {
  const { databases, clusters, value, onChange } = props;
  const database = databases.find(d => d.entityRef === value.entityRef);
  const owned = clusters.namespaces.filter(ns => ns.owned).map(ns => ns.prefix);
  return (
    <Box
      display="flex"
      flexDirection="column"
      maxWidth={640}
      style={{ gap: 16 }}
    >
      <TextField
        select
        id="cdc-database"
        label="Database"
        value={value.entityRef}
        variant="outlined"
        helperText="Catalog resources of type database with the eventport.io/cdc-source annotation"
        onChange={e => {
          const picked = databases.find(d => d.entityRef === e.target.value);
          onChange({
            ...value,
            entityRef: e.target.value,
            ...(picked ? proposeBasics(picked, clusters) : {}),
          });
        }}
      >
        {databases.map(d => (
          <MenuItem key={d.entityRef} value={d.entityRef} disabled={!d.usable}>
            {d.title} ({d.entityRef})
            {d.usable
              ? ''
              : ` — owned by ${d.owner ?? 'nobody'}, not usable by your groups`}
          </MenuItem>
        ))}
      </TextField>
      {database && (
        <Typography
          variant="body2"
          sx={database.source ? undefined : errorTextSx}
        >
          {database.source
            ? `${database.source.type} at ${database.source.host}:${database.source.port}, database ${database.source.database}, as ${database.source.user}`
            : `Connection '${database.sourceId}' is not configured in eventStreaming.cdc.sources: ask the platform team to add it.`}
        </Typography>
      )}
      <TextField
        select
        id="cdc-cluster"
        label="Kafka cluster"
        value={value.cluster}
        variant="outlined"
        onChange={e => onChange({ ...value, cluster: e.target.value })}
      >
        {clusters.clusters.map(c => (
          <MenuItem key={c.name} value={c.name}>
            {c.name} ({c.environment})
          </MenuItem>
        ))}
      </TextField>
      <TextField
        id="cdc-name"
        label="Pipeline name"
        value={value.name}
        variant="outlined"
        helperText="3 to 40 lowercase letters, digits or '-'; names the connector, replication slot and publication"
        onChange={e => onChange({ ...value, name: e.target.value })}
      />
      <TextField
        id="cdc-prefix"
        label="Topic prefix"
        value={value.topicPrefix}
        variant="outlined"
        helperText={`Change topics are <prefix>.<schema>.<table>. It must lie in a namespace you own: ${
          owned.join(', ') || 'your groups own none'
        }`}
        onChange={e => onChange({ ...value, topicPrefix: e.target.value })}
      />
    </Box>
  );
};
