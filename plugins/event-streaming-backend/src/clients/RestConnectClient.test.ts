import net from 'node:net';
import { startTestStack, StackHandle } from '@eventport/devstack';
import { connectApi } from '../__testUtils__/connect';
import {
  REBALANCE_MESSAGE,
  startConflictProxy,
} from '../__testUtils__/conflictProxy';
import { RestConnectClient } from './RestConnectClient';

const SOURCE = 'org.apache.kafka.connect.file.FileStreamSourceConnector';

jest.setTimeout(120_000);

describe('RestConnectClient against a real Connect worker behind a 409-injecting proxy', () => {
  let stack: StackHandle;
  let proxy: Awaited<ReturnType<typeof startConflictProxy>>;
  let client: RestConnectClient;

  beforeAll(async () => {
    stack = await startTestStack({ connect: true });
    proxy = await startConflictProxy(stack.connect!.url);
    client = new RestConnectClient({
      cluster: 'dev-local',
      config: { url: proxy.url },
      retry: { attempts: 4, firstDelayMs: 20, maxDelayMs: 100 },
    });
    await connectApi(stack.connect!.url).create('team-a.retry-source', {
      'connector.class': SOURCE,
      'tasks.max': '1',
      file: '/dev/null',
      topic: 'team-a.retry-events',
    });
  }, 600_000);

  afterAll(async () => {
    await proxy?.close();
    await stack?.stop();
  }, 120_000);

  it('retries a 409 during a rebalance and succeeds once Connect answers', async () => {
    proxy.inject(3);
    await client.pause('team-a.retry-source');
    expect(proxy.injected).toBe(3);
    expect(proxy.forwarded).toContain(
      'PUT /connectors/team-a.retry-source/pause',
    );
    await connectApi(stack.connect!.url).waitFor(
      'team-a.retry-source',
      'PAUSED',
    );
    proxy.inject(1);
    const connectors = await client.listConnectors();
    expect(connectors.map(c => c.name)).toEqual(['team-a.retry-source']);
    expect(connectors[0].status?.connector.state).toBe('PAUSED');
  });

  it("retries Connect's 500 'a rebalance is expected' too", async () => {
    const before = proxy.injected;
    proxy.inject(2, {
      status: 500,
      message: 'Request cannot be completed because a rebalance is expected',
    });
    const status = await client.getStatus('team-a.retry-source');
    expect(proxy.injected - before).toBe(2);
    expect(status.name).toBe('team-a.retry-source');
  });

  it('gives up with 503 when the rebalance outlasts every attempt', async () => {
    const before = proxy.injected;
    proxy.inject(10);
    const error = await client.resume('team-a.retry-source').catch(e => e);
    expect(proxy.injected - before).toBe(4);
    proxy.inject(0);
    expect(error).toMatchObject({ name: 'ServiceUnavailableError' });
    expect(error.message).toMatch(/rebalancing/);
    expect(error.message).toContain(REBALANCE_MESSAGE);
  });

  it('does not retry a name conflict: it is a 409 for the caller', async () => {
    const error = await client
      .create('team-a.retry-source', {
        'connector.class': SOURCE,
        file: '/dev/null',
        topic: 't',
      })
      .catch(e => e);
    expect(error).toMatchObject({ name: 'ConflictError' });
    expect(error.message).toMatch(/already exists/);
  });

  it("maps Connect's errors: 404 for an unknown connector, 400 for a bad config", async () => {
    await expect(client.getStatus('team-a.nope')).rejects.toMatchObject({
      name: 'NotFoundError',
    });
    const bad = await client
      .putConfig('team-a.retry-source', {
        'connector.class': 'no.such.Connector',
      })
      .catch(e => e);
    expect(bad.name).toBe('InputError');
    expect(bad.message).toMatch(/no\.such\.Connector/);
  });

  it('times out a call that gets no answer, as 503 with the cause', async () => {
    // Accepts connections and never answers.
    const silent = net.createServer(() => {});
    await new Promise<void>(r => silent.listen(0, '127.0.0.1', () => r()));
    const port = (silent.address() as { port: number }).port;
    const slow = new RestConnectClient({
      cluster: 'dev-local',
      config: { url: `http://127.0.0.1:${port}`, timeoutMs: 300 },
    });
    const error = await slow.listConnectors().catch(e => e);
    silent.close();
    expect(error.name).toBe('ServiceUnavailableError');
    expect(error.message).toMatch(/no answer within 0.3 s/);
  });
});
