import { createApiRef } from '@backstage/core-plugin-api';
import type {
  ApprovalListResponse,
  ApprovalRequest,
  ApprovalStatus,
  ClusterListResponse,
  CreateTopicRequest,
  DeleteTopicRequest,
  HealthResponse,
  TopicDetail,
  TopicListResponse,
  UpdateTopicRequest,
} from '@eventport/plugin-event-streaming-common';

/**
 * Paging and filters of the topic list.
 *
 * @public
 */
export interface TopicListOptions {
  owned?: boolean;
  q?: string;
  offset?: number;
  limit?: number;
}

/**
 * Paging and filters of the approval list.
 *
 * @public
 */
export interface ApprovalListOptions {
  status?: ApprovalStatus;
  mine?: boolean;
  offset?: number;
  limit?: number;
}

/**
 * The event-streaming backend as the frontend sees it.
 *
 * @public
 */
export interface EventStreamingApi {
  /** Reachability of every configured Kafka cluster. */
  getHealth(): Promise<HealthResponse>;
  /** Configured clusters with limits and defaults, and the namespaces. */
  listClusters(): Promise<ClusterListResponse>;
  listTopics(
    cluster: string,
    options?: TopicListOptions,
  ): Promise<TopicListResponse>;
  getTopic(cluster: string, topic: string): Promise<TopicDetail>;
  /** Creates a topic at once (self-service); answers its detail. */
  createTopic(cluster: string, body: CreateTopicRequest): Promise<TopicDetail>;
  /** Adds partitions and/or changes retention; answers the new detail. */
  updateTopic(
    cluster: string,
    topic: string,
    body: UpdateTopicRequest,
  ): Promise<TopicDetail>;
  /** Asks for the topic's deletion; answers the pending approval request. */
  requestTopicDeletion(
    cluster: string,
    topic: string,
    body: DeleteTopicRequest,
  ): Promise<ApprovalRequest>;
  listApprovals(options?: ApprovalListOptions): Promise<ApprovalListResponse>;
  getApproval(id: string): Promise<ApprovalRequest>;
  approve(id: string, comment?: string): Promise<ApprovalRequest>;
  reject(id: string, comment: string): Promise<ApprovalRequest>;
  cancel(id: string): Promise<ApprovalRequest>;
}

/** @public */
export const eventStreamingApiRef = createApiRef<EventStreamingApi>({
  id: 'plugin.event-streaming.service',
});
