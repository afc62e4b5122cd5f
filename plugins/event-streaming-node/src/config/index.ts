export { readClusterConfigs } from './clusters';
export type { KafkaClusterConfig, KafkaSaslConfig } from './clusters';
export { readPolicyConfig } from './policy';
export type { EventStreamingPolicyConfig } from './policy';
