import {
  EmptyState,
  Link,
  Progress,
  ResponseErrorPanel,
  TableColumn,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import type {
  SchemaArtifact,
  SchemaFormat,
} from '@eventport/plugin-event-streaming-common';
import { eventStreamingApiRef } from '../../api';
import { PagedTable, usePagedList } from '../PagedTable';
import { formatTime } from '../../lib/refs';
import { formatLabel } from '../../lib/schemas';
import { schemaRouteRef, topicRouteRef } from '../../routes';
import { EntityRef } from '../EntityRef';
import { BreakableName } from '../BreakableName';
import { ShowAllButton } from '../OwnershipToggle';

export interface SchemaTableProps {
  cluster: string;
  query: string;
  type?: SchemaFormat;
  /** Only the artifacts of the caller's teams. */
  owned?: boolean;
  /** Leaves "mine" for all, from the empty state. */
  onShowAll?: () => void;
}

/**
 * One page of a cluster's schema artifacts, searched and filtered by the
 * backend. Give it a `key` made of the filters so a new filter starts at the
 * first page.
 */
export const SchemaTable = (props: SchemaTableProps) => {
  const { cluster, query, type, owned } = props;
  const api = useApi(eventStreamingApiRef);
  const schemaRoute = useRouteRef(schemaRouteRef);
  const topicRoute = useRouteRef(topicRouteRef);
  const { value, loading, error, pager } = usePagedList(
    page =>
      api.listSchemas(cluster, {
        q: query || undefined,
        type,
        owned: owned || undefined,
        ...page,
      }),
    [api, cluster, query, type, owned],
  );

  if (error) {
    return <ResponseErrorPanel error={error} title="Could not list schemas" />;
  }
  if (loading && !value) {
    return <Progress aria-label="Loading schemas" />;
  }
  if (!value || value.totalCount === 0) {
    let description = `The registry of ${cluster} holds no schemas yet.`;
    if (query || type)
      description = `No schema in ${cluster} matches these filters.`;
    else if (owned)
      description = `Your teams own no schemas in ${cluster}'s registry yet.`;
    return (
      <EmptyState
        missing="data"
        title="No schemas"
        description={description}
        action={
          owned && props.onShowAll ? (
            <ShowAllButton noun="schemas" onClick={props.onShowAll} />
          ) : undefined
        }
      />
    );
  }

  const columns: TableColumn<SchemaArtifact>[] = [
    {
      title: 'Artifact',
      highlight: true,
      render: row => (
        <Link
          to={schemaRoute({
            cluster,
            groupId: row.groupId,
            artifactId: row.artifactId,
          })}
        >
          {row.artifactId}
        </Link>
      ),
    },
    { title: 'Group', field: 'groupId' },
    { title: 'Type', render: row => formatLabel(row.format, row.artifactType) },
    {
      title: 'Topic',
      render: row =>
        row.topic ? (
          <Link to={topicRoute({ cluster, topic: row.topic })}>
            <BreakableName name={row.topic} />
          </Link>
        ) : (
          '—'
        ),
    },
    { title: 'Owner', render: row => <EntityRef entityRef={row.owner} /> },
    {
      title: 'Modified',
      render: row => (row.modifiedOn ? formatTime(row.modifiedOn) : '—'),
    },
  ];

  return (
    <PagedTable<SchemaArtifact>
      columns={columns}
      items={value.items}
      totalCount={value.totalCount}
      loading={loading}
      {...pager}
    />
  );
};
