import {
  EmptyState,
  Link,
  Progress,
  ResponseErrorPanel,
  TableColumn,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import type {
  ConnectorState,
  ConnectorSummary,
} from '@eventport/plugin-event-streaming-common';
import Typography from '@mui/material/Typography';
import { eventStreamingApiRef } from '../../api';
import { shortClassName, TYPE_LABELS } from '../../lib/connectors';
import { errorTextSx } from '../../lib/styles';
import { connectorRouteRef, topicRouteRef } from '../../routes';
import { ConnectorStateChip } from '../ConnectorStateChip';
import { PagedTable, usePagedList } from '../PagedTable';
import { EntityRef } from '../EntityRef';
import { BreakableName } from '../BreakableName';
import { ShowAllButton } from '../OwnershipToggle';

export interface ConnectorTableProps {
  cluster: string;
  query: string;
  state?: ConnectorState;
  type?: 'source' | 'sink';
  owned: boolean;
  /** Leaves "mine" for all, from the empty state. */
  onShowAll?: () => void;
}

/**
 * One page of a cluster's connectors, filtered and paged by the backend.
 * Give it a `key` made of the filters so a new filter starts at the first
 * page.
 */
export const ConnectorTable = (props: ConnectorTableProps) => {
  const { cluster, query, state, type, owned } = props;
  const api = useApi(eventStreamingApiRef);
  const connectorRoute = useRouteRef(connectorRouteRef);
  const topicRoute = useRouteRef(topicRouteRef);
  const { value, loading, error, pager } = usePagedList(
    page =>
      api.listConnectors(cluster, {
        q: query || undefined,
        state,
        type,
        owned: owned || undefined,
        ...page,
      }),
    [api, cluster, query, state, type, owned],
  );

  if (error) {
    return (
      <ResponseErrorPanel error={error} title="Could not list connectors" />
    );
  }
  if (loading && !value) {
    return <Progress aria-label="Loading connectors" />;
  }
  if (!value || value.totalCount === 0) {
    const filtered = !!(query || state || type);
    let description = `Kafka Connect of ${cluster} runs no connectors yet. Create one with the button above; it runs once an approver approves it.`;
    if (filtered)
      description = `No connector in ${cluster} matches these filters.`;
    else if (owned)
      description = `Your teams own no connectors in ${cluster} yet. Create one with the button above; it runs once an approver approves it.`;
    return (
      <EmptyState
        missing="data"
        title={filtered ? 'No matching connectors' : 'No connectors'}
        description={description}
        action={
          owned && props.onShowAll ? (
            <ShowAllButton noun="connectors" onClick={props.onShowAll} />
          ) : undefined
        }
      />
    );
  }

  const columns: TableColumn<ConnectorSummary>[] = [
    {
      title: 'Connector',
      highlight: true,
      render: row => (
        <Link to={connectorRoute({ cluster, name: row.name })}>{row.name}</Link>
      ),
    },
    { title: 'Type', render: row => TYPE_LABELS[row.type] },
    {
      title: 'Class',
      render: row => (
        <span title={row.className}>{shortClassName(row.className)}</span>
      ),
    },
    {
      title: 'State',
      render: row => <ConnectorStateChip state={row.state} tasks={row.tasks} />,
    },
    {
      title: 'Tasks',
      render: row => (
        <>
          <Typography variant="body2" component="span">
            {row.tasks.running}/{row.tasks.total} running
          </Typography>
          {row.tasks.failed > 0 && (
            <Typography variant="body2" display="block" sx={errorTextSx}>
              {row.tasks.failed} failed
            </Typography>
          )}
        </>
      ),
    },
    {
      title: 'Topics',
      render: row =>
        row.topics.length === 0
          ? '—'
          : row.topics.map((topic, i) => (
              <span key={topic}>
                {i > 0 && ', '}
                <Link to={topicRoute({ cluster, topic })}>
                  <BreakableName name={topic} />
                </Link>
              </span>
            )),
    },
    { title: 'Owner', render: row => <EntityRef entityRef={row.owner} /> },
  ];

  return (
    <PagedTable<ConnectorSummary>
      columns={columns}
      items={value.items}
      totalCount={value.totalCount}
      loading={loading}
      {...pager}
    />
  );
};
