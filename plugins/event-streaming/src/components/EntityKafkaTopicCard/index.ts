export { EntityKafkaTopicCard } from './EntityKafkaTopicCard';
