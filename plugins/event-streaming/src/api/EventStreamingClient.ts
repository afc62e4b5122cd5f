import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ApprovalListResponse,
  approvalEvidenceSchema,
  approvalListResponseSchema,
  ApprovalRequest,
  approvalRequestSchema,
  ClusterListResponse,
  clusterListResponseSchema,
  ConnectorActionResponse,
  connectorActionResponseSchema,
  ConnectorDetail,
  connectorDetailSchema,
  ConnectorListResponse,
  connectorListResponseSchema,
  ConnectorPlugin,
  connectorPluginSchema,
  ConnectorValidation,
  connectorValidationSchema,
  CreateConnectorRequest,
  CreateTopicRequest,
  DeleteTopicRequest,
  HealthResponse,
  healthResponseSchema,
  SchemaContentResponse,
  schemaContentResponseSchema,
  SchemaDetailResponse,
  schemaDetailResponseSchema,
  SchemaDiffResponse,
  schemaDiffResponseSchema,
  SchemaListResponse,
  schemaListResponseSchema,
  schemaRefusedResponseSchema,
  SchemaRegisterRequest,
  schemaRegisterResponseSchema,
  SchemaRuleChangeRequest,
  schemaRuleChangeResponseSchema,
  SchemaDeleteRequest,
  SchemaStateChangeResponse,
  schemaStateChangeResponseSchema,
  SchemaVersionState,
  SchemaValidateRequest,
  SchemaValidateResponse,
  schemaValidateResponseSchema,
  TopicDetail,
  topicDetailSchema,
  TopicListResponse,
  topicListResponseSchema,
  UpdateConnectorRequest,
  UpdateTopicRequest,
} from '@eventport/plugin-event-streaming-common';
import {
  ApprovalListOptions,
  ConnectorListOptions,
  ConnectorRestartOptions,
  EventStreamingApi,
  SchemaListOptions,
  SchemaRegistrationResult,
  SchemaRuleChangeResult,
  TopicListOptions,
} from './EventStreamingApi';
import type { EventStreamingMonitoringApi as Monitoring } from './MonitoringApi';
import { MonitoringClient } from './MonitoringClient';
import type { EventStreamingCdcApi as Cdc } from './CdcApi';
import { CdcClient } from './CdcClient';
import { BackendTransport, enc, query } from './transport';

function artifactPath(cluster: string, groupId: string, artifactId: string) {
  return `/clusters/${enc(cluster)}/schemas/${enc(groupId)}/${enc(artifactId)}`;
}

function connectorsPath(cluster: string) {
  return `/clusters/${enc(cluster)}/connectors`;
}

function connectorPath(cluster: string, name: string) {
  return `${connectorsPath(cluster)}/${enc(name)}`;
}

/**
 * `EventStreamingApi` over HTTP; serves both frontend systems.
 *
 * @public
 */
export class EventStreamingClient implements EventStreamingApi {
  private readonly http: BackendTransport;

  // The monitoring routes, served by MonitoringClient over the same transport.
  readonly listConsumerGroups: Monitoring['listConsumerGroups'];
  readonly getConsumerGroup: Monitoring['getConsumerGroup'];
  readonly getConsumerGroupHistory: Monitoring['getConsumerGroupHistory'];
  readonly listTopicConsumers: Monitoring['listTopicConsumers'];
  readonly getEntityLag: Monitoring['getEntityLag'];
  readonly getTopicThroughput: Monitoring['getTopicThroughput'];
  readonly getPartitionDistribution: Monitoring['getPartitionDistribution'];
  readonly getConnectorMetrics: Monitoring['getConnectorMetrics'];
  readonly listAlertRules: Monitoring['listAlertRules'];
  readonly createAlertRule: Monitoring['createAlertRule'];
  readonly updateAlertRule: Monitoring['updateAlertRule'];
  readonly deleteAlertRule: Monitoring['deleteAlertRule'];
  // The CDC routes, served by CdcClient over the same transport.
  readonly listCdcDatabases: Cdc['listCdcDatabases'];
  readonly introspectCdcSource: Cdc['introspectCdcSource'];
  readonly preflightCdcSource: Cdc['preflightCdcSource'];
  readonly previewCdcPipeline: Cdc['previewCdcPipeline'];
  readonly submitCdcPipeline: Cdc['submitCdcPipeline'];
  readonly listCdcPipelines: Cdc['listCdcPipelines'];
  readonly getCdcPipeline: Cdc['getCdcPipeline'];
  readonly getCdcPipelineStatus: Cdc['getCdcPipelineStatus'];
  readonly requestCdcDecommission: Cdc['requestCdcDecommission'];
  readonly operateCdcPipeline: Cdc['operateCdcPipeline'];
  readonly previewCdcChange: Cdc['previewCdcChange'];
  readonly requestCdcChange: Cdc['requestCdcChange'];

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.http = new BackendTransport(options);
    const monitoring = new MonitoringClient(this.http);
    this.listConsumerGroups = (...args) =>
      monitoring.listConsumerGroups(...args);
    this.getConsumerGroup = (...args) => monitoring.getConsumerGroup(...args);
    this.getConsumerGroupHistory = (...args) =>
      monitoring.getConsumerGroupHistory(...args);
    this.listTopicConsumers = (...args) =>
      monitoring.listTopicConsumers(...args);
    this.getEntityLag = (...args) => monitoring.getEntityLag(...args);
    this.getTopicThroughput = (...args) =>
      monitoring.getTopicThroughput(...args);
    this.getPartitionDistribution = (...args) =>
      monitoring.getPartitionDistribution(...args);
    this.getConnectorMetrics = (...args) =>
      monitoring.getConnectorMetrics(...args);
    this.listAlertRules = (...args) => monitoring.listAlertRules(...args);
    this.createAlertRule = (...args) => monitoring.createAlertRule(...args);
    this.updateAlertRule = (...args) => monitoring.updateAlertRule(...args);
    this.deleteAlertRule = (...args) => monitoring.deleteAlertRule(...args);
    const cdc = new CdcClient(this.http);
    this.listCdcDatabases = () => cdc.listCdcDatabases();
    this.introspectCdcSource = (...args) => cdc.introspectCdcSource(...args);
    this.preflightCdcSource = (...args) => cdc.preflightCdcSource(...args);
    this.previewCdcPipeline = (...args) => cdc.previewCdcPipeline(...args);
    this.submitCdcPipeline = (...args) => cdc.submitCdcPipeline(...args);
    this.listCdcPipelines = (...args) => cdc.listCdcPipelines(...args);
    this.getCdcPipeline = (...args) => cdc.getCdcPipeline(...args);
    this.getCdcPipelineStatus = (...args) => cdc.getCdcPipelineStatus(...args);
    this.requestCdcDecommission = (...args) =>
      cdc.requestCdcDecommission(...args);
    this.operateCdcPipeline = (...args) => cdc.operateCdcPipeline(...args);
    this.previewCdcChange = (...args) => cdc.previewCdcChange(...args);
    this.requestCdcChange = (...args) => cdc.requestCdcChange(...args);
  }

  getHealth(): Promise<HealthResponse> {
    return this.http.request('/health', healthResponseSchema);
  }

  listClusters(): Promise<ClusterListResponse> {
    return this.http.request('/clusters', clusterListResponseSchema);
  }

  listTopics(
    cluster: string,
    options: TopicListOptions = {},
  ): Promise<TopicListResponse> {
    return this.http.request(
      `/clusters/${enc(cluster)}/topics${query({ ...options })}`,
      topicListResponseSchema,
    );
  }

  getTopic(cluster: string, topic: string): Promise<TopicDetail> {
    return this.http.request(
      `/clusters/${enc(cluster)}/topics/${enc(topic)}`,
      topicDetailSchema,
    );
  }

  createTopic(cluster: string, body: CreateTopicRequest): Promise<TopicDetail> {
    return this.http.request(
      `/clusters/${enc(cluster)}/topics`,
      topicDetailSchema,
      {
        method: 'POST',
        body,
      },
    );
  }

  updateTopic(
    cluster: string,
    topic: string,
    body: UpdateTopicRequest,
  ): Promise<TopicDetail> {
    return this.http.request(
      `/clusters/${enc(cluster)}/topics/${enc(topic)}`,
      topicDetailSchema,
      { method: 'PATCH', body },
    );
  }

  requestTopicDeletion(
    cluster: string,
    topic: string,
    body: DeleteTopicRequest,
  ): Promise<ApprovalRequest> {
    return this.http.request(
      `/clusters/${enc(cluster)}/topics/${enc(topic)}`,
      approvalRequestSchema,
      { method: 'DELETE', body },
    );
  }

  listSchemas(
    cluster: string,
    options: SchemaListOptions = {},
  ): Promise<SchemaListResponse> {
    return this.http.request(
      `/clusters/${enc(cluster)}/schemas${query({ ...options })}`,
      schemaListResponseSchema,
    );
  }

  getSchema(
    cluster: string,
    groupId: string,
    artifactId: string,
  ): Promise<SchemaDetailResponse> {
    return this.http.request(
      artifactPath(cluster, groupId, artifactId),
      schemaDetailResponseSchema,
    );
  }

  getSchemaContent(
    cluster: string,
    groupId: string,
    artifactId: string,
    version: string,
  ): Promise<SchemaContentResponse> {
    return this.http.request(
      `${artifactPath(cluster, groupId, artifactId)}/versions/${enc(
        version,
      )}/content`,
      schemaContentResponseSchema,
    );
  }

  diffSchemaVersions(
    cluster: string,
    groupId: string,
    artifactId: string,
    from: string,
    to: string,
  ): Promise<SchemaDiffResponse> {
    return this.http.request(
      `${artifactPath(cluster, groupId, artifactId)}/diff${query({
        from,
        to,
      })}`,
      schemaDiffResponseSchema,
    );
  }

  validateSchema(
    cluster: string,
    groupId: string,
    artifactId: string,
    body: SchemaValidateRequest,
  ): Promise<SchemaValidateResponse> {
    return this.http.request(
      `${artifactPath(cluster, groupId, artifactId)}/validate`,
      schemaValidateResponseSchema,
      { method: 'POST', body },
    );
  }

  async registerSchema(
    cluster: string,
    groupId: string,
    artifactId: string,
    body: Omit<SchemaRegisterRequest, 'override'>,
  ): Promise<SchemaRegistrationResult> {
    const path = `${artifactPath(cluster, groupId, artifactId)}/versions`;
    const response = await this.http.send(path, { method: 'POST', body });
    // A refusal by the registry's rule is an answer, not a failure: it
    // carries the explanation that the register form shows.
    if (response.status === 409) {
      const refused = schemaRefusedResponseSchema.safeParse(
        await response
          .clone()
          .json()
          .catch(() => undefined),
      );
      if (refused.success) return { registered: false, ...refused.data };
    }
    const created = await this.http.parse(
      path,
      response,
      schemaRegisterResponseSchema,
    );
    return { registered: true, ...created };
  }

  requestSchemaOverride(
    cluster: string,
    groupId: string,
    artifactId: string,
    body: { content: string; reason: string },
  ): Promise<ApprovalRequest> {
    return this.http.request(
      `${artifactPath(cluster, groupId, artifactId)}/versions`,
      approvalRequestSchema,
      {
        method: 'POST',
        body: { content: body.content, override: { reason: body.reason } },
      },
    );
  }

  setSchemaState(
    cluster: string,
    groupId: string,
    artifactId: string,
    version: string | undefined,
    state: SchemaVersionState,
  ): Promise<SchemaStateChangeResponse> {
    const base = artifactPath(cluster, groupId, artifactId);
    return this.http.request(
      version === undefined
        ? `${base}/state`
        : `${base}/versions/${enc(version)}/state`,
      schemaStateChangeResponseSchema,
      { method: 'PUT', body: { state } },
    );
  }

  requestSchemaDeletion(
    cluster: string,
    groupId: string,
    artifactId: string,
    body: SchemaDeleteRequest,
  ): Promise<ApprovalRequest> {
    return this.http.request(
      artifactPath(cluster, groupId, artifactId),
      approvalRequestSchema,
      { method: 'DELETE', body },
    );
  }

  async changeSchemaRule(
    cluster: string,
    groupId: string,
    artifactId: string,
    body: SchemaRuleChangeRequest,
  ): Promise<SchemaRuleChangeResult> {
    const path = `${artifactPath(cluster, groupId, artifactId)}/rule`;
    const response = await this.http.send(path, { method: 'PUT', body });
    if (response.status === 202) {
      const request = await this.http.parse(
        path,
        response,
        approvalRequestSchema,
      );
      return { applied: false, request };
    }
    const changed = await this.http.parse(
      path,
      response,
      schemaRuleChangeResponseSchema,
    );
    return { applied: true, ...changed };
  }

  listConnectors(
    cluster: string,
    options: ConnectorListOptions = {},
  ): Promise<ConnectorListResponse> {
    return this.http.request(
      `${connectorsPath(cluster)}${query({ ...options })}`,
      connectorListResponseSchema,
    );
  }

  getConnector(cluster: string, name: string): Promise<ConnectorDetail> {
    return this.http.request(
      connectorPath(cluster, name),
      connectorDetailSchema,
    );
  }

  pauseConnector(
    cluster: string,
    name: string,
  ): Promise<ConnectorActionResponse> {
    return this.operate(`${connectorPath(cluster, name)}/pause`);
  }

  resumeConnector(
    cluster: string,
    name: string,
  ): Promise<ConnectorActionResponse> {
    return this.operate(`${connectorPath(cluster, name)}/resume`);
  }

  stopConnector(
    cluster: string,
    name: string,
  ): Promise<ConnectorActionResponse> {
    return this.operate(`${connectorPath(cluster, name)}/stop`);
  }

  restartConnector(
    cluster: string,
    name: string,
    options: ConnectorRestartOptions = {},
  ): Promise<ConnectorActionResponse> {
    return this.operate(
      `${connectorPath(cluster, name)}/restart${query({
        includeTasks: options.includeTasks,
        onlyFailed: options.onlyFailed,
      })}`,
    );
  }

  restartConnectorTask(
    cluster: string,
    name: string,
    task: number,
  ): Promise<ConnectorActionResponse> {
    return this.operate(
      `${connectorPath(cluster, name)}/tasks/${enc(String(task))}/restart`,
    );
  }

  async listConnectorPlugins(cluster: string): Promise<ConnectorPlugin[]> {
    const path = `${connectorsPath(cluster)}/plugins`;
    const response = await this.http.send(path);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    // The answer is `{ plugins: [...] }`.
    const body = (await response.json()) as { plugins?: unknown } | null;
    return this.http.check(path, body?.plugins, connectorPluginSchema.array());
  }

  getConnectorPluginForm(
    cluster: string,
    className: string,
  ): Promise<ConnectorValidation> {
    return this.http.request(
      `${connectorsPath(cluster)}/plugins/${enc(className)}/config`,
      connectorValidationSchema,
    );
  }

  validateConnectorConfig(
    cluster: string,
    className: string,
    config: Record<string, string>,
    target: { name: string; owner?: string },
  ): Promise<ConnectorValidation> {
    const { name: _name, ...rest } = config;
    return this.http.request(
      `${connectorsPath(cluster)}/plugins/${enc(className)}/validate`,
      connectorValidationSchema,
      {
        method: 'PUT',
        body: {
          name: target.name,
          ...(target.owner ? { owner: target.owner } : {}),
          config: rest,
        },
      },
    );
  }

  requestConnectorCreation(
    cluster: string,
    body: CreateConnectorRequest,
  ): Promise<ApprovalRequest> {
    return this.http.request(connectorsPath(cluster), approvalRequestSchema, {
      method: 'POST',
      body,
    });
  }

  requestConnectorUpdate(
    cluster: string,
    name: string,
    body: UpdateConnectorRequest,
  ): Promise<ApprovalRequest> {
    return this.http.request(
      `${connectorPath(cluster, name)}/config`,
      approvalRequestSchema,
      { method: 'PUT', body },
    );
  }

  requestConnectorDeletion(
    cluster: string,
    name: string,
    body: { confirm: string; reason: string },
  ): Promise<ApprovalRequest> {
    return this.http.request(
      connectorPath(cluster, name),
      approvalRequestSchema,
      {
        method: 'DELETE',
        body,
      },
    );
  }

  listApprovals(
    options: ApprovalListOptions = {},
  ): Promise<ApprovalListResponse> {
    return this.http.request(
      `/approvals${query({ ...options })}`,
      approvalListResponseSchema,
    );
  }

  getApprovalEvidence(id: string) {
    return this.http.request(
      `/approvals/${encodeURIComponent(id)}/evidence`,
      approvalEvidenceSchema,
    );
  }

  getApproval(id: string): Promise<ApprovalRequest> {
    return this.http.request(`/approvals/${enc(id)}`, approvalRequestSchema);
  }

  approve(id: string, comment?: string): Promise<ApprovalRequest> {
    return this.http.request(
      `/approvals/${enc(id)}/approve`,
      approvalRequestSchema,
      {
        method: 'POST',
        body: comment ? { comment } : {},
      },
    );
  }

  reject(id: string, comment: string): Promise<ApprovalRequest> {
    return this.http.request(
      `/approvals/${enc(id)}/reject`,
      approvalRequestSchema,
      {
        method: 'POST',
        body: { comment },
      },
    );
  }

  cancel(id: string): Promise<ApprovalRequest> {
    return this.http.request(
      `/approvals/${enc(id)}/cancel`,
      approvalRequestSchema,
      {
        method: 'POST',
        body: {},
      },
    );
  }

  private operate(path: string): Promise<ConnectorActionResponse> {
    return this.http.request(path, connectorActionResponseSchema, {
      method: 'POST',
    });
  }
}
