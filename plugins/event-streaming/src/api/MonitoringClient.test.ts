import { ResponseError } from '@backstage/errors';
import { registerMswTestHooks } from '@backstage/test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  alertRule,
  connectorMetrics,
  consumerGroupDetail,
  consumerGroupSummary,
  groupHistory,
  partitionDistribution,
  topicThroughput,
} from '../__testUtils__/monitoringFixtures';
import { EventStreamingClient } from './EventStreamingClient';

const baseUrl = 'http://backend.test/api/event-streaming';

describe('EventStreamingClient monitoring', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new EventStreamingClient({
    discoveryApi: { getBaseUrl: async () => baseUrl },
    fetchApi: { fetch: (input, init) => fetch(input, init) },
  });

  /** Records what reached the server and answers with `body`. */
  function recordOnce(
    method: 'get' | 'post' | 'put' | 'delete',
    path: string,
    body: unknown,
    status = 200,
  ) {
    const seen: { url?: URL; body?: unknown; method?: string } = {};
    server.use(
      http[method](`${baseUrl}${path}`, async ({ request }) => {
        seen.url = new URL(request.url);
        seen.method = request.method;
        const text = await request.text();
        seen.body = text ? JSON.parse(text) : undefined;
        return status === 204
          ? new HttpResponse(null, { status })
          : HttpResponse.json(body as any, { status });
      }),
    );
    return seen;
  }

  it('lists one page of consumer groups with search, state and paging in the query', async () => {
    const page = {
      items: [consumerGroupSummary('team-a.audit')],
      totalCount: 50_000,
      offset: 50,
      limit: 25,
      unreachableBrokers: [],
    };
    const seen = recordOnce('get', '/clusters/dev-local/consumer-groups', page);
    await expect(
      client.listConsumerGroups('dev-local', {
        q: 'audit',
        state: 'Stable',
        offset: 50,
        limit: 25,
      }),
    ).resolves.toEqual(page);
    expect(Object.fromEntries(seen.url!.searchParams)).toEqual({
      q: 'audit',
      state: 'Stable',
      offset: '50',
      limit: '25',
    });
  });

  it('leaves out unset group filters', async () => {
    const seen = recordOnce('get', '/clusters/dev-local/consumer-groups', {
      items: [],
      totalCount: 0,
      offset: 0,
      limit: 25,
      unreachableBrokers: [2],
    });
    const page = await client.listConsumerGroups('dev-local', { q: '' });
    expect(seen.url!.search).toBe('');
    expect(page.unreachableBrokers).toEqual([2]);
  });

  it('encodes a group id with any characters as one path segment', async () => {
    const id = 'team a/orders#1?x=%';
    const detail = consumerGroupDetail(id);
    const seen = recordOnce(
      'get',
      '/clusters/dev-local/consumer-groups/*',
      detail,
    );
    await expect(client.getConsumerGroup('dev-local', id)).resolves.toEqual(
      detail,
    );
    expect(seen.url!.pathname).toBe(
      '/api/event-streaming/clusters/dev-local/consumer-groups/team%20a%2Forders%231%3Fx%3D%25',
    );
  });

  it('asks for the lag history over the given minutes', async () => {
    const history = groupHistory('team-a.audit');
    const seen = recordOnce(
      'get',
      '/clusters/dev-local/consumer-groups/team-a.audit/history',
      history,
    );
    await expect(
      client.getConsumerGroupHistory('dev-local', 'team-a.audit', 360),
    ).resolves.toEqual(history);
    expect(seen.url!.searchParams.get('minutes')).toBe('360');
  });

  it("gets a topic's consumers, throughput and distribution", async () => {
    const consumers = {
      topic: 'team-a.orders',
      items: [
        {
          groupId: 'team-a.audit',
          state: 'Stable',
          members: 2,
          lag: 10,
          maxTimeLagMs: null,
          status: 'OK' as const,
        },
      ],
    };
    recordOnce(
      'get',
      '/clusters/dev-local/topics/team-a.orders/consumer-groups',
      consumers,
    );
    await expect(
      client.listTopicConsumers('dev-local', 'team-a.orders'),
    ).resolves.toEqual(consumers);

    const throughput = topicThroughput('team-a.orders');
    const seenThroughput = recordOnce(
      'get',
      '/clusters/dev-local/topics/team-a.orders/throughput',
      throughput,
    );
    await expect(
      client.getTopicThroughput('dev-local', 'team-a.orders', 60),
    ).resolves.toEqual(throughput);
    expect(seenThroughput.url!.search).toBe('?minutes=60');

    const distribution = partitionDistribution('team-a.orders');
    const seenDistribution = recordOnce(
      'get',
      '/clusters/dev-local/distribution',
      distribution,
    );
    await expect(
      client.getPartitionDistribution('dev-local', { topic: 'team-a.orders' }),
    ).resolves.toEqual(distribution);
    expect(seenDistribution.url!.searchParams.get('topic')).toBe(
      'team-a.orders',
    );
    await client.getPartitionDistribution('dev-local');
    expect(seenDistribution.url!.search).toBe('');
  });

  it("gets a connector's task metrics, and passes a 503 on as a ResponseError", async () => {
    const metrics = connectorMetrics('team-a.lines-source');
    recordOnce(
      'get',
      '/clusters/dev-local/connectors/team-a.lines-source/metrics',
      metrics,
    );
    await expect(
      client.getConnectorMetrics('dev-local', 'team-a.lines-source'),
    ).resolves.toEqual(metrics);

    recordOnce(
      'get',
      '/clusters/dev-local/connectors/team-a.lines-source/metrics',
      {
        error: {
          name: 'ServiceUnavailableError',
          message: 'Kafka Connect is unavailable',
        },
        response: { statusCode: 503 },
      },
      503,
    );
    const error = await client
      .getConnectorMetrics('dev-local', 'team-a.lines-source')
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(503);
  });

  it('lists, creates, updates and deletes alert rules', async () => {
    const rule = alertRule('rule-1');
    const seenList = recordOnce('get', '/clusters/dev-local/alert-rules', {
      items: [rule],
    });
    await expect(
      client.listAlertRules('dev-local', { group: 'team-a.audit' }),
    ).resolves.toEqual({ items: [rule] });
    expect(Object.fromEntries(seenList.url!.searchParams)).toEqual({
      group: 'team-a.audit',
    });

    const seenCreate = recordOnce(
      'post',
      '/clusters/dev-local/alert-rules',
      rule,
      201,
    );
    const body = {
      target: { type: 'group' as const, group: 'team-a.audit' },
      kind: 'lag-messages' as const,
      threshold: 10_000,
      forSeconds: 300,
      severity: 'high' as const,
    };
    await expect(client.createAlertRule('dev-local', body)).resolves.toEqual(
      rule,
    );
    expect(seenCreate.method).toBe('POST');
    expect(seenCreate.body).toEqual(body);

    const seenUpdate = recordOnce(
      'put',
      '/clusters/dev-local/alert-rules/:id',
      { ...rule, severity: 'critical' },
    );
    const updated = await client.updateAlertRule('dev-local', 'rule 1', {
      kind: 'lag-messages',
      threshold: 10_000,
      forSeconds: 300,
      severity: 'critical',
      enabled: true,
    });
    expect(updated.severity).toBe('critical');
    expect(seenUpdate.method).toBe('PUT');
    expect(seenUpdate.url!.pathname).toBe(
      '/api/event-streaming/clusters/dev-local/alert-rules/rule%201',
    );
    expect(seenUpdate.body).toMatchObject({ severity: 'critical' });

    const seenDelete = recordOnce(
      'delete',
      '/clusters/dev-local/alert-rules/rule-1',
      undefined,
      204,
    );
    await expect(
      client.deleteAlertRule('dev-local', 'rule-1'),
    ).resolves.toBeUndefined();
    expect(seenDelete.method).toBe('DELETE');
  });

  it("keeps the backend's message when a rule change is refused", async () => {
    recordOnce(
      'delete',
      '/clusters/dev-local/alert-rules/rule-1',
      {
        error: {
          name: 'NotAllowedError',
          message: 'Only team-a may change this rule',
        },
        response: { statusCode: 403 },
      },
      403,
    );
    const error = await client
      .deleteAlertRule('dev-local', 'rule-1')
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.body.error.message).toBe('Only team-a may change this rule');
  });

  it('rejects a group detail of the wrong shape', async () => {
    recordOnce('get', '/clusters/dev-local/consumer-groups/team-a.audit', {
      groupId: 'team-a.audit',
    });
    await expect(
      client.getConsumerGroup('dev-local', 'team-a.audit'),
    ).rejects.toThrow(/Unexpected response/);
  });
});
