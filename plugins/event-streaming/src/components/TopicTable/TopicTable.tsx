import {
  EmptyState,
  Link,
  Progress,
  ResponseErrorPanel,
  TableColumn,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import {
  formatDurationMs,
  TopicSummary,
} from '@eventport/plugin-event-streaming-common';
import { eventStreamingApiRef } from '../../api';
import { PagedTable, usePagedList } from '../PagedTable';
import { topicRouteRef } from '../../routes';
import { EntityRef } from '../EntityRef';
import { BreakableName } from '../BreakableName';
import { ShowAllButton } from '../OwnershipToggle';

export interface TopicTableProps {
  cluster: string;
  owned: boolean;
  query: string;
  /** Shown by the empty state when only owned topics are listed. */
  onShowAll?: () => void;
}

/**
 * One page of a cluster's topics, paged and searched by the backend. Give it
 * a `key` made of the filters so a new filter starts at the first page.
 */
export const TopicTable = (props: TopicTableProps) => {
  const { cluster, owned, query } = props;
  const api = useApi(eventStreamingApiRef);
  const topicRoute = useRouteRef(topicRouteRef);
  const { value, loading, error, pager } = usePagedList(
    page =>
      api.listTopics(cluster, {
        owned,
        q: query || undefined,
        ...page,
      }),
    [api, cluster, owned, query],
  );

  if (error) {
    return <ResponseErrorPanel error={error} title="Could not list topics" />;
  }
  if (loading && !value) {
    return <Progress aria-label="Loading topics" />;
  }
  if (!value || (value.totalCount === 0 && !loading)) {
    let description = `There are no topics in ${cluster} yet.`;
    if (query) description = `No topic in ${cluster} matches "${query}".`;
    else if (owned) description = `Your team owns no topics in ${cluster} yet.`;
    return (
      <EmptyState
        missing="data"
        title="No topics"
        description={description}
        action={
          owned && props.onShowAll ? (
            <ShowAllButton noun="topics" onClick={props.onShowAll} />
          ) : undefined
        }
      />
    );
  }

  const columns: TableColumn<TopicSummary>[] = [
    {
      title: 'Topic',
      field: 'name',
      highlight: true,
      render: row => (
        <Link to={topicRoute({ cluster, topic: row.name })}>
          <BreakableName name={row.name} />
        </Link>
      ),
    },
    { title: 'Partitions', field: 'partitions', type: 'numeric' },
    { title: 'Replication', field: 'replicationFactor', type: 'numeric' },
    {
      title: 'Retention',
      render: row => formatDurationMs(row.retentionMs),
    },
    { title: 'Cleanup policy', field: 'cleanupPolicy' },
    {
      title: 'Owner',
      render: row => (
        <EntityRef
          entityRef={row.owner}
          fallback={row.internal ? 'Kafka (internal)' : '—'}
        />
      ),
    },
  ];

  return (
    <PagedTable<TopicSummary>
      columns={columns}
      items={value.items}
      totalCount={value.totalCount}
      loading={loading}
      {...pager}
    />
  );
};
