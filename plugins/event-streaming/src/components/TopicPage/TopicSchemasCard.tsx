import { InfoCard, Link, Progress } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import type { ClusterInfo } from '@eventport/plugin-event-streaming-common';
import Typography from '@mui/material/Typography';
import useAsync from 'react-use/esm/useAsync';
import { eventStreamingApiRef } from '../../api';
import { formatLabel } from '../../lib/schemas';
import { schemaRouteRef, schemasRouteRef } from '../../routes';
import { ErrorAlert } from '../ErrorAlert';

/** Links to the topic's value and key schemas (`<topic>-value`, `<topic>-key`). */
export const TopicSchemasCard = (props: {
  cluster?: ClusterInfo;
  topic: string;
}) => {
  const { cluster, topic } = props;
  const api = useApi(eventStreamingApiRef);
  const schemaRoute = useRouteRef(schemaRouteRef);
  const schemasRoute = useRouteRef(schemasRouteRef);
  const hasRegistry = Boolean(cluster?.schemaRegistry);
  const schemas = useAsync(
    async () =>
      hasRegistry && cluster
        ? (await api.listSchemas(cluster.name, { topic })).items
        : [],
    [api, cluster?.name, topic, hasRegistry],
  );

  let body;
  if (!cluster) {
    body = (
      <Typography variant="body2">
        The cluster's details did not load.
      </Typography>
    );
  } else if (!hasRegistry) {
    body = (
      <Typography variant="body2">
        Cluster {cluster.name} has no schema registry configured.
      </Typography>
    );
  } else if (schemas.error) {
    body = (
      <ErrorAlert
        error={schemas.error}
        title="Could not load the topic's schemas"
      />
    );
  } else if (schemas.loading || !schemas.value) {
    body = <Progress aria-label="Loading the topic's schemas" />;
  } else if (schemas.value.length === 0) {
    body = (
      <Typography variant="body2">
        No schema is registered for this topic. Register one named {topic}-value
        (or {topic}-key) on the{' '}
        <Link to={schemasRoute()} underline="always">
          Schemas tab
        </Link>
        .
      </Typography>
    );
  } else {
    const order = (id: string) => (id.endsWith('-value') ? 0 : 1);
    const sorted = [...schemas.value].sort(
      (a, b) => order(a.artifactId) - order(b.artifactId),
    );
    body = (
      <ul style={{ margin: 0, paddingLeft: 20 }}>
        {sorted.map(s => (
          <li key={`${s.groupId}/${s.artifactId}`}>
            <Typography variant="body2">
              {s.artifactId.endsWith('-key') ? 'Key' : 'Value'} schema:{' '}
              <Link
                to={schemaRoute({
                  cluster: cluster.name,
                  groupId: s.groupId,
                  artifactId: s.artifactId,
                })}
              >
                {s.groupId}/{s.artifactId}
              </Link>{' '}
              ({formatLabel(s.format, s.artifactType)})
            </Typography>
          </li>
        ))}
      </ul>
    );
  }
  return <InfoCard title="Schemas">{body}</InfoCard>;
};
