import {
  Content,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { namespaceOf } from '@eventport/plugin-event-streaming-common';
import type { TopicDetail } from '@eventport/plugin-event-streaming-common';
import Grid from '@mui/material/Grid';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { eventStreamingApiRef } from '../../api';
import { useClusters } from '../../hooks/useClusters';
import { rootRouteRef } from '../../routes';
import { AlertRulesCard } from '../AlertRulesCard';
import { PageError } from '../PageError';
import { TopicActions } from '../TopicActions';
import { TopicConfigsCard } from './TopicConfigsCard';
import { TopicConsumersCard } from './TopicConsumersCard';
import { TopicDistributionCard } from './TopicDistributionCard';
import { TopicOverviewCard } from './TopicOverviewCard';
import { TopicPartitionsCard } from './TopicPartitionsCard';
import { TopicRelatedCard } from './TopicRelatedCard';
import { TopicSchemasCard } from './TopicSchemasCard';
import { TopicThroughputCard } from './TopicThroughputCard';

/**
 * One topic: overview, the actions on it, schemas, throughput, partition
 * distribution, the groups reading it, partitions, configs and alert rules.
 */
export const TopicPage = () => {
  const params = useParams();
  const cluster = params.cluster ?? '';
  const topicName = params.topic ?? '';
  const api = useApi(eventStreamingApiRef);
  const rootRoute = useRouteRef(rootRouteRef);
  const clusters = useClusters();
  const [updated, setUpdated] = useState<TopicDetail>();
  const loaded = useAsyncRetry(
    () => api.getTopic(cluster, topicName),
    [api, cluster, topicName],
  );
  const topic = updated?.name === topicName ? updated : loaded.value;
  const clusterInfo = clusters.value?.clusters.find(c => c.name === cluster);
  const namespace = clusters.value
    ? namespaceOf(topicName, clusters.value.namespaces)
    : undefined;

  let content;
  if (loaded.error) {
    content = (
      <PageError
        error={loaded.error}
        title={`Could not load topic ${topicName}`}
        retry={loaded.retry}
        back={{ to: rootRoute(), label: 'Back to Event Streaming' }}
      />
    );
  } else if (!topic || clusters.loading) {
    content = <Progress aria-label="Loading topic" />;
  } else {
    content = (
      <Grid container spacing={3} alignItems="stretch">
        {clusters.error && (
          <Grid item xs={12}>
            <ResponseErrorPanel
              error={clusters.error}
              title="Could not load the cluster's limits and links"
            />
          </Grid>
        )}
        <Grid item xs={12} md={7}>
          <TopicOverviewCard topic={topic} cluster={clusterInfo} />
        </Grid>
        <Grid item xs={12} md={5}>
          <TopicActions
            topic={topic}
            cluster={clusterInfo}
            onUpdated={setUpdated}
          />
        </Grid>
        <Grid item xs={12} md={7}>
          <TopicSchemasCard cluster={clusterInfo} topic={topic.name} />
        </Grid>
        <Grid item xs={12} md={5}>
          <TopicRelatedCard cluster={cluster} topic={topic.name} />
        </Grid>
        <Grid item xs={12} md={7}>
          <TopicThroughputCard cluster={cluster} topic={topic.name} />
        </Grid>
        <Grid item xs={12} md={5}>
          <TopicDistributionCard cluster={cluster} topic={topic.name} />
        </Grid>
        <Grid item xs={12}>
          <TopicConsumersCard cluster={cluster} topic={topic.name} />
        </Grid>
        <Grid item xs={12}>
          <TopicPartitionsCard partitions={topic.partitionDetails} />
        </Grid>
        <Grid item xs={12}>
          <TopicConfigsCard configs={topic.configs} />
        </Grid>
        <Grid item xs={12}>
          <AlertRulesCard
            cluster={cluster}
            target={{ type: 'topic', topic: topic.name }}
            canCreate={topic.canEdit}
          />
        </Grid>
      </Grid>
    );
  }

  let subtitle = `Kafka topic in ${cluster}`;
  if (loaded.error) subtitle = `Not loaded from ${cluster}`;
  else if (namespace) {
    subtitle = `Kafka topic in ${cluster}, namespace ${namespace.prefix}`;
  }
  return (
    <Page themeId="tool">
      <Header
        title={topicName}
        subtitle={subtitle}
        type="Topics"
        typeLink={rootRoute()}
      />
      <Content>{content}</Content>
    </Page>
  );
};
