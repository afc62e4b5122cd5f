import type {
  AlertRule,
  AlertRuleListResponse,
  ConnectorMetrics,
  ConsumerGroupDetail,
  ConsumerGroupListResponse,
  CreateAlertRuleRequest,
  EntityLagResponse,
  GroupLagHistory,
  PartitionDistribution,
  TopicConsumersResponse,
  TopicThroughput,
  UpdateAlertRuleRequest,
} from '@eventport/plugin-event-streaming-common';

/**
 * Paging and filters of the consumer group list. The backend pages: a
 * cluster can have tens of thousands of groups.
 *
 * @public
 */
export interface ConsumerGroupListOptions {
  /** Matches the group id. */
  q?: string;
  /** Kafka's group state: `Stable`, `Empty`, `PreparingRebalance`, … */
  state?: string;
  /** Only groups owned by one of the caller's groups. */
  owned?: boolean;
  offset?: number;
  /** At most 100. */
  limit?: number;
}

/**
 * Which alert rules to list: those of one group or of one topic.
 *
 * @public
 */
export interface AlertRuleListOptions {
  group?: string;
  topic?: string;
}

/**
 * Consumer groups, lag, throughput, partition distribution, connector task
 * health and lag alert rules (monitoring).
 *
 * @public
 */
export interface EventStreamingMonitoringApi {
  /** One page of a cluster's consumer groups with their lag and status. */
  listConsumerGroups(
    cluster: string,
    options?: ConsumerGroupListOptions,
  ): Promise<ConsumerGroupListResponse>;
  /** A group's status, lag per partition, members and links. */
  getConsumerGroup(
    cluster: string,
    group: string,
  ): Promise<ConsumerGroupDetail>;
  /** A group's offset and time lag over the last `minutes` (60 by default). */
  getConsumerGroupHistory(
    cluster: string,
    group: string,
    minutes?: number,
  ): Promise<GroupLagHistory>;
  /** The groups reading a topic, with their lag on it. */
  listTopicConsumers(
    cluster: string,
    topic: string,
  ): Promise<TopicConsumersResponse>;
  /**
   * Lag of the groups of a catalog entity: `groups` is a `cluster/group`
   * comma list, as in the `kafka.apache.org/consumer-groups` annotation.
   */
  getEntityLag(groups: string): Promise<EntityLagResponse>;
  /** Messages per second into a topic over the last `minutes` (60 by default). */
  getTopicThroughput(
    cluster: string,
    topic: string,
    minutes?: number,
  ): Promise<TopicThroughput>;
  /** Leaders and replicas per broker, of the cluster or of one topic. */
  getPartitionDistribution(
    cluster: string,
    options?: { topic?: string },
  ): Promise<PartitionDistribution>;
  /** A connector's task states now and what changed over the window. */
  getConnectorMetrics(cluster: string, name: string): Promise<ConnectorMetrics>;
  listAlertRules(
    cluster: string,
    options?: AlertRuleListOptions,
  ): Promise<AlertRuleListResponse>;
  createAlertRule(
    cluster: string,
    body: CreateAlertRuleRequest,
  ): Promise<AlertRule>;
  updateAlertRule(
    cluster: string,
    id: string,
    body: UpdateAlertRuleRequest,
  ): Promise<AlertRule>;
  deleteAlertRule(cluster: string, id: string): Promise<void>;
}
