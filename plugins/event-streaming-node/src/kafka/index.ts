export type {
  ClusterDescription,
  CreateTopicOptions,
  KafkaAdmin,
  PartitionMetadata,
  PartitionOffsets,
  TopicConfigValue,
  TopicMetadata,
} from './KafkaAdmin';
