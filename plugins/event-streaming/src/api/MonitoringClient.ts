import {
  AlertRule,
  AlertRuleListResponse,
  alertRuleListResponseSchema,
  alertRuleSchema,
  ConnectorMetrics,
  connectorMetricsSchema,
  ConsumerGroupDetail,
  consumerGroupDetailSchema,
  ConsumerGroupListResponse,
  consumerGroupListResponseSchema,
  CreateAlertRuleRequest,
  EntityLagResponse,
  entityLagResponseSchema,
  GroupLagHistory,
  groupLagHistorySchema,
  PartitionDistribution,
  partitionDistributionSchema,
  TopicConsumersResponse,
  topicConsumersResponseSchema,
  TopicThroughput,
  topicThroughputSchema,
  UpdateAlertRuleRequest,
} from '@eventport/plugin-event-streaming-common';
import type {
  AlertRuleListOptions,
  ConsumerGroupListOptions,
  EventStreamingMonitoringApi,
} from './MonitoringApi';
import { BackendTransport, enc, query } from './transport';

const clusterPath = (cluster: string) => `/clusters/${enc(cluster)}`;
const groupPath = (cluster: string, group: string) =>
  `${clusterPath(cluster)}/consumer-groups/${enc(group)}`;
const topicPath = (cluster: string, topic: string) =>
  `${clusterPath(cluster)}/topics/${enc(topic)}`;
const rulesPath = (cluster: string) => `${clusterPath(cluster)}/alert-rules`;

/** The monitoring routes over HTTP; `EventStreamingClient` serves them. */
export class MonitoringClient implements EventStreamingMonitoringApi {
  constructor(private readonly http: BackendTransport) {}

  listConsumerGroups(
    cluster: string,
    options: ConsumerGroupListOptions = {},
  ): Promise<ConsumerGroupListResponse> {
    return this.http.request(
      `${clusterPath(cluster)}/consumer-groups${query({ ...options })}`,
      consumerGroupListResponseSchema,
    );
  }

  getConsumerGroup(
    cluster: string,
    group: string,
  ): Promise<ConsumerGroupDetail> {
    return this.http.request(
      groupPath(cluster, group),
      consumerGroupDetailSchema,
    );
  }

  getConsumerGroupHistory(
    cluster: string,
    group: string,
    minutes?: number,
  ): Promise<GroupLagHistory> {
    return this.http.request(
      `${groupPath(cluster, group)}/history${query({ minutes })}`,
      groupLagHistorySchema,
    );
  }

  listTopicConsumers(
    cluster: string,
    topic: string,
  ): Promise<TopicConsumersResponse> {
    return this.http.request(
      `${topicPath(cluster, topic)}/consumer-groups`,
      topicConsumersResponseSchema,
    );
  }

  getEntityLag(groups: string): Promise<EntityLagResponse> {
    return this.http.request(
      `/consumer-lag?groups=${encodeURIComponent(groups)}`,
      entityLagResponseSchema,
    );
  }

  getTopicThroughput(
    cluster: string,
    topic: string,
    minutes?: number,
  ): Promise<TopicThroughput> {
    return this.http.request(
      `${topicPath(cluster, topic)}/throughput${query({ minutes })}`,
      topicThroughputSchema,
    );
  }

  getPartitionDistribution(
    cluster: string,
    options: { topic?: string } = {},
  ): Promise<PartitionDistribution> {
    return this.http.request(
      `${clusterPath(cluster)}/distribution${query({ topic: options.topic })}`,
      partitionDistributionSchema,
    );
  }

  getConnectorMetrics(
    cluster: string,
    name: string,
  ): Promise<ConnectorMetrics> {
    return this.http.request(
      `${clusterPath(cluster)}/connectors/${enc(name)}/metrics`,
      connectorMetricsSchema,
    );
  }

  listAlertRules(
    cluster: string,
    options: AlertRuleListOptions = {},
  ): Promise<AlertRuleListResponse> {
    return this.http.request(
      `${rulesPath(cluster)}${query({ ...options })}`,
      alertRuleListResponseSchema,
    );
  }

  createAlertRule(
    cluster: string,
    body: CreateAlertRuleRequest,
  ): Promise<AlertRule> {
    return this.http.request(rulesPath(cluster), alertRuleSchema, {
      method: 'POST',
      body,
    });
  }

  updateAlertRule(
    cluster: string,
    id: string,
    body: UpdateAlertRuleRequest,
  ): Promise<AlertRule> {
    return this.http.request(
      `${rulesPath(cluster)}/${enc(id)}`,
      alertRuleSchema,
      { method: 'PUT', body },
    );
  }

  deleteAlertRule(cluster: string, id: string): Promise<void> {
    return this.http.requestNoContent(`${rulesPath(cluster)}/${enc(id)}`, {
      method: 'DELETE',
    });
  }
}
