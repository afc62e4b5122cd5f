export { readClusterConfigs } from './clusters';
export type {
  KafkaClusterConfig,
  KafkaConnectConfig,
  KafkaSaslConfig,
} from './clusters';
export { readPolicyConfig } from './policy';
export type { EventStreamingPolicyConfig } from './policy';
export { readMonitoringConfig } from './monitoring';
export type { MonitoringConfig } from './monitoring';
