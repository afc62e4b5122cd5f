import {
  InfoCard,
  Link,
  StructuredMetadataTable,
} from '@backstage/core-components';
import {
  ClusterInfo,
  formatDurationMs,
  TopicDetail,
} from '@eventport/plugin-event-streaming-common';
import { topicLinks } from '../../lib/links';
import { EntityRef } from '../EntityRef';

/** Name, ownership, sizing and links of one topic. */
export const TopicOverviewCard = (props: {
  topic: TopicDetail;
  cluster?: ClusterInfo;
}) => {
  const { topic, cluster } = props;
  const links = cluster
    ? topicLinks(cluster.links, { cluster: topic.cluster, topic: topic.name })
    : [];
  const metadata: Record<string, unknown> = {
    name: topic.name,
    cluster: cluster
      ? `${topic.cluster} (${cluster.environment})`
      : topic.cluster,
    namespace: topic.namespace ?? 'none',
    owner: (
      <EntityRef
        entityRef={topic.owner}
        fallback={topic.internal ? 'Kafka (internal topic)' : 'nobody'}
      />
    ),
    partitions: topic.partitions,
    'replication factor': topic.replicationFactor,
    retention: formatDurationMs(topic.retentionMs),
    'cleanup policy': topic.cleanupPolicy,
  };
  if (links.length > 0) {
    metadata.links = links.map(link => (
      <Link key={link.title} to={link.url}>
        {link.title}
      </Link>
    ));
  }
  return (
    <InfoCard title="Overview">
      <StructuredMetadataTable metadata={metadata} />
    </InfoCard>
  );
};
