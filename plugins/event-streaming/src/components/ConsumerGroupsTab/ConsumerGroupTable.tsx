import {
  EmptyState,
  Link,
  Progress,
  ResponseErrorPanel,
  TableColumn,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import type { ConsumerGroupSummary } from '@eventport/plugin-event-streaming-common';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import WarningIcon from '@mui/icons-material/Warning';
import { eventStreamingApiRef } from '../../api';
import {
  formatCount,
  groupRouteParams,
  groupStateLabel,
  plural,
} from '../../lib/monitoring';
import { warningTextSx } from '../../lib/styles';
import { consumerGroupRouteRef, topicRouteRef } from '../../routes';
import { LagStatusChip } from '../LagStatusChip';
import { PagedTable, usePagedList } from '../PagedTable';
import { EntityRef } from '../EntityRef';
import { ShowAllButton } from '../OwnershipToggle';

/** Topics a row names before it says how many more there are. */
const TOPICS_SHOWN = 3;

export interface ConsumerGroupTableProps {
  cluster: string;
  query: string;
  state?: string;
  /** Only the groups of the caller's teams. */
  owned?: boolean;
  /** Leaves "mine" for all, from the empty state. */
  onShowAll?: () => void;
}

/**
 * One page of a cluster's consumer groups, filtered and paged by the
 * backend (a cluster can have tens of thousands). Give it a `key` made of
 * the filters so a new filter starts at the first page.
 */
export const ConsumerGroupTable = (props: ConsumerGroupTableProps) => {
  const { cluster, query, state, owned } = props;
  const api = useApi(eventStreamingApiRef);
  const groupRoute = useRouteRef(consumerGroupRouteRef);
  const topicRoute = useRouteRef(topicRouteRef);
  const { value, loading, error, pager } = usePagedList(
    page =>
      api.listConsumerGroups(cluster, {
        q: query || undefined,
        state,
        owned: owned || undefined,
        ...page,
      }),
    [api, cluster, query, state, owned],
  );

  if (error) {
    return (
      <ResponseErrorPanel
        error={error}
        title="Could not list consumer groups"
      />
    );
  }
  if (loading && !value) {
    return <Progress aria-label="Loading consumer groups" />;
  }

  const unreachable = value?.unreachableBrokers ?? [];
  const warning = unreachable.length > 0 && (
    <Box display="flex" alignItems="center" mb={1} style={{ gap: 8 }}>
      <WarningIcon sx={warningTextSx} aria-hidden />
      <Typography variant="body2" role="status" sx={warningTextSx}>
        {unreachable.length === 1
          ? `Broker ${unreachable[0]} did not answer: the groups it coordinates are missing from this list.`
          : `Brokers ${unreachable.join(
              ', ',
            )} did not answer: the groups they coordinate are missing from this list.`}
      </Typography>
    </Box>
  );

  if (!value || value.totalCount === 0) {
    const filtered = !!(query || state);
    let description = `No application has joined a consumer group on ${cluster} yet. Groups appear here once a consumer with a group.id connects or commits offsets.`;
    if (filtered)
      description = `No consumer group in ${cluster} matches these filters.`;
    else if (owned)
      description = `Your teams own no consumer groups in ${cluster}: a group is theirs when its id starts with their namespace, or when it is their connector's.`;
    return (
      <>
        {warning}
        <EmptyState
          missing="data"
          title={
            filtered ? 'No matching consumer groups' : 'No consumer groups'
          }
          description={description}
          action={
            owned && props.onShowAll ? (
              <ShowAllButton noun="consumer groups" onClick={props.onShowAll} />
            ) : undefined
          }
        />
      </>
    );
  }

  const columns: TableColumn<ConsumerGroupSummary>[] = [
    {
      title: 'Group',
      highlight: true,
      render: row => (
        <Link to={groupRoute(groupRouteParams(cluster, row.groupId))}>
          {row.groupId}
        </Link>
      ),
    },
    { title: 'State', render: row => groupStateLabel(row.state) },
    {
      title: 'Members',
      align: 'right',
      render: row => formatCount(row.members),
    },
    {
      title: 'Topics',
      render: row => {
        if (row.topics.length === 0) return '—';
        const shown = row.topics.slice(0, TOPICS_SHOWN);
        const more = row.topics.length - shown.length;
        return (
          <>
            {shown.map((topic, i) => (
              <span key={topic}>
                {i > 0 && ', '}
                <Link to={topicRoute({ cluster, topic })}>{topic}</Link>
              </span>
            ))}
            {more > 0 && ` and ${formatCount(more)} more`}
          </>
        );
      },
    },
    {
      title: 'Total lag',
      align: 'right',
      render: row => formatCount(row.totalLag),
    },
    { title: 'Status', render: row => <LagStatusChip status={row.status} /> },
    { title: 'Owner', render: row => <EntityRef entityRef={row.owner} /> },
  ];

  return (
    <>
      {warning}
      <Typography variant="body2" color="textSecondary" gutterBottom>
        {plural(value.totalCount, 'group')}
      </Typography>
      <PagedTable<ConsumerGroupSummary>
        columns={columns}
        items={value.items}
        totalCount={value.totalCount}
        loading={loading}
        {...pager}
      />
    </>
  );
};
