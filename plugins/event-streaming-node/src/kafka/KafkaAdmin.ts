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

/**
 * A consumer group as ListGroups reports it.
 *
 * @public
 */
export interface ConsumerGroupListing {
  groupId: string;
  /** `consumer` for Kafka consumers, `connect` for Connect workers, or empty. */
  protocolType: string;
  /** Node id of the group's coordinator (the broker that listed it). */
  coordinator: number;
}

/**
 * A member of a consumer group and the partitions assigned to it.
 *
 * @public
 */
export interface ConsumerGroupMember {
  memberId: string;
  clientId: string;
  clientHost: string;
  /** Decoded for the `consumer` protocol; empty for others (such as Connect's). */
  assignments: Array<{ topic: string; partitions: number[] }>;
}

/**
 * A consumer group as DescribeGroups reports it.
 *
 * @public
 */
export interface ConsumerGroupDescription {
  groupId: string;
  /** Kafka's state: `Stable`, `Empty`, `PreparingRebalance`, `CompletingRebalance`, `Dead`. */
  state: string;
  protocolType: string;
  members: ConsumerGroupMember[];
}

/**
 * Offset a group committed on one partition.
 *
 * @public
 */
export interface CommittedOffset {
  topic: string;
  partition: number;
  offset: string;
}

/**
 * Consumer groups of a cluster. Lists come from every broker; a broker that
 * cannot be reached is named in `unreachableBrokers` and its groups are
 * missing.
 *
 * @public
 */
export interface ConsumerGroupListResult {
  groups: ConsumerGroupListing[];
  unreachableBrokers: number[];
}

/**
 * End offsets of many partitions at once, keyed by topic then partition;
 * partitions without a leader, or whose leader did not answer, are missing.
 *
 * @public
 */
export type EndOffsets = Map<string, Map<number, string>>;

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
  /**
   * The topic's ID (KIP-516), as Kafka prints it: base64url of its 16 bytes.
   * A topic deleted and created again under the same name has a new ID.
   * `NotFoundError` when no topic has this name.
   */
  topicId(topic: string): Promise<string>;
  /**
   * Deletes the topic. With `topicId`, only the topic with that ID is
   * deleted (DeleteTopics by ID, atomic in the controller); when the name now
   * belongs to another topic, or to none, a `ConflictError` or
   * `NotFoundError` says so and nothing is deleted.
   */
  deleteTopic(topic: string, options?: { topicId?: string }): Promise<void>;
  /** Earliest and latest offsets of each partition. */
  fetchTopicOffsets(topic: string): Promise<PartitionOffsets[]>;
  /**
   * End offsets of the partitions of these topics: one ListOffsets per
   * leader broker, however many topics there are.
   */
  fetchEndOffsets(topics: TopicMetadata[]): Promise<EndOffsets>;
  /** Every consumer group, from ListGroups on each broker. */
  listGroups(): Promise<ConsumerGroupListResult>;
  /**
   * Describes these groups, asking each group's coordinator. Unknown
   * groups come back in state `Dead` with no members, as Kafka answers.
   */
  describeGroups(groupIds: string[]): Promise<ConsumerGroupDescription[]>;
  /** Every offset the group committed (none for an unknown group). */
  fetchCommittedOffsets(groupId: string): Promise<CommittedOffset[]>;
  /** Closes the underlying connections. */
  close(): Promise<void>;
}
