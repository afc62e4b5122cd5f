import { useEntity } from '@backstage/plugin-catalog-react';
import { topicOf } from '../../lib/entity';
import { TopicConsumersCard } from '../TopicPage/TopicConsumersCard';
import { WordSafeTables } from '../WordSafeTables';

/** The consumer groups reading a kafka-topic entity's topic, with their lag. */
const EntityKafkaTopicLagCardBody = () => {
  const { entity } = useEntity();
  const { cluster, topic } = topicOf(entity);
  return <TopicConsumersCard cluster={cluster} topic={topic} />;
};

/** EntityKafkaTopicLagCardBody, whose tables wrap only at white space and separators. */
export const EntityKafkaTopicLagCard = () => (
  <WordSafeTables>
    <EntityKafkaTopicLagCardBody />
  </WordSafeTables>
);
