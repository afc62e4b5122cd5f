export { EntityKafkaTopicLagCard } from './EntityKafkaTopicLagCard';
