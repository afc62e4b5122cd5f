import {
  Content,
  Header,
  InfoCard,
  Link,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import {
  approvalSubjects,
  type CdcPipelineActionResponse,
} from '@eventport/plugin-event-streaming-common';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Grid from '@mui/material/Grid';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { Link as RouterLink, useParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { eventStreamingApiRef } from '../../api';
import { usePollTick } from '../../hooks/usePollTick';
import { approvalsRouteRef, cdcPipelinesRouteRef } from '../../routes';
import {
  CdcStatusChip,
  CdcTablesTable,
  ManifestList,
  PreflightList,
} from '../CdcReview';
import { ConnectorConfigTable } from '../ConnectorConfig';
import { DecommissionDialog } from './DecommissionDialog';
import { PauseResumeDialog } from './PauseResumeDialog';
import { PipelineLiveCard } from './PipelineLiveCard';
import { EntityRef } from '../EntityRef';
import { OpenRequestsBanner, useOpenRequests } from '../OpenRequests';
import { neutralOutlinedButtonSx } from '../../lib/styles';

/** Connector states in which the pipeline is paused: Resume is offered. */
const STOPPED = ['STOPPED', 'PAUSED'];

/** How often the page reads the pipeline's live state. */
export const PIPELINE_POLL_MS = 5_000;

/** One CDC pipeline: its review and deployment, what runs now, and what was generated. */
export const CdcPipelinePage = () => {
  const { id = '' } = useParams();
  const api = useApi(eventStreamingApiRef);
  const approvalsRoute = useRouteRef(approvalsRouteRef);
  const pipelinesRoute = useRouteRef(cdcPipelinesRouteRef);
  const tick = usePollTick(PIPELINE_POLL_MS);
  const status = useAsyncRetry(
    () => api.getCdcPipelineStatus(id),
    [api, id, tick],
  );
  const [decommissioning, setDecommissioning] = useState(false);
  // The pipeline's open requests (its review, a change, a decommission),
  // from the server: one at a time per pipeline.
  const openRequests = useOpenRequests(approvalSubjects.cdcPipeline(id));
  const busyWithRequest = openRequests.requests.length > 0;
  const [operating, setOperating] = useState<'pause' | 'resume'>();
  const [operated, setOperated] = useState<CdcPipelineActionResponse>();

  let content;
  if (!status.value && status.loading) {
    content = <Progress />;
  } else if (!status.value && status.error) {
    content = <ResponseErrorPanel error={status.error} />;
  } else if (status.value) {
    const { pipeline, live } = status.value;
    const d = pipeline.deployment;
    content = (
      <Grid container spacing={3}>
        <Grid item xs={12} md={5}>
          <InfoCard title="Pipeline">
            <Typography variant="body2" component="div">
              <CdcStatusChip status={pipeline.status} error={pipeline.error} />
            </Typography>
            <Typography variant="body2">
              From{' '}
              <EntityRef
                entityRef={pipeline.sourceEntityRef}
                defaultKind="resource"
              />{' '}
              ({pipeline.sourceType}) to cluster {pipeline.cluster}; owned by{' '}
              <EntityRef entityRef={pipeline.owner} />; requested by{' '}
              <EntityRef entityRef={pipeline.requestedBy} defaultKind="user" />{' '}
              on {new Date(pipeline.createdAt).toLocaleString()}.
            </Typography>
            <Typography variant="body2">Reason: {pipeline.reason}</Typography>
            {pipeline.error && (
              <Typography variant="body2" role="alert">
                {pipeline.error}
              </Typography>
            )}
            {pipeline.approvalId && (
              <Typography variant="body2">
                Security review:{' '}
                <Link to={approvalsRoute()}>
                  request {pipeline.approvalId.slice(0, 8)}
                </Link>
              </Typography>
            )}
            {d?.mode === 'gitops' && d.commit && (
              <Typography variant="body2">
                Committed on branch <code>{d.branch}</code> at{' '}
                <code>{d.commit?.slice(0, 12)}</code>
                {d.pullRequestUrl && (
                  <>
                    {' '}
                    — <Link to={d.pullRequestUrl}>pull request</Link>
                  </>
                )}
                {d.pullRequestError &&
                  ` (no pull request: ${d.pullRequestError})`}
              </Typography>
            )}
            {d?.mode === 'direct' && (
              <Typography variant="body2">
                Created directly through Kafka Connect.
              </Typography>
            )}
            {d?.removal && (
              <Typography variant="body2">
                {d.removal.commit ? (
                  <>
                    Removal committed on branch <code>{d.removal.branch}</code>{' '}
                    at <code>{d.removal.commit.slice(0, 12)}</code>
                    {d.removal.pullRequestUrl && (
                      <>
                        {' '}
                        —{' '}
                        <Link to={d.removal.pullRequestUrl}>pull request</Link>
                      </>
                    )}
                    {d.removal.pullRequestError &&
                      ` (no pull request: ${d.removal.pullRequestError})`}
                    .
                  </>
                ) : (
                  'No manifest of the pipeline was on the base branch, so there was nothing to commit.'
                )}
              </Typography>
            )}
            {d?.removed && (
              <Typography variant="body2">
                Removed:{' '}
                {d.removed.length ? d.removed.join(', ') : 'nothing was left'}.
              </Typography>
            )}
            {operated && (
              <Typography variant="body2" role="status">
                {operated.message}
              </Typography>
            )}
            {d?.change && (
              <Typography variant="body2">
                Latest change committed on branch <code>{d.change.branch}</code>{' '}
                at <code>{d.change.commit.slice(0, 12)}</code>
                {d.change.pullRequestUrl && (
                  <>
                    {' '}
                    — <Link to={d.change.pullRequestUrl}>pull request</Link>
                  </>
                )}
                {d.change.pullRequestError &&
                  ` (no pull request: ${d.change.pullRequestError})`}
                ; the operator applies it once it is merged.
              </Typography>
            )}
            <OpenRequestsBanner
              requests={openRequests.requests}
              error={openRequests.error}
              onChanged={() => {
                openRequests.retry();
                status.retry();
              }}
            />
            {pipeline.status === 'deployed' && !busyWithRequest && (
              <Box my={1}>
                <Button
                  color="inherit"
                  sx={neutralOutlinedButtonSx}
                  variant="outlined"
                  component={RouterLink}
                  // A button to assistive technology, as in MUI v4 (v5 leaves a
                  // router link a link).
                  role="button"
                  to="change"
                >
                  Change tables and columns…
                </Button>
              </Box>
            )}
            {pipeline.status === 'deployed' && live.connector && (
              <Box my={1}>
                {STOPPED.includes(live.connector.state) ? (
                  <Button
                    color="inherit"
                    sx={neutralOutlinedButtonSx}
                    variant="outlined"
                    onClick={() => setOperating('resume')}
                  >
                    Resume…
                  </Button>
                ) : (
                  <Button
                    color="inherit"
                    sx={neutralOutlinedButtonSx}
                    variant="outlined"
                    onClick={() => setOperating('pause')}
                  >
                    Pause…
                  </Button>
                )}
              </Box>
            )}
            {!busyWithRequest &&
              (pipeline.status === 'deployed' ||
                pipeline.status === 'committed' ||
                pipeline.status === 'failed') && (
                <Button
                  variant="outlined"
                  color="secondary"
                  onClick={() => setDecommissioning(true)}
                >
                  Decommission…
                </Button>
              )}
          </InfoCard>
          {operating && (
            <PauseResumeDialog
              pipeline={pipeline}
              live={live}
              action={operating}
              onClose={() => setOperating(undefined)}
              onDone={result => {
                setOperating(undefined);
                setOperated(result);
                status.retry();
              }}
            />
          )}
          {decommissioning && (
            <DecommissionDialog
              pipeline={pipeline}
              onClose={() => setDecommissioning(false)}
              onRequested={() => {
                setDecommissioning(false);
                openRequests.retry();
              }}
            />
          )}
        </Grid>
        <Grid item xs={12} md={7}>
          <PipelineLiveCard pipeline={pipeline} live={live} />
        </Grid>
        <Grid item xs={12}>
          <InfoCard title="Tables, topics and columns">
            <CdcTablesTable tables={pipeline.artefacts.tables} />
          </InfoCard>
        </Grid>
        <Grid item xs={12} md={6}>
          <InfoCard title="Pre-flight checks at submission">
            <PreflightList checks={pipeline.preflight} />
          </InfoCard>
        </Grid>
        <Grid item xs={12} md={6}>
          <InfoCard title="Debezium connector config">
            <ConnectorConfigTable
              config={pipeline.artefacts.connectorConfig}
              label={`Config of ${pipeline.artefacts.connectorName}`}
            />
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <InfoCard title="Strimzi manifests">
            <ManifestList manifests={pipeline.artefacts.manifests} />
          </InfoCard>
        </Grid>
      </Grid>
    );
  }
  return (
    <Page themeId="tool">
      <Header
        title={status.value ? status.value.pipeline.name : 'CDC pipeline'}
        subtitle={
          status.value
            ? `CDC pipeline from ${status.value.pipeline.sourceEntityRef} into ${status.value.pipeline.cluster}`
            : undefined
        }
        type="CDC pipelines"
        typeLink={pipelinesRoute()}
      />
      <Content>{content}</Content>
    </Page>
  );
};
