import { registerMswTestHooks } from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  approvalRequest,
  clusterList,
  connectorDetail,
  connectorSummary,
  connectorUpdateRequest,
  FILE_SOURCE,
  fileSourceValidation,
  topicDetail,
  topicSummary,
} from '../__testUtils__/fakeApi';
import { EventStreamingClient } from './EventStreamingClient';

const baseUrl = 'http://backend.test/api/event-streaming';

describe('EventStreamingClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new EventStreamingClient({
    discoveryApi: { getBaseUrl: async () => baseUrl },
    fetchApi: { fetch: (input, init) => fetch(input, init) },
  });

  it('returns the parsed health report', async () => {
    const body = {
      status: 'ok',
      checkedAt: '2026-11-24T10:00:00.000Z',
      clusters: [
        {
          name: 'dev-local',
          environment: 'dev',
          reachable: true,
          latencyMs: 3,
        },
      ],
    };
    server.use(http.get(`${baseUrl}/health`, () => HttpResponse.json(body)));
    await expect(client.getHealth()).resolves.toEqual(body);
  });

  it('turns an error response into a ResponseError with the backend message', async () => {
    server.use(
      http.get(`${baseUrl}/health`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'AuthenticationError',
              message: 'Missing credentials',
            },
            response: { statusCode: 401 },
          },
          { status: 401 },
        ),
      ),
    );
    const error = await client.getHealth().catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(401);
    expect(error.body.error.message).toBe('Missing credentials');
  });

  it('rejects a response of the wrong shape', async () => {
    server.use(
      http.get(`${baseUrl}/health`, () => HttpResponse.json({ status: 'meh' })),
    );
    await expect(client.getHealth()).rejects.toThrow(/Unexpected response/);
  });

  describe('topics and approvals', () => {
    /** Records what reached the server and answers with `body`. */
    function recordOnce(
      method: 'get' | 'post' | 'put' | 'patch' | 'delete',
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
          return HttpResponse.json(body as any, { status });
        }),
      );
      return seen;
    }

    it('lists clusters', async () => {
      const seen = recordOnce('get', '/clusters', clusterList);
      await expect(client.listClusters()).resolves.toEqual(clusterList);
      expect(seen.method).toBe('GET');
    });

    it('lists topics with paging, search and the owned filter in the query', async () => {
      const page = {
        items: [topicSummary('team-a.orders')],
        totalCount: 1,
        offset: 25,
        limit: 25,
      };
      const seen = recordOnce('get', '/clusters/dev-local/topics', page);
      await expect(
        client.listTopics('dev-local', {
          owned: false,
          q: 'ord ers',
          offset: 25,
          limit: 25,
        }),
      ).resolves.toEqual(page);
      expect(Object.fromEntries(seen.url!.searchParams)).toEqual({
        owned: 'false',
        q: 'ord ers',
        offset: '25',
        limit: '25',
      });
    });

    it('leaves out empty filters', async () => {
      const seen = recordOnce('get', '/clusters/dev-local/topics', {
        items: [],
        totalCount: 0,
        offset: 0,
        limit: 25,
      });
      await client.listTopics('dev-local', { q: '' });
      expect(seen.url!.search).toBe('');
    });

    it('gets one topic, encoding the path', async () => {
      const detail = topicDetail('team-a.orders');
      const seen = recordOnce(
        'get',
        '/clusters/dev%20eu/topics/team-a.orders',
        detail,
      );
      await expect(client.getTopic('dev eu', 'team-a.orders')).resolves.toEqual(
        detail,
      );
      expect(seen.url!.pathname).toBe(
        '/api/event-streaming/clusters/dev%20eu/topics/team-a.orders',
      );
    });

    it('creates a topic with POST and the JSON body', async () => {
      const detail = topicDetail('team-a.orders');
      const seen = recordOnce(
        'post',
        '/clusters/dev-local/topics',
        detail,
        201,
      );
      const body = {
        name: 'team-a.orders',
        partitions: 6,
        retentionMs: 3_600_000,
      };
      await expect(client.createTopic('dev-local', body)).resolves.toEqual(
        detail,
      );
      expect(seen.method).toBe('POST');
      expect(seen.body).toEqual(body);
    });

    it('updates a topic with PATCH', async () => {
      const detail = topicDetail('team-a.orders', { partitions: 6 });
      const seen = recordOnce(
        'patch',
        '/clusters/dev-local/topics/team-a.orders',
        detail,
      );
      await expect(
        client.updateTopic('dev-local', 'team-a.orders', { partitions: 6 }),
      ).resolves.toEqual(detail);
      expect(seen.body).toEqual({ partitions: 6 });
    });

    it('asks for deletion with DELETE and a body, accepting 202', async () => {
      const pending = approvalRequest('req-1');
      const seen = recordOnce(
        'delete',
        '/clusters/dev-local/topics/team-a.orders',
        pending,
        202,
      );
      await expect(
        client.requestTopicDeletion('dev-local', 'team-a.orders', {
          confirm: 'team-a.orders',
          reason: 'Replaced',
        }),
      ).resolves.toEqual(pending);
      expect(seen.method).toBe('DELETE');
      expect(seen.body).toEqual({
        confirm: 'team-a.orders',
        reason: 'Replaced',
      });
    });

    it('lists approvals with status, mine and paging', async () => {
      const list = {
        items: [approvalRequest('req-1')],
        totalCount: 1,
        canDecide: true,
      };
      const seen = recordOnce('get', '/approvals', list);
      await expect(
        client.listApprovals({
          status: 'pending',
          mine: true,
          offset: 0,
          limit: 25,
        }),
      ).resolves.toEqual(list);
      expect(Object.fromEntries(seen.url!.searchParams)).toEqual({
        status: 'pending',
        mine: 'true',
        offset: '0',
        limit: '25',
      });
    });

    it('gets one approval', async () => {
      const request = approvalRequest('req 1');
      const seen = recordOnce('get', '/approvals/req%201', request);
      await expect(client.getApproval('req 1')).resolves.toEqual(request);
      expect(seen.method).toBe('GET');
    });

    it('approves with and without a comment', async () => {
      const done = approvalRequest('req-1', { status: 'approved' });
      let seen = recordOnce('post', '/approvals/req-1/approve', done);
      await expect(client.approve('req-1', 'ok')).resolves.toEqual(done);
      expect(seen.body).toEqual({ comment: 'ok' });
      seen = recordOnce('post', '/approvals/req-1/approve', done);
      await client.approve('req-1');
      expect(seen.body).toEqual({});
    });

    it('rejects with the comment and cancels with an empty body', async () => {
      const rejected = approvalRequest('req-1', { status: 'rejected' });
      const seenReject = recordOnce(
        'post',
        '/approvals/req-1/reject',
        rejected,
      );
      await expect(client.reject('req-1', 'no')).resolves.toEqual(rejected);
      expect(seenReject.body).toEqual({ comment: 'no' });
      const cancelled = approvalRequest('req-1', { status: 'cancelled' });
      const seenCancel = recordOnce(
        'post',
        '/approvals/req-1/cancel',
        cancelled,
      );
      await expect(client.cancel('req-1')).resolves.toEqual(cancelled);
      expect(seenCancel.body).toEqual({});
    });

    it('lists connectors with the filters in the query, leaving out unset ones', async () => {
      const list = {
        items: [connectorSummary('team-a.lines-source')],
        totalCount: 1,
      };
      const seen = recordOnce('get', '/clusters/dev-local/connectors', list);
      await expect(
        client.listConnectors('dev-local', {
          q: 'lines',
          state: 'FAILED',
          type: 'sink',
          owned: true,
          offset: 0,
          limit: 25,
        }),
      ).resolves.toEqual(list);
      expect(Object.fromEntries(seen.url!.searchParams)).toEqual({
        q: 'lines',
        state: 'FAILED',
        type: 'sink',
        owned: 'true',
        offset: '0',
        limit: '25',
      });
      const bare = recordOnce('get', '/clusters/dev-local/connectors', list);
      await client.listConnectors('dev-local', { q: '', state: undefined });
      expect(bare.url!.search).toBe('');
    });

    it('gets a connector, encoding its name', async () => {
      const detail = connectorDetail('team-a.lines source');
      const seen = recordOnce(
        'get',
        '/clusters/dev-local/connectors/team-a.lines%20source',
        detail,
      );
      await expect(
        client.getConnector('dev-local', 'team-a.lines source'),
      ).resolves.toEqual(detail);
      expect(seen.url!.pathname).toBe(
        '/api/event-streaming/clusters/dev-local/connectors/team-a.lines%20source',
      );
    });

    it('pauses, resumes, stops and restarts with POST and no body', async () => {
      const base = '/clusters/dev-local/connectors/team-a.x';
      for (const action of ['pause', 'resume', 'stop'] as const) {
        const answer = { name: 'team-a.x', action, state: 'PAUSED' };
        const seen = recordOnce('post', `${base}/${action}`, answer);
        const call = {
          pause: () => client.pauseConnector('dev-local', 'team-a.x'),
          resume: () => client.resumeConnector('dev-local', 'team-a.x'),
          stop: () => client.stopConnector('dev-local', 'team-a.x'),
        }[action];
        await expect(call()).resolves.toEqual(answer);
        expect(seen.method).toBe('POST');
        expect(seen.body).toBeUndefined();
      }
      const restart = { name: 'team-a.x', action: 'restart', state: 'RUNNING' };
      let seen = recordOnce('post', `${base}/restart`, restart);
      await client.restartConnector('dev-local', 'team-a.x', {
        includeTasks: true,
        onlyFailed: false,
      });
      expect(Object.fromEntries(seen.url!.searchParams)).toEqual({
        includeTasks: 'true',
        onlyFailed: 'false',
      });
      seen = recordOnce('post', `${base}/tasks/2/restart`, {
        ...restart,
        action: 'restart-task',
      });
      await expect(
        client.restartConnectorTask('dev-local', 'team-a.x', 2),
      ).resolves.toMatchObject({ action: 'restart-task' });
      expect(seen.method).toBe('POST');
    });

    it('lists plugins from { plugins } and validates a config with PUT', async () => {
      const plugins = [
        { className: FILE_SOURCE, type: 'source', version: '4.1.0' },
      ];
      recordOnce('get', '/clusters/dev-local/connectors/plugins', { plugins });
      await expect(client.listConnectorPlugins('dev-local')).resolves.toEqual(
        plugins,
      );
      const validation = fileSourceValidation({ topic: 't' });
      const seen = recordOnce(
        'put',
        `/clusters/dev-local/connectors/plugins/${FILE_SOURCE}/validate`,
        validation,
      );
      await expect(
        client.validateConnectorConfig(
          'dev-local',
          FILE_SOURCE,
          { topic: 't', name: 'ignored' },
          { name: 'team-a.src' },
        ),
      ).resolves.toEqual(validation);
      expect(seen.body).toEqual({ name: 'team-a.src', config: { topic: 't' } });
      const form = recordOnce(
        'get',
        `/clusters/dev-local/connectors/plugins/${FILE_SOURCE}/config`,
        validation,
      );
      await expect(
        client.getConnectorPluginForm('dev-local', FILE_SOURCE),
      ).resolves.toEqual(validation);
      expect(form.body).toBeUndefined();
    });

    it('rejects a plugin list of the wrong shape', async () => {
      recordOnce('get', '/clusters/dev-local/connectors/plugins', [
        { className: FILE_SOURCE },
      ]);
      await expect(client.listConnectorPlugins('dev-local')).rejects.toThrow(
        /Unexpected response .*connectors\/plugins/,
      );
    });

    it('requests a create, an update and a deletion, accepting 202', async () => {
      const pending = connectorUpdateRequest('req-5');
      let seen = recordOnce(
        'post',
        '/clusters/dev-local/connectors',
        pending,
        202,
      );
      const create = {
        name: 'team-a.lines-source',
        config: { 'connector.class': FILE_SOURCE, topic: 'team-a.lines' },
        reason: 'Demo',
      };
      await expect(
        client.requestConnectorCreation('dev-local', create),
      ).resolves.toEqual(pending);
      expect(seen.body).toEqual(create);
      seen = recordOnce(
        'put',
        '/clusters/dev-local/connectors/team-a.lines-source/config',
        pending,
        202,
      );
      const update = { config: create.config, reason: 'Bigger batch' };
      await client.requestConnectorUpdate(
        'dev-local',
        'team-a.lines-source',
        update,
      );
      expect(seen.method).toBe('PUT');
      expect(seen.body).toEqual(update);
      seen = recordOnce(
        'delete',
        '/clusters/dev-local/connectors/team-a.lines-source',
        pending,
        202,
      );
      await client.requestConnectorDeletion(
        'dev-local',
        'team-a.lines-source',
        {
          confirm: 'team-a.lines-source',
          reason: 'Gone',
        },
      );
      expect(seen.method).toBe('DELETE');
      expect(seen.body).toEqual({
        confirm: 'team-a.lines-source',
        reason: 'Gone',
      });
    });

    it("keeps the backend's message of a refused create", async () => {
      server.use(
        http.post(`${baseUrl}/clusters/dev-local/topics`, () =>
          HttpResponse.json(
            {
              error: {
                name: 'InputError',
                message: "Topic names must start with your namespace 'team-a.'",
              },
              response: { statusCode: 400 },
            },
            { status: 400 },
          ),
        ),
      );
      const error = await client
        .createTopic('dev-local', { name: 'orders' })
        .catch(e => e);
      expect(error).toBeInstanceOf(ResponseError);
      expect(error.statusCode).toBe(400);
      expect(error.body.error.message).toBe(
        "Topic names must start with your namespace 'team-a.'",
      );
    });
  });
});
