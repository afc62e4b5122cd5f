import type { BrokerInfo } from '@eventport/plugin-event-streaming-common';

/**
 * What the cluster says about itself.
 *
 * @public
 */
export interface ClusterDescription {
  clusterId: string | null;
  controllerId: number | null;
  brokers: BrokerInfo[];
}

/**
 * Metadata of one partition.
 *
 * @public
 */
export interface PartitionMetadata {
  partition: number;
  leader: number;
  replicas: number[];
  isr: number[];
}

/**
 * Metadata of one topic.
 *
 * @public
 */
export interface TopicMetadata {
  name: string;
  partitions: PartitionMetadata[];
}

/**
 * One config of a topic as DescribeConfigs reports it.
 *
 * @public
 */
export interface TopicConfigValue {
  name: string;
  value: string | null;
  /** True for a dynamic topic config, false for a default. */
  isSet: boolean;
  readOnly: boolean;
  sensitive: boolean;
}

/**
 * Earliest and latest offset of one partition.
 *
 * @public
 */
export interface PartitionOffsets {
  partition: number;
  earliest: string;
  latest: string;
}

/** @public */
export interface CreateTopicOptions {
  name: string;
  partitions: number;
  replicationFactor: number;
  /** Dynamic topic configs to set, e.g. `retention.ms`. */
  configs: Record<string, string>;
}

/**
 * Administrative access to one Kafka cluster.
 *
 * The backend's implementation wraps kafkajs; every call carries a timeout and
 * connections are reused between calls. Errors from Kafka surface as
 * `@backstage/errors` types: `ServiceUnavailableError` when the cluster cannot
 * be reached, `NotFoundError` for an unknown topic, `ConflictError` when a
 * topic already exists, `InputError` when Kafka refuses the request.
 *
 * @public
 */
export interface KafkaAdmin {
  /** Describes the cluster: id, controller and brokers. */
  describeCluster(): Promise<ClusterDescription>;
  /** Metadata of every topic (internal topics excluded). */
  listTopics(): Promise<TopicMetadata[]>;
  /** Metadata of one topic; `NotFoundError` when it does not exist. */
  describeTopic(topic: string): Promise<TopicMetadata>;
  /** Every config of each topic, with its source. */
  describeTopicConfigs(
    topics: string[],
  ): Promise<Map<string, TopicConfigValue[]>>;
  createTopic(options: CreateTopicOptions): Promise<void>;
  /** Grows the topic to `count` partitions. */
  createPartitions(topic: string, count: number): Promise<void>;
  /**
   * Replaces the whole set of dynamic configs of the topic (Kafka's
   * AlterConfigs). Keys not given revert to their defaults: callers must
   * merge with the current dynamic configs first.
   */
  replaceTopicConfigs(
    topic: string,
    configs: Record<string, string>,
  ): Promise<void>;
  deleteTopic(topic: string): Promise<void>;
  /** Earliest and latest offsets of each partition. */
  fetchTopicOffsets(topic: string): Promise<PartitionOffsets[]>;
  /** Closes the underlying connections. */
  close(): Promise<void>;
}
