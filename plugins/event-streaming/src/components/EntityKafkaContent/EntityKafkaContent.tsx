import {
  EmptyState,
  InfoCard,
  Link,
  Progress,
  WarningPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import {
  EVENTPORT_ANNOTATIONS,
  EntityGroupLag,
  topicEntityRef,
} from '@eventport/plugin-event-streaming-common';
import Grid from '@mui/material/Grid';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import useAsync from 'react-use/esm/useAsync';
import { eventStreamingApiRef } from '../../api';
import { topicRefsOf } from '../../lib/entity';
import {
  formatCount,
  formatTimeLag,
  groupRouteParams,
  groupStateLabel,
} from '../../lib/monitoring';
import { tableHeadSx } from '../../lib/styles';
import { consumerGroupRouteRef, topicRouteRef } from '../../routes';
import { BreakableName } from '../BreakableName';
import { ErrorAlert } from '../ErrorAlert';
import { LagStatusChip } from '../LagStatusChip';
import { WordSafeTables } from '../WordSafeTables';
import { ScrollingTable } from '../ScrollingTable';

/** A consumed topic's lag, summed over the entity's groups that read it. */
function lagOn(groups: EntityGroupLag[], cluster: string, topic: string) {
  const reading = groups
    .filter(g => g.cluster === cluster)
    .flatMap(g => g.topics.filter(t => t.topic === topic));
  if (reading.length === 0) return undefined;
  const times = reading
    .map(t => t.maxTimeLagMs)
    .filter((ms): ms is number => ms !== null);
  return {
    lag: reading.reduce((sum, t) => sum + t.lag, 0),
    maxTimeLagMs: times.length ? Math.max(...times) : null,
  };
}

/**
 * The "Kafka" tab of a component: the topics it produces and consumes
 * (`eventport.io/produces-topics`, `eventport.io/consumes-topics`) and the
 * lag of its consumer groups (`kafka.apache.org/consumer-groups`, the
 * community plugin's annotation), per group and per consumed topic.
 */
const EntityKafkaContentBody = () => {
  const { entity } = useEntity();
  const api = useApi(eventStreamingApiRef);
  const topicRoute = useRouteRef(topicRouteRef);
  const groupRoute = useRouteRef(consumerGroupRouteRef);
  const produces = topicRefsOf(entity, EVENTPORT_ANNOTATIONS.producesTopics);
  const consumes = topicRefsOf(entity, EVENTPORT_ANNOTATIONS.consumesTopics);
  const groupsAnnotation =
    entity.metadata.annotations?.[EVENTPORT_ANNOTATIONS.consumerGroups]?.trim();
  const lag = useAsync(
    async () =>
      groupsAnnotation ? api.getEntityLag(groupsAnnotation) : undefined,
    [api, groupsAnnotation],
  );
  const groups = lag.value?.items ?? [];
  const invalid = [...produces.invalid, ...consumes.invalid];
  const name = entity.metadata.title ?? entity.metadata.name;

  if (!produces.topics.length && !consumes.topics.length && !groupsAnnotation) {
    return (
      <EmptyState
        missing="field"
        title="No Kafka topics or consumer groups"
        description={`Annotate ${name} with ${EVENTPORT_ANNOTATIONS.producesTopics}, ${EVENTPORT_ANNOTATIONS.consumesTopics} or ${EVENTPORT_ANNOTATIONS.consumerGroups} (comma lists of cluster/topic or cluster/group) to see them here.`}
      />
    );
  }

  // One row per topic: a component that produces and consumes a topic (or
  // names it twice) sees it once, with both roles.
  const topicRows: { cluster: string; topic: string; roles: string[] }[] = [];
  for (const [role, refs] of [
    ['produces', produces.topics],
    ['consumes', consumes.topics],
  ] as const) {
    for (const t of refs) {
      const row = topicRows.find(
        r => r.cluster === t.cluster && r.topic === t.topic,
      );
      if (!row) topicRows.push({ ...t, roles: [role] });
      else if (!row.roles.includes(role)) row.roles.push(role);
    }
  }
  let lagCell: (cluster: string, topic: string) => React.ReactNode = () => '—';
  if (groupsAnnotation && lag.loading) lagCell = () => 'loading…';
  else if (groupsAnnotation && lag.value) {
    lagCell = (cluster, topic) => {
      const l = lagOn(groups, cluster, topic);
      return l
        ? `${formatCount(l.lag)} messages, ${formatTimeLag(l.maxTimeLagMs)}`
        : 'none of its groups reads it';
    };
  }

  return (
    <Grid container spacing={3}>
      {invalid.length > 0 && (
        <Grid item xs={12}>
          <WarningPanel
            severity="warning"
            title={`Not of the form cluster/topic, so left out: ${invalid.join(
              ', ',
            )}`}
          />
        </Grid>
      )}
      {topicRows.length > 0 && (
        <Grid item xs={12}>
          <InfoCard title="Topics" noPadding>
            <ScrollingTable size="small" aria-label={`Kafka topics of ${name}`}>
              <TableHead sx={tableHeadSx}>
                <TableRow>
                  <TableCell scope="col">Topic</TableCell>
                  <TableCell scope="col">Cluster</TableCell>
                  <TableCell scope="col">Role</TableCell>
                  <TableCell scope="col">Lag of this component</TableCell>
                  <TableCell scope="col">Catalog</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {topicRows.map(t => (
                  <TableRow key={`${t.cluster}/${t.topic}`}>
                    <TableCell>
                      <Link
                        to={topicRoute({ cluster: t.cluster, topic: t.topic })}
                      >
                        <BreakableName name={t.topic} />
                      </Link>
                    </TableCell>
                    <TableCell>{t.cluster}</TableCell>
                    <TableCell>{t.roles.join(' and ')}</TableCell>
                    <TableCell>
                      {t.roles.includes('consumes')
                        ? lagCell(t.cluster, t.topic)
                        : '—'}
                    </TableCell>
                    <TableCell>
                      <EntityRefLink
                        entityRef={topicEntityRef(t.cluster, t.topic)}
                        aria-label={`Entity page of ${t.topic}`}
                        hideIcon
                      >
                        Entity page
                      </EntityRefLink>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </ScrollingTable>
            {consumes.topics.length > 0 && !groupsAnnotation && (
              <Typography variant="body2" style={{ padding: 16 }}>
                Add {EVENTPORT_ANNOTATIONS.consumerGroups} (cluster/group) to
                see the lag of {name} on the topics it consumes.
              </Typography>
            )}
          </InfoCard>
        </Grid>
      )}
      {groupsAnnotation && (
        <Grid item xs={12}>
          <InfoCard title="Consumer groups" noPadding={groups.length > 0}>
            {lag.error && (
              <ErrorAlert
                error={lag.error}
                title="Could not load the consumer lag"
              />
            )}
            {lag.loading && <Progress aria-label="Loading the consumer lag" />}
            {lag.value && groups.length > 0 && (
              <ScrollingTable
                size="small"
                aria-label={`Consumer groups of ${name}`}
              >
                <TableHead sx={tableHeadSx}>
                  <TableRow>
                    <TableCell scope="col">Group</TableCell>
                    <TableCell scope="col">Cluster</TableCell>
                    <TableCell scope="col">State</TableCell>
                    <TableCell scope="col" align="right">
                      Lag (messages)
                    </TableCell>
                    <TableCell scope="col" align="right">
                      Time lag
                    </TableCell>
                    <TableCell scope="col">Status</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {groups.map(g => (
                    <TableRow key={`${g.cluster}/${g.groupId}`}>
                      <TableCell>
                        <Link
                          to={groupRoute(
                            groupRouteParams(g.cluster, g.groupId),
                          )}
                        >
                          <BreakableName name={g.groupId} />
                        </Link>
                      </TableCell>
                      <TableCell>{g.cluster}</TableCell>
                      <TableCell>
                        {g.error ??
                          (g.found
                            ? groupStateLabel(g.state ?? '')
                            : 'not found')}
                      </TableCell>
                      <TableCell align="right">
                        {g.error ? '—' : formatCount(g.totalLag)}
                      </TableCell>
                      <TableCell align="right">
                        {g.error ? '—' : formatTimeLag(g.maxTimeLagMs)}
                      </TableCell>
                      <TableCell>
                        {g.status ? <LagStatusChip status={g.status} /> : '—'}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </ScrollingTable>
            )}
          </InfoCard>
        </Grid>
      )}
    </Grid>
  );
};

/** EntityKafkaContentBody, whose tables wrap only at white space and separators. */
export const EntityKafkaContent = () => (
  <WordSafeTables>
    <EntityKafkaContentBody />
  </WordSafeTables>
);
