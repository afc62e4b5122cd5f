import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  KAFKA_START_TIMEOUT_MS,
  pairedTestMatrix,
  requiredTestDatabaseIds,
  startTestKafka,
  TestKafka,
  testKafkaKinds,
} from '@eventport/devstack';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleEventStreaming from '@eventport/plugin-catalog-backend-module-event-streaming';
import eventStreamingPlugin from '@eventport/plugin-event-streaming-backend';
import path from 'node:path';
import request from 'supertest';

const orgFile = path.resolve(__dirname, '../../../examples/org.yaml');
const databaseIds = requiredTestDatabaseIds() as TestDatabaseId[];

/**
 * The demo backend's wiring on each real database: the catalog loads the demo
 * organisation, Eventport's catalog module registers its provider, and the
 * event-streaming plugin reaches the devstack broker.
 */
jest.setTimeout(30_000);

// Each database and each Kafka kind once, paired (see pairedTestMatrix).
const matrix = pairedTestMatrix(databaseIds, testKafkaKinds());

const allDatabases = TestDatabases.create({ ids: databaseIds });

it('covers PostgreSQL and SQLite, and each Kafka kind', () => {
  expect(allDatabases.eachSupportedId().map(([id]) => id)).toEqual(databaseIds);
  expect([...new Set(matrix.map(([id]) => id))]).toEqual(databaseIds);
  expect([...new Set(matrix.map(([, kind]) => kind))]).toEqual(
    testKafkaKinds(),
  );
});

describe.each(matrix)(
  'demo backend wiring on %s, with %s Kafka',
  (databaseId, kind) => {
    const databases = TestDatabases.create({ ids: [databaseId] });
    let kafka: TestKafka;

    beforeAll(async () => {
      kafka = await startTestKafka(kind, { brokers: 3 });
    }, KAFKA_START_TIMEOUT_MS);
    afterAll(async () => {
      await kafka?.close();
    });

    it('loads the demo organisation, registers the provider and reaches Kafka', async () => {
      // One logical database per plugin, as Backstage gives each plugin its own.
      const perPluginDatabase = createServiceFactory({
        service: coreServices.database,
        deps: {},
        async factory() {
          // The factory runs once per plugin; every getClient of that plugin
          // gets the same database.
          const client = databases.init(databaseId);
          return { getClient: () => client };
        },
      });
      const backend = await startTestBackend({
        features: [
          catalogPlugin,
          catalogModuleEventStreaming,
          eventStreamingPlugin,
          perPluginDatabase,
          // The real scheduler, which persists tasks and lists them over HTTP.
          schedulerServiceFactory,
          mockServices.rootConfig.factory({
            data: {
              catalog: {
                rules: [{ allow: ['User', 'Group'] }],
                locations: [{ type: 'file', target: orgFile }],
                processingInterval: { seconds: 1 },
              },
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
      const auth = mockCredentials.user.header('user:default/pat');

      // The demo users and their teams come out of the real catalog.
      const memberships = async (): Promise<Record<string, string[]>> => {
        const res = await request(backend.server)
          .get('/api/catalog/entities/by-query')
          .query({ filter: 'kind=user' })
          .set('Authorization', auth);
        return Object.fromEntries(
          (res.body.items ?? []).map((user: any) => [
            user.metadata.name,
            (user.relations ?? [])
              .filter((r: any) => r.type === 'memberOf')
              .map((r: any) => r.targetRef),
          ]),
        );
      };
      const expected = {
        guest: ['group:default/team-a'],
        alice: ['group:default/team-b'],
        bob: ['group:default/team-b'],
        pat: ['group:default/platform-team'],
        sue: ['group:default/security'],
      };
      const deadline = Date.now() + 60_000;
      const same = (a: Record<string, string[]>) =>
        Object.keys(expected).every(
          k => JSON.stringify(a[k]) === JSON.stringify((expected as any)[k]),
        ) && Object.keys(a).length === Object.keys(expected).length;
      let seen = await memberships();
      while (!same(seen) && Date.now() < deadline) {
        await new Promise(r => setTimeout(r, 500));
        seen = await memberships();
      }
      expect(seen).toEqual(expected);

      // The provider of the Eventport catalog module is registered and scheduled.
      const tasks = await request(backend.server)
        .get('/api/catalog/.backstage/scheduler/v1/tasks')
        .set('Authorization', mockCredentials.service.header());
      expect(tasks.status).toBe(200);
      expect(tasks.body.tasks.map((t: any) => t.taskId)).toContain(
        'event-streaming:dev-local:refresh',
      );

      const health = await request(backend.server)
        .get('/api/event-streaming/health')
        .set('Authorization', auth);
      expect(health.status).toBe(200);
      expect(health.body.clusters[0]).toMatchObject({
        name: 'dev-local',
        reachable: true,
      });

      await backend.stop();
    }, 90_000);
  },
);
