import { ResponseError } from '@backstage/errors';
import type {
  ApprovalRequest,
  ClusterInfo,
  ClusterListResponse,
  ConnectorConfigField,
  ConnectorDetail,
  ConnectorSummary,
  ConnectorValidation,
  SchemaArtifact,
  SchemaDetailResponse,
  TopicDetail,
  TopicSummary,
} from '@eventport/plugin-event-streaming-common';
import type { EventStreamingApi } from '../api';
import { MONITORING_DEFAULTS } from './monitoringFixtures';

const METHODS: (keyof EventStreamingApi)[] = [
  'getHealth',
  'listClusters',
  'listTopics',
  'getTopic',
  'createTopic',
  'updateTopic',
  'requestTopicDeletion',
  'listSchemas',
  'getSchema',
  'getSchemaContent',
  'diffSchemaVersions',
  'validateSchema',
  'registerSchema',
  'requestSchemaOverride',
  'changeSchemaRule',
  'setSchemaState',
  'requestSchemaDeletion',
  'listConnectors',
  'getConnector',
  'pauseConnector',
  'resumeConnector',
  'stopConnector',
  'restartConnector',
  'restartConnectorTask',
  'listConnectorPlugins',
  'validateConnectorConfig',
  'getConnectorPluginForm',
  'requestConnectorCreation',
  'requestConnectorUpdate',
  'requestConnectorDeletion',
  'listApprovals',
  'getApproval',
  'getApprovalEvidence',
  'approve',
  'reject',
  'cancel',
  'listConsumerGroups',
  'getConsumerGroup',
  'getConsumerGroupHistory',
  'listTopicConsumers',
  'getEntityLag',
  'getTopicThroughput',
  'getPartitionDistribution',
  'getConnectorMetrics',
  'listAlertRules',
  'createAlertRule',
  'updateAlertRule',
  'deleteAlertRule',
  'listCdcDatabases',
  'introspectCdcSource',
  'preflightCdcSource',
  'previewCdcPipeline',
  'submitCdcPipeline',
  'listCdcPipelines',
  'getCdcPipeline',
  'getCdcPipelineStatus',
  'requestCdcDecommission',
  'operateCdcPipeline',
  'previewCdcChange',
  'requestCdcChange',
];

/**
 * A fake `EventStreamingApi` for tests: the given methods, the monitoring
 * reads' empty answers (`MONITORING_DEFAULTS`), no approval requests (the
 * resource pages ask for their open ones), and for every other one a
 * method that rejects with an error naming it, so a test that reaches an
 * unexpected call fails with a clear message.
 */
export function fakeApi(
  overrides: Partial<EventStreamingApi> = {},
): EventStreamingApi {
  const api: Partial<EventStreamingApi> = {};
  for (const method of METHODS) {
    (api as Record<string, unknown>)[method] =
      overrides[method] ??
      MONITORING_DEFAULTS[method] ??
      (method === 'listApprovals'
        ? async () => ({ items: [], totalCount: 0, canDecide: false })
        : undefined) ??
      (() =>
        Promise.reject(
          new Error(`EventStreamingApi.${method} is not stubbed in this test`),
        ));
  }
  return api as EventStreamingApi;
}

/** A dev cluster as `GET /clusters` describes it. */
export const devCluster: ClusterInfo = {
  name: 'dev-local',
  environment: 'dev',
  links: {
    grafana: 'https://grafana.example/d/topic?var-topic={topic}',
    kafkaUi: 'https://kafka-ui.example/{cluster}/topics/{topic}',
  },
  limits: {
    retentionMinMs: 3_600_000,
    retentionMaxMs: 30 * 86_400_000,
    maxPartitions: 48,
  },
  topicDefaults: {
    partitions: 3,
    replicationFactor: 3,
    retentionMs: 7 * 86_400_000,
    cleanupPolicy: 'delete',
  },
  schemaRegistry: true,
  connect: true,
};

/** Clusters and namespaces; the caller owns `team-a.` only. */
export const clusterList: ClusterListResponse = {
  clusters: [devCluster],
  namespaces: [
    { prefix: 'team-a.', owner: 'group:default/team-a', owned: true },
    { prefix: 'team-b.', owner: 'group:default/team-b', owned: false },
  ],
};

export function topicSummary(
  name: string,
  overrides: Partial<TopicSummary> = {},
): TopicSummary {
  return {
    name,
    partitions: 3,
    replicationFactor: 3,
    retentionMs: 7 * 86_400_000,
    cleanupPolicy: 'delete',
    namespace: name.startsWith('team-a.') ? 'team-a.' : null,
    owner: name.startsWith('team-a.') ? 'group:default/team-a' : null,
    internal: false,
    ...overrides,
  };
}

export function topicDetail(
  name: string,
  overrides: Partial<TopicDetail> = {},
): TopicDetail {
  return {
    ...topicSummary(name),
    cluster: 'dev-local',
    configs: [
      {
        name: 'retention.ms',
        value: '604800000',
        source: 'set',
        readOnly: false,
        sensitive: false,
      },
      {
        name: 'cleanup.policy',
        value: 'delete',
        source: 'default',
        readOnly: false,
        sensitive: false,
      },
    ],
    partitionDetails: [0, 1, 2].map(partition => ({
      partition,
      leader: partition + 1,
      replicas: [partition + 1, ((partition + 1) % 3) + 1],
      isr: [partition + 1],
      earliestOffset: '0',
      latestOffset: String(1000 + partition),
    })),
    canEdit: true,
    ...overrides,
  };
}

type TopicDeleteRequest = Extract<ApprovalRequest, { kind: 'topic.delete' }>;

export function approvalRequest(
  id: string,
  overrides: Partial<TopicDeleteRequest> = {},
): TopicDeleteRequest {
  return {
    id,
    kind: 'topic.delete',
    payload: { cluster: 'dev-local', topic: 'team-a.orders' },
    status: 'pending',
    requestedBy: 'user:default/guest',
    reason: 'Replaced by team-a.orders-v2',
    createdAt: '2026-11-24T10:00:00.000Z',
    updatedAt: '2026-11-24T10:00:00.000Z',
    decidedBy: null,
    error: null,
    expiresAt: '2026-12-01T10:00:00.000Z',
    history: [
      {
        at: '2026-11-24T10:00:00.000Z',
        actor: 'user:default/guest',
        action: 'requested',
        status: 'pending',
        comment: 'Replaced by team-a.orders-v2',
      },
    ],
    ...overrides,
  };
}

/** A ResponseError-shaped rejection as the client throws it. */
export async function responseError(
  status: number,
  message: string,
  name = 'InputError',
): Promise<Error> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name, message },
        response: { statusCode: status },
      }),
      {
        status,
        statusText: 'Error',
        headers: { 'Content-Type': 'application/json' },
      },
    ),
  );
}

/** An artifact as the schema list and detail describe it. */
export function schemaArtifact(
  artifactId: string,
  overrides: Partial<SchemaArtifact> = {},
): SchemaArtifact {
  const topic = /^(.+)-(key|value)$/.exec(artifactId)?.[1] ?? null;
  return {
    groupId: 'default',
    artifactId,
    artifactType: 'AVRO',
    format: 'AVRO',
    labels: {},
    createdOn: '2026-11-30T10:00:00.000Z',
    modifiedOn: '2026-12-01T10:00:00.000Z',
    topic,
    owner: topic?.startsWith('team-a.') ? 'group:default/team-a' : null,
    ...overrides,
  };
}

const avro = (fields: unknown[]) =>
  JSON.stringify({ type: 'record', name: 'Order', namespace: 'shop', fields });

/** Two versions of an Avro record: v2 adds a field with a default. */
export const ORDER_V1 = avro([{ name: 'id', type: 'string' }]);
export const ORDER_V2 = avro([
  { name: 'id', type: 'string' },
  { name: 'note', type: 'string', default: '' },
]);

export function schemaDetail(
  artifactId: string,
  overrides: Partial<SchemaDetailResponse> = {},
): SchemaDetailResponse {
  return {
    artifact: schemaArtifact(artifactId),
    versions: [
      {
        version: '1',
        globalId: 1,
        contentId: 1,
        createdOn: '2026-11-30T10:00:00.000Z',
      },
      {
        version: '2',
        globalId: 2,
        contentId: 2,
        createdOn: '2026-12-01T10:00:00.000Z',
      },
    ],
    rule: { mode: 'BACKWARD', source: 'artifact' },
    canRegister: true,
    ...overrides,
  };
}

export const FILE_SOURCE =
  'org.apache.kafka.connect.file.FileStreamSourceConnector';
export const FILE_SINK =
  'org.apache.kafka.connect.file.FileStreamSinkConnector';

/** A connector in the list: a running FileStream source of team-a. */
export function connectorSummary(
  name: string,
  overrides: Partial<ConnectorSummary> = {},
): ConnectorSummary {
  const team = /^(team-[ab])\./.exec(name)?.[1];
  const owner = team ? `group:default/${team}` : null;
  return {
    name,
    type: 'source',
    className: FILE_SOURCE,
    state: 'RUNNING',
    workerId: '127.0.0.1:8083',
    tasks: { total: 1, running: 1, failed: 0, paused: 0 },
    topics: ['team-a.lines'],
    owner,
    owned: owner === 'group:default/team-a',
    ...overrides,
  };
}

/** A connector's detail; the caller owns it unless told otherwise. */
export function connectorDetail(
  name: string,
  overrides: Partial<ConnectorDetail> = {},
): ConnectorDetail {
  return {
    ...connectorSummary(name),
    config: {
      'connector.class': FILE_SOURCE,
      name,
      file: '/tmp/lines.txt',
      topic: 'team-a.lines',
      'tasks.max': '1',
    },
    taskDetails: [{ id: 0, state: 'RUNNING', workerId: '127.0.0.1:8083' }],
    canOperate: true,
    canManage: true,
    ...overrides,
  };
}

/** One key of a plugin's config definition, as the validate route answers. */
export function configField(
  name: string,
  overrides: Partial<ConnectorConfigField> = {},
): ConnectorConfigField {
  return {
    name,
    type: 'STRING',
    required: false,
    defaultValue: null,
    importance: 'MEDIUM',
    documentation: '',
    group: null,
    displayName: name,
    order: 0,
    value: null,
    recommendedValues: [],
    errors: [],
    visible: true,
    ...overrides,
  };
}

/**
 * Connect's validation of a FileStream source config, as the real worker
 * answers in shape: the common connector keys and the plugin's own `file`,
 * `topic` (required) and `batch.size`, with errors for a missing topic and
 * a batch size below 1.
 */
export function fileSourceValidation(
  config: Record<string, string>,
): ConnectorValidation {
  const errors = (key: string): string[] => {
    if (key === 'topic' && !config.topic) {
      return [
        'Missing required configuration "topic" which has no default value.',
      ];
    }
    if (
      key === 'batch.size' &&
      config['batch.size'] &&
      Number(config['batch.size']) < 1
    ) {
      return [
        `Invalid value ${config['batch.size']} for configuration batch.size: Value must be at least 1`,
      ];
    }
    if (key === 'name' && !config.name) {
      return [
        'Missing required configuration "name" which has no default value.',
      ];
    }
    return [];
  };
  const fields = [
    configField('name', {
      group: 'Common',
      displayName: 'Connector name',
      order: 1,
      required: true,
    }),
    configField('connector.class', {
      group: 'Common',
      displayName: 'Connector class',
      order: 2,
      required: true,
    }),
    configField('tasks.max', {
      type: 'INT',
      group: 'Common',
      displayName: 'Tasks max',
      order: 3,
      defaultValue: '1',
      documentation: 'Maximum number of tasks to use for this connector.',
    }),
    configField('errors.tolerance', {
      group: 'Error Handling',
      displayName: 'Error tolerance',
      order: 3,
      defaultValue: 'none',
      recommendedValues: ['none', 'all'],
      documentation:
        'Behavior for tolerating errors during connector operation.',
    }),
    configField('errors.log.enable', {
      type: 'BOOLEAN',
      group: 'Error Handling',
      displayName: 'Log Errors',
      order: 4,
      defaultValue: 'false',
      documentation:
        'If true, write each error and the details of the failed operation to the Connect application log.',
    }),
    configField('file', {
      importance: 'HIGH',
      documentation:
        'Source filename. If not specified, the standard input will be used',
    }),
    configField('topic', {
      required: true,
      importance: 'HIGH',
      documentation: 'The topic to publish data to',
    }),
    configField('batch.size', {
      type: 'INT',
      defaultValue: '2000',
      importance: 'LOW',
      documentation:
        'The maximum number of records the source task can read from the file each time it is polled',
    }),
  ].map(f => ({
    ...f,
    value: config[f.name] ?? f.defaultValue,
    errors: errors(f.name),
  }));
  return {
    className: FILE_SOURCE,
    errorCount: fields.reduce((n, f) => n + f.errors.length, 0),
    groups: ['Common', 'Transforms', 'Error Handling'],
    fields,
  };
}

type ConnectorUpdateRequest = Extract<
  ApprovalRequest,
  { kind: 'connector.update' }
>;

/** A pending `connector.update` request of guest's. */
export function connectorUpdateRequest(
  id: string,
  overrides: Partial<ConnectorUpdateRequest> = {},
): ConnectorUpdateRequest {
  const { kind: _kind, payload: _payload, ...base } = approvalRequest(id);
  return {
    ...base,
    kind: 'connector.update',
    reason: 'Read a bigger batch',
    payload: {
      cluster: 'dev-local',
      name: 'team-a.lines-source',
      config: {
        'connector.class': FILE_SOURCE,
        file: '/tmp/lines.txt',
        topic: 'team-a.lines',
        'batch.size': '500',
      },
      changes: [
        { key: 'batch.size', change: 'added', after: '500' },
        { key: 'tasks.max', change: 'removed', before: '1' },
      ],
    },
    ...overrides,
  };
}
