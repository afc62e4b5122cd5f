import { registerMswTestHooks } from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
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
        { name: 'dev-local', environment: 'dev', reachable: true, latencyMs: 3 },
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
            error: { name: 'AuthenticationError', message: 'Missing credentials' },
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
});
