import { Content, Header, Page, Progress } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import type { ConsumerGroupDetail } from '@eventport/plugin-event-streaming-common';
import Grid from '@mui/material/Grid';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { eventStreamingApiRef } from '../../api';
import { usePollTick } from '../../hooks/usePollTick';
import { consumerGroupsRouteRef } from '../../routes';
import { PageError } from '../PageError';
import { AlertRulesCard } from '../AlertRulesCard';
import { ErrorAlert } from '../ErrorAlert';
import { GroupLagCharts } from './GroupLagCharts';
import { GroupMembersCard } from './GroupMembersCard';
import { GroupPartitionsCard } from './GroupPartitionsCard';
import { GroupStatusCard } from './GroupStatusCard';

/** How often the page reloads the group's lag. */
export const GROUP_POLL_MS = 30_000;

/**
 * One consumer group: status and lag, lag over time, lag per partition,
 * members, and its alert rules. Reloads every 30 seconds while open.
 */
export const ConsumerGroupPage = () => {
  const params = useParams();
  const cluster = params.cluster ?? '';
  const group = params.group ?? '';
  const api = useApi(eventStreamingApiRef);
  const groupsRoute = useRouteRef(consumerGroupsRouteRef);
  const tick = usePollTick(GROUP_POLL_MS);
  const detail = useAsyncRetry(
    () => api.getConsumerGroup(cluster, group),
    [api, cluster, group, tick],
  );
  // A failed reload keeps the last answer on screen; a new group starts over.
  const [last, setLast] = useState<ConsumerGroupDetail>();
  useEffect(() => {
    if (detail.value) setLast(detail.value);
  }, [detail.value]);
  const latest = detail.value ?? last;
  const value = latest?.groupId === group ? latest : undefined;

  let content;
  if (detail.error && !value) {
    content = (
      <PageError
        error={detail.error}
        title={`Could not load consumer group ${group}`}
        retry={detail.retry}
        back={{ to: groupsRoute(), label: 'Back to consumer groups' }}
      />
    );
  } else if (!value) {
    content = <Progress aria-label="Loading consumer group" />;
  } else {
    content = (
      <Grid container spacing={3} alignItems="stretch">
        {detail.error && (
          <Grid item xs={12}>
            <ErrorAlert
              error={detail.error}
              title="Could not refresh the group; showing the last answer"
            />
          </Grid>
        )}
        <Grid item xs={12} md={5}>
          <GroupStatusCard group={value} />
        </Grid>
        <Grid item xs={12} md={7}>
          <GroupLagCharts cluster={cluster} group={group} tick={tick} />
        </Grid>
        <Grid item xs={12}>
          <GroupPartitionsCard
            cluster={cluster}
            group={group}
            partitions={value.partitions}
          />
        </Grid>
        <Grid item xs={12}>
          <GroupMembersCard group={group} members={value.members} />
        </Grid>
        <Grid item xs={12}>
          <AlertRulesCard
            cluster={cluster}
            target={{ type: 'group', group }}
            canCreate={value.canManageAlerts}
          />
        </Grid>
      </Grid>
    );
  }

  return (
    <Page themeId="tool">
      <Header
        title={group}
        subtitle={
          detail.error && !value
            ? `Not loaded from ${cluster}`
            : `Kafka consumer group in ${cluster}`
        }
        type="Consumer groups"
        typeLink={groupsRoute()}
      />
      <Content>{content}</Content>
    </Page>
  );
};
