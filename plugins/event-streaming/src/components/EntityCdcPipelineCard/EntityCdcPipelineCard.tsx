import { InfoCard, Progress } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@mui/material/Grid';
import Typography from '@mui/material/Typography';
import useAsync from 'react-use/esm/useAsync';
import { eventStreamingApiRef } from '../../api';
import { pipelineIdOf } from '../../lib/entity';
import { cdcPipelineRouteRef } from '../../routes';
import { CdcStatusChip } from '../CdcReview/CdcStatusChip';
import { PipelineLiveCard } from '../CdcPipelinePage/PipelineLiveCard';
import { EntityRef } from '../EntityRef';
import { ErrorAlert } from '../ErrorAlert';
import { WordSafeTables } from '../WordSafeTables';

/**
 * The CDC pipeline of a cdc-pipeline entity: its status, source, owner and
 * what it does now (connector, tables, change topics and their readers).
 */
const EntityCdcPipelineCardBody = () => {
  const { entity } = useEntity();
  const id = pipelineIdOf(entity);
  const api = useApi(eventStreamingApiRef);
  const pipelineRoute = useRouteRef(cdcPipelineRouteRef);
  const status = useAsync(() => api.getCdcPipelineStatus(id), [api, id]);

  if (status.error) {
    return (
      <ErrorAlert
        error={status.error}
        title="Could not load the CDC pipeline"
      />
    );
  }
  if (status.loading || !status.value) {
    return <Progress aria-label="Loading the CDC pipeline" />;
  }
  const { pipeline, live } = status.value;
  return (
    <Grid container spacing={2}>
      <Grid item xs={12}>
        <InfoCard
          title={`CDC pipeline ${pipeline.name}`}
          deepLink={{
            title: 'Open in Event Streaming',
            link: pipelineRoute({ id: pipeline.id }),
          }}
        >
          <Typography variant="body2" component="div">
            <CdcStatusChip status={pipeline.status} error={pipeline.error} />
          </Typography>
          <Typography variant="body2">
            From{' '}
            <EntityRef
              entityRef={pipeline.sourceEntityRef}
              defaultKind="resource"
            />{' '}
            ({pipeline.sourceType}) to cluster {pipeline.cluster}, owned by{' '}
            <EntityRef entityRef={pipeline.owner} />;{' '}
            {pipeline.artefacts.tables.length}{' '}
            {pipeline.artefacts.tables.length === 1 ? 'table' : 'tables'}.
          </Typography>
          {pipeline.error && (
            <Typography variant="body2" role="alert">
              {pipeline.error}
            </Typography>
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <PipelineLiveCard pipeline={pipeline} live={live} />
      </Grid>
    </Grid>
  );
};

/** EntityCdcPipelineCardBody, whose tables wrap only at white space and separators. */
export const EntityCdcPipelineCard = () => (
  <WordSafeTables>
    <EntityCdcPipelineCardBody />
  </WordSafeTables>
);
