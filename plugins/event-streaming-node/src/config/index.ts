export { readClusterConfigs } from './clusters';
export type {
  KafkaClusterConfig,
  KafkaConnectConfig,
  KafkaSaslConfig,
} from './clusters';
export { readPolicyConfig } from './policy';
export type { EventStreamingPolicyConfig } from './policy';
