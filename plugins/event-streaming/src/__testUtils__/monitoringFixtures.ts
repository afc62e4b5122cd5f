import type {
  AlertRule,
  ConnectorMetrics,
  ConsumerGroupDetail,
  ConsumerGroupSummary,
  GroupLagHistory,
  PartitionDistribution,
  PartitionLag,
  TopicThroughput,
} from '@eventport/plugin-event-streaming-common';
import type { EventStreamingApi } from '../api';

/**
 * What the monitoring reads answer unless a test says otherwise: nothing
 * sampled yet. The topic and connector pages load them beside their own
 * data, so their tests need not stub them. Alert rule changes still reject.
 */
export const MONITORING_DEFAULTS: Partial<EventStreamingApi> = {
  getConsumerGroupHistory: async (_cluster, group) => ({
    groupId: group,
    points: [],
  }),
  listTopicConsumers: async (_cluster, topic) => ({ topic, items: [] }),
  getTopicThroughput: async (_cluster, topic) => ({
    topic,
    points: [],
    current: null,
    partitions: [],
    links: {},
  }),
  getPartitionDistribution: async (cluster, options) => ({
    cluster,
    topic: options?.topic,
    totalPartitions: 0,
    brokers: [],
    leaderSkew: 0,
    nonPreferredLeaders: 0,
    underReplicated: [],
    offline: 0,
  }),
  getConnectorMetrics: async (_cluster, name) => ({
    connector: name,
    windowMs: 3_600_000,
    taskStates: {},
    transitions: [],
    restartsInWindow: 0,
    failuresInWindow: 0,
    links: {},
  }),
  listAlertRules: async () => ({ items: [] }),
};

/** A group in the list: team-a's audit reader, stable and lagging. */
export function consumerGroupSummary(
  groupId: string,
  overrides: Partial<ConsumerGroupSummary> = {},
): ConsumerGroupSummary {
  return {
    groupId,
    state: 'Stable',
    protocolType: 'consumer',
    members: 2,
    topics: ['team-a.orders'],
    totalLag: 1234,
    status: 'LAGGING',
    owner: groupId.startsWith('team-a.') ? 'group:default/team-a' : null,
    ...overrides,
  };
}

/** Lag of a group on one partition of team-a.orders. */
export function partitionLag(
  partition: number,
  overrides: Partial<PartitionLag> = {},
): PartitionLag {
  return {
    topic: 'team-a.orders',
    partition,
    committedOffset: String(1000 + partition * 100),
    endOffset: String(1400 + partition * 100),
    lag: 400,
    timeLagMs: 90_000,
    timeLagAtLeast: false,
    consumeRate: 8,
    produceRate: 10,
    catchUp: { kind: 'never' },
    memberId: 'consumer-1-a1b2',
    clientId: 'audit-reader-1',
    ...overrides,
  };
}

/**
 * A lagging group of two members reading team-a.orders: partition 0 has
 * no lag, partition 1 lags by 400 for 90 s, partition 2 by 834 for at
 * least 5 minutes, unassigned.
 */
export function consumerGroupDetail(
  groupId: string,
  overrides: Partial<ConsumerGroupDetail> = {},
): ConsumerGroupDetail {
  return {
    ...consumerGroupSummary(groupId),
    cluster: 'dev-local',
    statusReason: 'Lag grew by 600 messages over the last 15 minutes.',
    maxTimeLagMs: 300_000,
    catchUp: { kind: 'never' },
    consumeRate: 16,
    produceRate: 20,
    windowMs: 900_000,
    members: [
      {
        memberId: 'consumer-1-a1b2',
        clientId: 'audit-reader-1',
        host: '/10.0.0.7',
        assignments: [{ topic: 'team-a.orders', partitions: [0, 1] }],
      },
      {
        memberId: 'consumer-2-c3d4',
        clientId: 'audit-reader-2',
        host: '/10.0.0.8',
        assignments: [],
      },
    ],
    partitions: [
      partitionLag(0, {
        lag: 0,
        timeLagMs: 0,
        catchUp: { kind: 'caught-up' },
      }),
      partitionLag(1, { catchUp: { kind: 'eta', ms: 200_000 } }),
      partitionLag(2, {
        lag: 834,
        timeLagMs: 300_000,
        timeLagAtLeast: true,
        memberId: null,
        clientId: null,
      }),
    ],
    links: {},
    sampledAt: '2026-12-03T10:00:00.000Z',
    canManageAlerts: true,
    ...overrides,
  };
}

/** Three samples a minute apart: lag 100, 400, 1234. */
export function groupHistory(groupId: string): GroupLagHistory {
  return {
    groupId,
    points: [
      { at: '2026-12-03T09:58:00.000Z', lag: 100, timeLagMs: 10_000 },
      { at: '2026-12-03T09:59:00.000Z', lag: 400, timeLagMs: 60_000 },
      { at: '2026-12-03T10:00:00.000Z', lag: 1234, timeLagMs: null },
    ],
  };
}

/** A rule on a group: lag above 10,000 messages for 5 minutes, firing. */
export function alertRule(
  id: string,
  overrides: Partial<AlertRule> = {},
): AlertRule {
  return {
    id,
    cluster: 'dev-local',
    target: { type: 'group', group: 'team-a.audit' },
    kind: 'lag-messages',
    threshold: 10_000,
    forSeconds: 300,
    severity: 'high',
    enabled: true,
    owner: 'group:default/team-a',
    createdBy: 'user:default/guest',
    createdAt: '2026-12-01T10:00:00.000Z',
    updatedAt: '2026-12-01T10:00:00.000Z',
    instances: [
      {
        groupId: 'team-a.audit',
        state: 'firing',
        since: '2026-12-03T09:40:00.000Z',
        value: 12_000,
      },
    ],
    canEdit: true,
    ...overrides,
  };
}

/** Throughput into a topic: three samples, 12.5 msg/s now. */
export function topicThroughput(
  topic: string,
  overrides: Partial<TopicThroughput> = {},
): TopicThroughput {
  return {
    topic,
    points: [
      { at: '2026-12-03T09:58:00.000Z', messagesPerSecond: 4 },
      { at: '2026-12-03T09:59:00.000Z', messagesPerSecond: 20 },
      { at: '2026-12-03T10:00:00.000Z', messagesPerSecond: 12.5 },
    ],
    current: 12.5,
    partitions: [
      { partition: 0, messagesPerSecond: 6 },
      { partition: 1, messagesPerSecond: 6.5 },
      { partition: 2, messagesPerSecond: null },
    ],
    links: {},
    ...overrides,
  };
}

/**
 * Three brokers, broker 3 offline; partition 2 of the topic is
 * under-replicated (replicas 3 and 1, only 1 in sync).
 */
export function partitionDistribution(
  topic: string,
  overrides: Partial<PartitionDistribution> = {},
): PartitionDistribution {
  return {
    cluster: 'dev-local',
    topic,
    totalPartitions: 3,
    brokers: [
      { nodeId: 1, online: true, leaders: 2, replicas: 3 },
      { nodeId: 2, online: true, leaders: 1, replicas: 2 },
      { nodeId: 3, online: false, leaders: 0, replicas: 1 },
    ],
    leaderSkew: 1,
    nonPreferredLeaders: 1,
    underReplicated: [
      { topic, partition: 2, leader: 1, replicas: [3, 1], isr: [1] },
    ],
    offline: 0,
    ...overrides,
  };
}

/** A connector's task health: one of two tasks failed, restarted once. */
export function connectorMetrics(
  connector: string,
  overrides: Partial<ConnectorMetrics> = {},
): ConnectorMetrics {
  return {
    connector,
    windowMs: 3_600_000,
    taskStates: { RUNNING: 1, FAILED: 1 },
    transitions: [
      {
        taskId: 1,
        at: '2026-12-03T09:50:00.000Z',
        from: 'RUNNING',
        to: 'FAILED',
      },
      {
        taskId: 0,
        at: '2026-12-03T09:30:00.000Z',
        from: null,
        to: 'RUNNING',
      },
    ],
    restartsInWindow: 1,
    failuresInWindow: 2,
    links: {},
    ...overrides,
  };
}
