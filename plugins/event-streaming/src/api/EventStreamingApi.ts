import { createApiRef } from '@backstage/core-plugin-api';
import type {
  ApprovalListResponse,
  ApprovalEvidence,
  ApprovalRequest,
  ApprovalStatus,
  ClusterListResponse,
  ConnectorActionResponse,
  ConnectorDetail,
  ConnectorListResponse,
  ConnectorPlugin,
  ConnectorState,
  ConnectorValidation,
  CreateConnectorRequest,
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
  UpdateConnectorRequest,
  UpdateTopicRequest,
  SchemaDeleteRequest,
  SchemaStateChangeResponse,
  SchemaVersionState,
} from '@eventport/plugin-event-streaming-common';
import type { EventStreamingCdcApi } from './CdcApi';
import type { EventStreamingMonitoringApi } from './MonitoringApi';

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
  /** Only requests on resources the caller's groups own. */
  team?: boolean;
  /** Only requests on this resource (`approvalSubjects`). */
  subject?: string;
  /** Only pending, approved or executing requests. */
  open?: boolean;
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
  /** Only artifacts owned by one of the caller's groups. */
  owned?: boolean;
  /** Only the key and value schemas of this topic. */
  topic?: string;
  offset?: number;
  limit?: number;
}

/**
 * Paging and filters of the connector list.
 *
 * @public
 */
export interface ConnectorListOptions {
  /** Matches the connector name. */
  q?: string;
  state?: ConnectorState;
  type?: 'source' | 'sink';
  /** Only connectors the caller's teams own. */
  owned?: boolean;
  offset?: number;
  limit?: number;
}

/**
 * What a connector restart covers: the connector alone (the default), or
 * its tasks too, or only the failed ones.
 *
 * @public
 */
export interface ConnectorRestartOptions {
  includeTasks?: boolean;
  onlyFailed?: boolean;
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
export interface EventStreamingApi
  extends EventStreamingMonitoringApi,
    EventStreamingCdcApi {
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
  /**
   * Owners only, at once: sets one version's state (`version` given) or
   * every version's (deprecate the artifact, or enable it again).
   */
  setSchemaState(
    cluster: string,
    groupId: string,
    artifactId: string,
    version: string | undefined,
    state: SchemaVersionState,
  ): Promise<SchemaStateChangeResponse>;
  /**
   * Owners only: asks the platform approvers to delete the artifact
   * (refused while a topic that uses it exists).
   */
  requestSchemaDeletion(
    cluster: string,
    groupId: string,
    artifactId: string,
    body: SchemaDeleteRequest,
  ): Promise<ApprovalRequest>;
  /** A cluster's connectors with state and task counts (Kafka Connect). */
  listConnectors(
    cluster: string,
    options?: ConnectorListOptions,
  ): Promise<ConnectorListResponse>;
  /** A connector with its masked config, tasks, traces and topics. */
  getConnector(cluster: string, name: string): Promise<ConnectorDetail>;
  /** Self-service for owners: pauses the connector and its tasks. */
  pauseConnector(
    cluster: string,
    name: string,
  ): Promise<ConnectorActionResponse>;
  /** Self-service for owners: resumes a paused or stopped connector. */
  resumeConnector(
    cluster: string,
    name: string,
  ): Promise<ConnectorActionResponse>;
  /** Self-service for owners: stops the connector, shutting its tasks down. */
  stopConnector(
    cluster: string,
    name: string,
  ): Promise<ConnectorActionResponse>;
  /** Self-service for owners: restarts the connector (and tasks if asked). */
  restartConnector(
    cluster: string,
    name: string,
    options?: ConnectorRestartOptions,
  ): Promise<ConnectorActionResponse>;
  /** Self-service for owners: restarts one task. */
  restartConnectorTask(
    cluster: string,
    name: string,
    task: number,
  ): Promise<ConnectorActionResponse>;
  /** The connector plugins installed on the cluster's Connect workers. */
  listConnectorPlugins(cluster: string): Promise<ConnectorPlugin[]>;
  /** A plugin's settings as an empty form (no value is sent to Connect). */
  getConnectorPluginForm(
    cluster: string,
    className: string,
  ): Promise<ConnectorValidation>;
  /**
   * Connect's own validation of a config for the connector `target` names:
   * every key's definition and errors. It needs the right to create it.
   */
  validateConnectorConfig(
    cluster: string,
    className: string,
    config: Record<string, string>,
    target: { name: string; owner?: string },
  ): Promise<ConnectorValidation>;
  /** Asks for a new connector; answers the pending approval request. */
  requestConnectorCreation(
    cluster: string,
    body: CreateConnectorRequest,
  ): Promise<ApprovalRequest>;
  /** Asks for a new config; answers the approval request with the diff. */
  requestConnectorUpdate(
    cluster: string,
    name: string,
    body: UpdateConnectorRequest,
  ): Promise<ApprovalRequest>;
  /** Asks for the connector's deletion; `confirm` is its name. */
  requestConnectorDeletion(
    cluster: string,
    name: string,
    body: { confirm: string; reason: string },
  ): Promise<ApprovalRequest>;
  listApprovals(options?: ApprovalListOptions): Promise<ApprovalListResponse>;
  getApproval(id: string): Promise<ApprovalRequest>;
  /** The request's evidence as it is now (why it needs approval, the facts). */
  getApprovalEvidence(id: string): Promise<ApprovalEvidence>;
  approve(id: string, comment?: string): Promise<ApprovalRequest>;
  reject(id: string, comment: string): Promise<ApprovalRequest>;
  cancel(id: string): Promise<ApprovalRequest>;
}

/** @public */
export const eventStreamingApiRef = createApiRef<EventStreamingApi>({
  id: 'plugin.event-streaming.service',
});
