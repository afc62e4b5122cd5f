import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { startSweptTestBackend } from './__testUtils__/secretSweep';
import {
  KAFKA_START_TIMEOUT_MS,
  startTestKafka,
  TestKafka,
  testKafkaKinds,
} from '@eventport/devstack';
import net from 'node:net';
import request from 'supertest';
import { eventStreamingPlugin } from './plugin';

/** A local port with nothing listening: connecting to it is refused at once. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}

jest.setTimeout(30_000);

describe.each(testKafkaKinds())(
  'event-streaming backend: GET /health, with %s Kafka',
  kind => {
    let kafka: TestKafka;
    let server: Awaited<ReturnType<typeof startSweptTestBackend>>['server'];
    let deadPort: number;

    beforeAll(async () => {
      kafka = await startTestKafka(kind, { brokers: 3 });
      deadPort = await closedPort();
      const backend = await startSweptTestBackend({
        features: [
          eventStreamingPlugin,
          mockServices.rootConfig.factory({
            data: {
              eventStreaming: {
                clusters: [
                  {
                    name: 'dev-local',
                    environment: 'dev',
                    brokers: kafka.bootstrapServers,
                  },
                  {
                    name: 'prod-down',
                    environment: 'prod',
                    brokers: [`127.0.0.1:${deadPort}`],
                    sasl: {
                      mechanism: 'plain',
                      username: 'svc-eventport',
                      password: 'super-secret-password',
                    },
                  },
                ],
              },
            },
          }),
        ],
      });
      server = backend.server;
    }, KAFKA_START_TIMEOUT_MS);

    afterAll(async () => {
      await kafka?.close();
    });

    it('reports each configured cluster, reachable or not', async () => {
      const res = await request(server)
        .get('/api/event-streaming/health')
        .set(
          'Authorization',
          mockCredentials.user.header('user:default/alice'),
        );

      expect(res.status).toBe(200);
      expect(res.body.status).toBe('degraded');
      const [devLocal, prodDown] = res.body.clusters;
      expect(devLocal).toMatchObject({
        name: 'dev-local',
        environment: 'dev',
        reachable: true,
      });
      // The real broker answered: three brokers on the ports it listens on.
      expect(devLocal.brokers).toEqual(
        kafka.brokers.map(b => ({
          nodeId: b.nodeId,
          host: b.host,
          port: b.port,
        })),
      );
      expect(kafka.brokers.map(b => b.nodeId)).toContain(devLocal.controllerId);
      expect(prodDown).toMatchObject({
        name: 'prod-down',
        environment: 'prod',
        reachable: false,
      });
      expect(prodDown.error).toMatch(/prod-down.*unavailable.*ECONNREFUSED/);
    });

    it('never shows the SASL password', async () => {
      const res = await request(server)
        .get('/api/event-streaming/health')
        .set('Authorization', mockCredentials.user.header());
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).not.toContain('super-secret-password');
    });

    it('accepts service credentials', async () => {
      const res = await request(server)
        .get('/api/event-streaming/health')
        .set('Authorization', mockCredentials.service.header());
      expect(res.status).toBe(200);
      expect(res.body.clusters).toHaveLength(2);
    });

    it('answers 401 to an unauthenticated request', async () => {
      const res = await request(server)
        .get('/api/event-streaming/health')
        .set('Authorization', mockCredentials.none.header());
      expect(res.status).toBe(401);
      expect(res.body.error.name).toBe('AuthenticationError');
    });

    it('answers 401 without an Authorization header', async () => {
      // The test backend's auth otherwise falls back to a default user;
      // make "no header" mean "no credentials", as in a real backend.
      const backend = await startSweptTestBackend({
        features: [
          eventStreamingPlugin,
          mockServices.httpAuth.factory({
            defaultCredentials: mockCredentials.none(),
          }),
          mockServices.rootConfig.factory({ data: {} }),
        ],
      });
      const res = await request(backend.server).get(
        '/api/event-streaming/health',
      );
      expect(res.status).toBe(401);
      await backend.stop();
    });

    it('reports ok when every cluster answers', async () => {
      const backend = await startSweptTestBackend({
        features: [
          eventStreamingPlugin,
          mockServices.rootConfig.factory({
            data: {
              eventStreaming: {
                clusters: [
                  {
                    name: 'dev-local',
                    environment: 'dev',
                    brokers: kafka.bootstrapServers,
                  },
                ],
              },
            },
          }),
        ],
      });
      const res = await request(backend.server)
        .get('/api/event-streaming/health')
        .set('Authorization', mockCredentials.user.header());
      expect(res.body.status).toBe('ok');
      expect(res.body.clusters[0].reachable).toBe(true);
      await backend.stop();
    });

    it(
      'authenticates with SASL/PLAIN and reports a wrong password without revealing it',
      async () => {
        const secured = await startTestKafka(kind, {
          brokers: 1,
          sasl: { username: 'eventport', password: 'right-password' },
        });
        const cluster = (name: string, password: string) => ({
          name,
          environment: 'dev',
          brokers: secured.bootstrapServers,
          sasl: { mechanism: 'plain', username: 'eventport', password },
        });
        const backend = await startSweptTestBackend({
          features: [
            eventStreamingPlugin,
            mockServices.rootConfig.factory({
              data: {
                eventStreaming: {
                  clusters: [
                    cluster('good', 'right-password'),
                    cluster('bad', 'wrong-password'),
                  ],
                },
              },
            }),
          ],
        });
        const res = await request(backend.server)
          .get('/api/event-streaming/health')
          .set('Authorization', mockCredentials.user.header());
        const [good, bad] = res.body.clusters;
        expect(good).toMatchObject({ name: 'good', reachable: true });
        expect(bad).toMatchObject({ name: 'bad', reachable: false });
        expect(bad.error).toMatch(/SASL|authentication/i);
        expect(JSON.stringify(res.body)).not.toMatch(
          /right-password|wrong-password/,
        );
        await backend.stop();
        await secured.close();
      },
      KAFKA_START_TIMEOUT_MS,
    );
  },
);
