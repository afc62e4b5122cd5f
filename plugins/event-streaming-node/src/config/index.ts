export { readClusterConfigs } from './clusters';
export type {
  KafkaClusterConfig,
  KafkaConnectConfig,
  KafkaSaslConfig,
} from './clusters';
export { readPolicyConfig } from './policy';
export type { EventStreamingPolicyConfig } from './policy';
export { readMonitoringConfig } from './monitoring';
export type { MonitoringConfig, MonitoringLimits } from './monitoring';
export {
  DEFAULT_CAPTURE_CLASSES,
  isNormalisedAbsolutePath,
  readConnectPolicyConfig,
} from './connectPolicy';
export type {
  ConnectPolicyConfig,
  FileDirectoryGrant,
  SecretReferenceGrant,
} from './connectPolicy';
