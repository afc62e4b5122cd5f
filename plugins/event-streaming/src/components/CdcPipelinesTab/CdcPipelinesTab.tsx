import {
  EmptyState,
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import Button from '@mui/material/Button';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import AddIcon from '@mui/icons-material/Add';
import { Fragment } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { eventStreamingApiRef } from '../../api';
import { tableHeadSx, WRAPPING_HEADER } from '../../lib/styles';
import { cdcPipelineRouteRef, cdcWizardRouteRef } from '../../routes';
import { CdcStatusChip } from '../CdcReview';
import { BreakableName } from '../BreakableName';
import { EntityRef } from '../EntityRef';
import { ScrollingTable } from '../ScrollingTable';

/** The CDC pipelines, newest first, with the way to set up a new one. */
export const CdcPipelinesTab = () => {
  const api = useApi(eventStreamingApiRef);
  const wizardRoute = useRouteRef(cdcWizardRouteRef);
  const pipelineRoute = useRouteRef(cdcPipelineRouteRef);
  const pipelines = useAsyncRetry(
    () => api.listCdcPipelines({ limit: 100 }),
    [api],
  );

  const action = (
    <Button
      variant="contained"
      color="primary"
      startIcon={<AddIcon />}
      component={RouterLink}
      // A button to assistive technology, as in MUI v4 (v5 leaves a
      // router link a link).
      role="button"
      to={wizardRoute()}
    >
      New CDC pipeline
    </Button>
  );

  if (pipelines.loading && !pipelines.value) return <Progress />;
  if (pipelines.error) return <ResponseErrorPanel error={pipelines.error} />;
  const items = pipelines.value?.items ?? [];
  if (items.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No CDC pipelines yet"
        description="A CDC pipeline streams the row changes of a catalog database into Kafka topics, with Avro schemas in the registry. The wizard picks the tables and columns, generates the Debezium connector, and sends it to the security review."
        action={action}
      />
    );
  }
  return (
    <InfoCard
      title="CDC pipelines"
      subheader="Change data capture from catalog databases"
      headerStyle={WRAPPING_HEADER}
      action={action}
    >
      <ScrollingTable size="small" aria-label="CDC pipelines">
        <TableHead sx={tableHeadSx}>
          <TableRow>
            <TableCell>Pipeline</TableCell>
            <TableCell>Source</TableCell>
            <TableCell>Cluster</TableCell>
            <TableCell>Tables</TableCell>
            <TableCell>Owner</TableCell>
            <TableCell>Status</TableCell>
            <TableCell>Requested</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {items.map(p => (
            <TableRow key={p.id}>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                <Link to={pipelineRoute({ id: p.id })}>{p.name}</Link>
              </TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                {p.sourceEntityRef}
              </TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{p.cluster}</TableCell>
              <TableCell>
                {p.artefacts.tables.map((t, i) => (
                  <Fragment key={`${t.schema}.${t.table}`}>
                    {i > 0 && ', '}
                    <BreakableName name={`${t.schema}.${t.table}`} />
                  </Fragment>
                ))}
              </TableCell>
              <TableCell>
                <EntityRef entityRef={p.owner} />
              </TableCell>
              <TableCell>
                <CdcStatusChip status={p.status} error={p.error} />
              </TableCell>
              <TableCell>
                {new Date(p.createdAt).toLocaleString()} by{' '}
                <EntityRef entityRef={p.requestedBy} defaultKind="user" />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </ScrollingTable>
    </InfoCard>
  );
};
