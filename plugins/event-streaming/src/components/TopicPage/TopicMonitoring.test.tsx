import { screen, within } from '@testing-library/react';
import type { EventStreamingApi } from '../../api';
import {
  clusterList,
  fakeApi,
  responseError,
  topicDetail,
} from '../../__testUtils__/fakeApi';
import {
  alertRule,
  partitionDistribution,
  topicThroughput,
} from '../../__testUtils__/monitoringFixtures';
import { renderPageAt } from '../../__testUtils__/render';

const TOPIC = 'team-a.orders';
const path = `/event-streaming/clusters/dev-local/topics/${TOPIC}`;

function renderTopic(overrides: Partial<EventStreamingApi> = {}) {
  const api = fakeApi({
    listClusters: async () => clusterList,
    getTopic: async (_c, topic) => topicDetail(topic),
    listSchemas: async () => ({
      items: [],
      totalCount: 0,
      offset: 0,
      limit: 25,
    }),
    getTopicThroughput: jest.fn(async (_c: string, topic: string) =>
      topicThroughput(topic, {
        links: {
          grafana: 'https://grafana.example/d/topic?var-topic=team-a.orders',
        },
      }),
    ),
    getPartitionDistribution: jest.fn(
      async (_c: string, options?: { topic?: string }) =>
        partitionDistribution(options?.topic ?? ''),
    ),
    listTopicConsumers: async (_c, topic) => ({
      topic,
      items: [
        {
          groupId: 'team-b.search-indexer',
          state: 'Empty',
          members: 0,
          lag: 12,
          maxTimeLagMs: null,
          status: 'EMPTY',
        },
        {
          groupId: 'team-a.audit',
          state: 'Stable',
          members: 2,
          lag: 1234,
          maxTimeLagMs: 90_000,
          status: 'STALLED',
        },
      ],
    }),
    ...overrides,
  });
  return renderPageAt(path, api).then(() => api);
}

describe('TopicPage monitoring', () => {
  it('charts the throughput with the current rate and links to the tools', async () => {
    const api = await renderTopic();
    const chart = await screen.findByRole('img', {
      name: `Messages per second into ${TOPIC} over the last hour`,
    });
    expect(chart).toHaveAccessibleDescription(
      'Messages per second: 3 samples; latest 12.5 msg/s, lowest 4 msg/s, highest 20 msg/s.',
    );
    expect(screen.getByText('Now: 12.5 msg/s')).toBeInTheDocument();
    expect(api.getTopicThroughput).toHaveBeenCalledWith('dev-local', TOPIC, 60);
    expect(
      screen.getByRole('link', { name: 'Open in Grafana' }),
    ).toHaveAttribute(
      'href',
      'https://grafana.example/d/topic?var-topic=team-a.orders',
    );
    // Only the links the backend filled in for the throughput.
    expect(screen.queryByRole('link', { name: 'Open in Kafka UI' })).toBeNull();
  });

  it('shows leaders and replicas per broker and lists under-replicated partitions in words', async () => {
    const api = await renderTopic();
    const chart = await screen.findByRole('img', {
      name: `Leaders and replicas of ${TOPIC} per broker`,
    });
    expect(chart).toHaveAccessibleDescription(
      'Broker 1: 2 leaders, 3 replicas. Broker 2: 1 leader, 2 replicas. Broker 3 (offline): 0 leaders, 1 replica.',
    );
    expect(api.getPartitionDistribution).toHaveBeenCalledWith('dev-local', {
      topic: TOPIC,
    });
    expect(
      screen.getByText(
        'Leader skew: 1.00 (0 is even). 1 partition is not led by the preferred replica.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Warning: 1 partition under-replicated, 0 offline.'),
    ).toBeInTheDocument();
    const list = screen.getByRole('list', {
      name: `Under-replicated partitions of ${TOPIC}`,
    });
    expect(within(list).getAllByRole('listitem')).toHaveLength(1);
    expect(list).toHaveTextContent(
      'Partition 2: leader 1, in sync 1 of replicas 3, 1',
    );
  });

  it('says when every partition is fully replicated', async () => {
    await renderTopic({
      getPartitionDistribution: async () =>
        partitionDistribution(TOPIC, {
          underReplicated: [],
          leaderSkew: 0,
          nonPreferredLeaders: 0,
        }),
    });
    expect(
      await screen.findByText('All 3 partitions fully replicated.'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/^Warning:/)).toBeNull();
    expect(
      screen.getByText(
        'Leader skew: 0.00 (0 is even). 0 partitions are not led by the preferred replica.',
      ),
    ).toBeInTheDocument();
  });

  it('lists the groups reading the topic, largest lag first, linking to their pages', async () => {
    await renderTopic();
    const table = await screen.findByRole('table', {
      name: `Consumer groups reading ${TOPIC}`,
    });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map(r => r.querySelector('a')?.textContent)).toEqual([
      'team-a.audit',
      'team-b.search-indexer',
    ]);
    expect(within(rows[0]).getByRole('link')).toHaveAttribute(
      'href',
      '/event-streaming/clusters/dev-local/consumer-groups/team-a.audit',
    );
    expect(within(rows[0]).getByText('1,234')).toBeInTheDocument();
    expect(within(rows[0]).getByText('1 min 30 s')).toBeInTheDocument();
    expect(
      within(rows[0]).getByText('Stalled').closest('[data-status]'),
    ).toHaveAttribute('data-status', 'STALLED');
    expect(within(rows[1]).getByText('unknown')).toBeInTheDocument();
    expect(within(rows[1]).getByText('No members')).toBeInTheDocument();
  });

  it("lists the topic's alert rules and offers a new one to those who may edit the topic", async () => {
    const listAlertRules = jest.fn(async () => ({
      items: [
        alertRule('rule-1', {
          target: { type: 'topic', topic: TOPIC },
          instances: [],
        }),
      ],
    }));
    await renderTopic({ listAlertRules });
    expect(
      await screen.findByRole('table', { name: `Alert rules of ${TOPIC}` }),
    ).toHaveTextContent('Lag above 10,000 messages');
    expect(listAlertRules).toHaveBeenCalledWith('dev-local', { topic: TOPIC });
    expect(
      screen.getByRole('button', { name: 'New alert rule' }),
    ).toBeInTheDocument();
    expect(screen.getByText('not evaluated yet')).toBeInTheDocument();
  });

  it('offers no new alert rule to those who may not edit the topic', async () => {
    await renderTopic({
      getTopic: async (_c, topic) => topicDetail(topic, { canEdit: false }),
    });
    expect(
      await screen.findByText(`No alert rules for ${TOPIC}.`),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'New alert rule' })).toBeNull();
  });

  it('keeps the page when the monitoring routes fail, saying so in each card', async () => {
    const unavailable = () =>
      responseError(
        503,
        'Monitoring is not enabled on this backend',
        'ServiceUnavailableError',
      );
    await renderTopic({
      getTopicThroughput: async () => {
        throw await unavailable();
      },
      listTopicConsumers: async () => {
        throw await unavailable();
      },
    });
    expect(
      await screen.findByText(
        'Could not load the throughput: Monitoring is not enabled on this backend',
      ),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(
        'Could not load the consumer groups: Monitoring is not enabled on this backend',
      ),
    ).toBeInTheDocument();
    // The rest of the page is there.
    expect(screen.getByText('In-sync replicas')).toBeInTheDocument();
    expect(
      await screen.findByRole('img', {
        name: `Leaders and replicas of ${TOPIC} per broker`,
      }),
    ).toBeInTheDocument();
  });
});
