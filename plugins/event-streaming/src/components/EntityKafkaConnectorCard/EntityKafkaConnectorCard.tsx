import { Progress } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import type { ConnectorTask } from '@eventport/plugin-event-streaming-common';
import Grid from '@mui/material/Grid';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { eventStreamingApiRef } from '../../api';
import { connectorOf } from '../../lib/entity';
import { connectorRouteRef } from '../../routes';
import { ConnectorOverviewCard } from '../ConnectorPage/ConnectorOverviewCard';
import { ConnectorTasksCard } from '../ConnectorPage/ConnectorTasksCard';
import { ErrorAlert } from '../ErrorAlert';
import { WordSafeTables } from '../WordSafeTables';

/**
 * The connector of a kafka-connector entity, read live from Kafka Connect:
 * its state and its tasks, which owners restart from here.
 */
const EntityKafkaConnectorCardBody = () => {
  const { entity } = useEntity();
  const { cluster, name } = connectorOf(entity);
  const api = useApi(eventStreamingApiRef);
  const connectorRoute = useRouteRef(connectorRouteRef);
  const detail = useAsyncRetry(
    () => api.getConnector(cluster, name),
    [api, cluster, name],
  );
  const [busyTask, setBusyTask] = useState<number>();
  const [outcome, setOutcome] = useState<
    { done: string } | { error: unknown; title: string }
  >();

  const restartTask = async (task: ConnectorTask) => {
    setBusyTask(task.id);
    setOutcome(undefined);
    try {
      await api.restartConnectorTask(cluster, name, task.id);
      setOutcome({ done: `Restarted task ${task.id} of ${name}.` });
    } catch (error) {
      setOutcome({ error, title: `Could not restart task ${task.id}` });
    } finally {
      setBusyTask(undefined);
      detail.retry();
    }
  };

  if (detail.error && !detail.value) {
    return (
      <ErrorAlert
        error={detail.error}
        title={`Could not load connector ${name}`}
      />
    );
  }
  if (!detail.value)
    return <Progress aria-label={`Loading connector ${name}`} />;
  return (
    <Grid container spacing={2}>
      {outcome && (
        <Grid item xs={12}>
          {'done' in outcome ? (
            <Typography variant="body2" role="status">
              {outcome.done}
            </Typography>
          ) : (
            <ErrorAlert error={outcome.error} title={outcome.title} />
          )}
        </Grid>
      )}
      {/* Stacked: an entity page's content column is narrower than a page. */}
      <Grid item xs={12}>
        <ConnectorOverviewCard
          connector={detail.value}
          cluster={cluster}
          deepLink={{
            title: 'Open in Event Streaming',
            link: connectorRoute({ cluster, name }),
          }}
        />
      </Grid>
      <Grid item xs={12}>
        <ConnectorTasksCard
          connector={detail.value}
          busyTask={busyTask}
          onRestartTask={restartTask}
        />
      </Grid>
    </Grid>
  );
};

/** EntityKafkaConnectorCardBody, whose tables wrap only at white space and separators. */
export const EntityKafkaConnectorCard = () => (
  <WordSafeTables>
    <EntityKafkaConnectorCardBody />
  </WordSafeTables>
);
