export { readClusterConfigs } from './clusters';
export type { KafkaClusterConfig, KafkaSaslConfig } from './clusters';
