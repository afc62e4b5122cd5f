export { EntityKafkaConnectorCard } from './EntityKafkaConnectorCard';
