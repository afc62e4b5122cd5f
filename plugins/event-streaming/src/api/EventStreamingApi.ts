import { createApiRef } from '@backstage/core-plugin-api';
import type {
  ApprovalListResponse,
  ApprovalRequest,
  ApprovalStatus,
  ClusterListResponse,
  CreateTopicRequest,
  DeleteTopicRequest,
  HealthResponse,
  SchemaContentResponse,
  SchemaDetailResponse,
  SchemaDiffResponse,
  SchemaFormat,
  SchemaListResponse,
  SchemaRefusedResponse,
  SchemaRegisterRequest,
  SchemaRegisterResponse,
  SchemaRuleChangeRequest,
  SchemaRuleChangeResponse,
  SchemaValidateRequest,
  SchemaValidateResponse,
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
 * Paging and filters of the schema list.
 *
 * @public
 */
export interface SchemaListOptions {
  /** Matches the artifact id or name. */
  q?: string;
  type?: SchemaFormat;
  owner?: string;
  /** Only the key and value schemas of this topic. */
  topic?: string;
  offset?: number;
  limit?: number;
}

/**
 * What a registration came to: the new version (201), or the registry's
 * refusal with the explanation (409), which an override request can follow.
 *
 * @public
 */
export type SchemaRegistrationResult =
  | ({ registered: true } & SchemaRegisterResponse)
  | ({ registered: false } & SchemaRefusedResponse);

/**
 * What a rule change came to: applied at once (a stricter rule), or an
 * approval request (a weaker one).
 *
 * @public
 */
export type SchemaRuleChangeResult =
  | ({ applied: true } & SchemaRuleChangeResponse)
  | { applied: false; request: ApprovalRequest };

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
  listSchemas(
    cluster: string,
    options?: SchemaListOptions,
  ): Promise<SchemaListResponse>;
  /** An artifact with its versions (oldest first) and effective rule. */
  getSchema(
    cluster: string,
    groupId: string,
    artifactId: string,
  ): Promise<SchemaDetailResponse>;
  getSchemaContent(
    cluster: string,
    groupId: string,
    artifactId: string,
    version: string,
  ): Promise<SchemaContentResponse>;
  /** Every difference between two versions, explained. */
  diffSchemaVersions(
    cluster: string,
    groupId: string,
    artifactId: string,
    from: string,
    to: string,
  ): Promise<SchemaDiffResponse>;
  /** A dry run: the verdict for a candidate, nothing registered. */
  validateSchema(
    cluster: string,
    groupId: string,
    artifactId: string,
    body: SchemaValidateRequest,
  ): Promise<SchemaValidateResponse>;
  /** Registers a version, or creates the artifact (then with `format`). */
  registerSchema(
    cluster: string,
    groupId: string,
    artifactId: string,
    body: Omit<SchemaRegisterRequest, 'override'>,
  ): Promise<SchemaRegistrationResult>;
  /** Asks for a refused version to be registered anyway, by approval. */
  requestSchemaOverride(
    cluster: string,
    groupId: string,
    artifactId: string,
    body: { content: string; reason: string },
  ): Promise<ApprovalRequest>;
  /** Sets the artifact's rule: at once when stricter, by approval when weaker. */
  changeSchemaRule(
    cluster: string,
    groupId: string,
    artifactId: string,
    body: SchemaRuleChangeRequest,
  ): Promise<SchemaRuleChangeResult>;
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
