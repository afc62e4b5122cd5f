import { useEntity } from '@backstage/plugin-catalog-react';
import { topicOf } from '../../lib/entity';
import { TopicConsumersCard } from '../TopicPage/TopicConsumersCard';

/** The consumer groups reading a kafka-topic entity's topic, with their lag. */
export const EntityKafkaTopicLagCard = () => {
  const { entity } = useEntity();
  const { cluster, topic } = topicOf(entity);
  return <TopicConsumersCard cluster={cluster} topic={topic} />;
};
