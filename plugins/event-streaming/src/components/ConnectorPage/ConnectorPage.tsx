import {
  Content,
  Header,
  InfoCard,
  Page,
  Progress,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import {
  approvalSubjects,
  type ConnectorActionResponse,
  type ConnectorTask,
} from '@eventport/plugin-event-streaming-common';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Grid from '@mui/material/Grid';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { eventStreamingApiRef } from '../../api';
import { STATE_LABELS, TYPE_LABELS } from '../../lib/connectors';
import { connectorsRouteRef } from '../../routes';
import { PageError } from '../PageError';
import { ActionDialog } from '../ActionDialog';
import { DeleteConnectorDialog } from '../DeleteConnectorDialog';
import { EditConnectorConfigDialog } from '../EditConnectorConfigDialog';
import { ErrorAlert } from '../ErrorAlert';
import { OpenRequestsBanner, useOpenRequests } from '../OpenRequests';
import {
  ConnectorActionsCard,
  ConnectorPageAction,
} from './ConnectorActionsCard';
import { ConnectorConfigCard } from './ConnectorConfigCard';
import { ConnectorOverviewCard } from './ConnectorOverviewCard';
import { ConnectorTaskHealthCard } from './ConnectorTaskHealthCard';
import { ConnectorTasksCard } from './ConnectorTasksCard';
import { ConnectorTopicsCard } from './ConnectorTopicsCard';
import { Trace } from './Trace';

const DONE: Record<ConnectorActionResponse['action'], string> = {
  pause: 'Paused',
  resume: 'Resumed',
  stop: 'Stopped',
  restart: 'Restarted',
  'restart-task': 'Restarted',
};

type Notice = { kind: 'done'; text: string };

/**
 * One connector: overview, the self-service actions for its owners,
 * traces of what failed, its tasks, topics and (masked) config, and the
 * requests to change its config or delete it.
 */
export const ConnectorPage = () => {
  const params = useParams();
  const cluster = params.cluster ?? '';
  const name = params.name ?? '';
  const api = useApi(eventStreamingApiRef);
  const connectorsRoute = useRouteRef(connectorsRouteRef);
  // Requests on this connector, from the server (the team's too).
  const openRequests = useOpenRequests(
    approvalSubjects.connector(cluster, name),
  );
  const detail = useAsyncRetry(
    () => api.getConnector(cluster, name),
    [api, cluster, name],
  );
  const [busy, setBusy] = useState<string>();
  const [busyTask, setBusyTask] = useState<number>();
  const [notice, setNotice] = useState<Notice>();
  const [failure, setFailure] = useState<{ title: string; error: unknown }>();
  const [dialog, setDialog] = useState<
    'stop' | 'restart' | 'edit' | 'delete'
  >();
  const [includeTasks, setIncludeTasks] = useState(true);
  const [onlyFailed, setOnlyFailed] = useState(false);

  /** Runs a self-service action, says how it went, and reloads. */
  const run = async (
    what: string,
    action: () => Promise<ConnectorActionResponse>,
    describe: (result: ConnectorActionResponse) => string,
  ) => {
    setBusy(what);
    setNotice(undefined);
    setFailure(undefined);
    try {
      const result = await action();
      setNotice({ kind: 'done', text: describe(result) });
    } catch (e) {
      setFailure({ title: `Could not ${what}`, error: e });
    } finally {
      setBusy(undefined);
      setBusyTask(undefined);
      detail.retry();
    }
  };

  const stateNow = (result: ConnectorActionResponse) =>
    `Kafka Connect now reports the connector as ${STATE_LABELS[
      result.state
    ].toLowerCase()}.`;
  const describe = (result: ConnectorActionResponse) =>
    `${DONE[result.action]} ${result.name}. ${stateNow(result)}`;

  const onAction = (action: ConnectorPageAction) => {
    if (action === 'pause') {
      run('pause', () => api.pauseConnector(cluster, name), describe);
    } else if (action === 'resume') {
      run('resume', () => api.resumeConnector(cluster, name), describe);
    } else {
      setDialog(action);
    }
  };

  const restartTask = (task: ConnectorTask) => {
    setBusyTask(task.id);
    run(
      `restart task ${task.id}`,
      () => api.restartConnectorTask(cluster, name, task.id),
      result =>
        `Restarted task ${task.id} of ${result.name}. ${stateNow(result)}`,
    );
  };

  /** A request was made: the banner of open requests shows it. */
  const requested = () => {
    setDialog(undefined);
    setFailure(undefined);
    setNotice(undefined);
    openRequests.retry();
  };

  let content;
  if (detail.error && !detail.value) {
    content = (
      <PageError
        error={detail.error}
        title={`Could not load connector ${name}`}
        retry={detail.retry}
        back={{ to: connectorsRoute(), label: 'Back to connectors' }}
      />
    );
  } else if (!detail.value) {
    content = <Progress aria-label="Loading connector" />;
  } else {
    const c = detail.value;
    content = (
      <Grid container spacing={3} alignItems="stretch">
        {(openRequests.requests.length > 0 || openRequests.error) && (
          <Grid item xs={12}>
            <OpenRequestsBanner
              requests={openRequests.requests}
              error={openRequests.error}
              onChanged={openRequests.retry}
            />
            {openRequests.requests.length > 0 && (
              <Typography variant="body2" color="textSecondary">
                The connector is unchanged until an approver approves.
              </Typography>
            )}
          </Grid>
        )}
        {(notice || failure || detail.error) && (
          <Grid item xs={12}>
            {notice && (
              <Box role="status">
                <Typography variant="body1">{notice.text}</Typography>
              </Box>
            )}
            <ErrorAlert error={failure?.error} title={failure?.title} />
            <ErrorAlert
              error={detail.error}
              title="Could not reload the connector"
            />
          </Grid>
        )}
        <Grid item xs={12} md={7}>
          <ConnectorOverviewCard connector={c} cluster={cluster} />
        </Grid>
        <Grid item xs={12} md={5}>
          <ConnectorActionsCard connector={c} busy={busy} onAction={onAction} />
        </Grid>
        {c.state === 'FAILED' && c.trace && (
          <Grid item xs={12}>
            <InfoCard
              title="Why the connector failed"
              subheader="The worker's stack trace"
            >
              <Trace label={`Trace of connector ${c.name}`} text={c.trace} />
            </InfoCard>
          </Grid>
        )}
        <Grid item xs={12}>
          <ConnectorTasksCard
            connector={c}
            busyTask={busyTask}
            onRestartTask={restartTask}
          />
        </Grid>
        <Grid item xs={12} md={5}>
          <ConnectorTaskHealthCard cluster={cluster} name={name} />
        </Grid>
        <Grid item xs={12} md={7}>
          <ConnectorTopicsCard connector={c} cluster={cluster} />
        </Grid>
        <Grid item xs={12}>
          <ConnectorConfigCard connector={c} />
        </Grid>
        {dialog === 'stop' && (
          <ActionDialog
            open
            title={`Stop ${c.name}?`}
            confirmLabel="Stop connector"
            destructive
            onClose={() => setDialog(undefined)}
            onConfirm={async () => {
              setDialog(undefined);
              await run(
                'stop',
                () => api.stopConnector(cluster, name),
                describe,
              );
            }}
          >
            <Typography variant="body2">
              Stopping shuts down the connector&apos;s tasks and keeps its
              config; it moves no data until it is resumed. Consumers of its
              topics see no new records meanwhile.
            </Typography>
          </ActionDialog>
        )}
        {dialog === 'restart' && (
          <ActionDialog
            open
            title={`Restart ${c.name}?`}
            confirmLabel="Restart"
            onClose={() => setDialog(undefined)}
            onConfirm={async () => {
              setDialog(undefined);
              await run(
                'restart',
                () =>
                  api.restartConnector(cluster, name, {
                    includeTasks,
                    onlyFailed: includeTasks && onlyFailed,
                  }),
                describe,
              );
            }}
          >
            <Typography variant="body2" paragraph>
              Restarts the connector on its worker.
            </Typography>
            <FormControlLabel
              control={
                <Checkbox
                  checked={includeTasks}
                  onChange={e => setIncludeTasks(e.target.checked)}
                  color="primary"
                />
              }
              label="Include tasks"
            />
            <FormControlLabel
              control={
                <Checkbox
                  checked={includeTasks && onlyFailed}
                  disabled={!includeTasks}
                  onChange={e => setOnlyFailed(e.target.checked)}
                  color="primary"
                />
              }
              label="Only failed connector and tasks"
            />
          </ActionDialog>
        )}
        {dialog === 'edit' && (
          <EditConnectorConfigDialog
            cluster={cluster}
            connector={c}
            onClose={() => setDialog(undefined)}
            onRequested={requested}
          />
        )}
        {dialog === 'delete' && (
          <DeleteConnectorDialog
            cluster={cluster}
            connector={c}
            onClose={() => setDialog(undefined)}
            onRequested={requested}
          />
        )}
      </Grid>
    );
  }

  const kind = detail.value ? TYPE_LABELS[detail.value.type].toLowerCase() : '';
  let subtitle = `Kafka Connect connector in ${cluster}`;
  if (detail.error && !detail.value) subtitle = `Not loaded from ${cluster}`;
  else if (kind && kind !== 'unknown') {
    subtitle = `Kafka Connect ${kind} connector in ${cluster}`;
  }
  return (
    <Page themeId="tool">
      <Header
        title={name}
        subtitle={subtitle}
        type="Connectors"
        typeLink={connectorsRoute()}
      />
      <Content>{content}</Content>
    </Page>
  );
};
