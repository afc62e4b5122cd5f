import { ResponseError } from '@backstage/errors';
import type {
  ApprovalRequest,
  ClusterInfo,
  ClusterListResponse,
  SchemaArtifact,
  SchemaDetailResponse,
  TopicDetail,
  TopicSummary,
} from '@eventport/plugin-event-streaming-common';
import type { EventStreamingApi } from '../api';

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
  'listApprovals',
  'getApproval',
  'approve',
  'reject',
  'cancel',
];

/**
 * A fake `EventStreamingApi` for tests: the given methods, and for every other
 * one a method that rejects with an error naming it, so a test that reaches an
 * unexpected call fails with a clear message.
 */
export function fakeApi(
  overrides: Partial<EventStreamingApi> = {},
): EventStreamingApi {
  const api: Partial<EventStreamingApi> = {};
  for (const method of METHODS) {
    (api as Record<string, unknown>)[method] =
      overrides[method] ??
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
