/**
 * Per-suite fixture of the CDC pipeline tests, everything real: a 1-broker
 * Apache Kafka with Kafka Connect (Debezium) and Apicurio Registry, a
 * PostgreSQL of its own with `wal_level=logical` holding the demo shop, a
 * bare git repository as the GitOps remote, and backends pointed at them
 * with a catalog that holds the shop's database entity.
 */
import type { Entity } from '@backstage/catalog-model';
import {
  BareRepo,
  CdcDatabase,
  createBareRepo,
  loadDemoShop,
  startCdcPostgres,
  startStack,
  StackHandle,
} from '@eventport/devstack';
import { connectApi } from './connect';
import { startBackend, TEST_DATABASE_IDS, testDatabases } from './harness';

export const SOURCE_PASSWORD = 'not-a-real-secret-4b1d';

export const SHOP_ENTITY_REF = 'resource:default/shop-db';

export const CATALOG: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: 'shop-db',
      annotations: { 'eventport.io/cdc-source': 'shop' },
    },
    spec: { type: 'database', owner: 'group:default/team-a' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'plain-db' },
    spec: { type: 'database', owner: 'group:default/team-a' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: 'shop-bucket',
      annotations: { 'eventport.io/cdc-source': 'shop' },
    },
    spec: { type: 's3-bucket', owner: 'group:default/team-a' },
  },
];

/** `eventStreaming.cdc` for the fixture's source, optionally with GitOps. */
export function cdcConfig(pg: CdcDatabase, repo?: BareRepo) {
  return {
    cdc: {
      sources: {
        shop: {
          type: 'postgres',
          host: pg.host,
          port: pg.port,
          database: pg.database,
          user: pg.user,
          // Trust authentication ignores it; tests look for it where it must not be.
          password: SOURCE_PASSWORD,
          connector: {
            passwordReference: '${env:EVENTPORT_CONNECT_PG_PASSWORD}',
          },
        },
      },
      ...(repo
        ? {
            gitops: {
              url: repo.dir,
              baseBranch: repo.baseBranch,
              path: 'kafka/cdc',
            },
          }
        : {}),
    },
  };
}

export function useCdcFixture() {
  const databases = testDatabases();
  const stops: (() => Promise<void>)[] = [];
  const fixture = {} as {
    stack: StackHandle;
    pg: CdcDatabase;
    repo: BareRepo & { remove(): void };
    connect: ReturnType<typeof connectApi>;
    /** A backend on the fixture's stack; `gitops: false` for direct mode. */
    backend(options?: {
      gitops?: boolean;
    }): Promise<Awaited<ReturnType<typeof startBackend>>['api']>;
  };
  fixture.backend = async (options = {}) => {
    const started = await startBackend({
      knex: await databases.init(TEST_DATABASE_IDS[0]),
      kafka: fixture.stack.kafka,
      schemaRegistryUrl: fixture.stack.registry!.url,
      connectUrl: fixture.stack.connect!.url,
      monitoring: { enabled: false },
      eventStreaming: cdcConfig(
        fixture.pg,
        options.gitops === false ? undefined : fixture.repo,
      ),
      entities: CATALOG,
    });
    stops.push(() => started.backend.stop());
    return started.api;
  };
  beforeAll(async () => {
    const [stack, pg, repo] = await Promise.all([
      startStack({ brokers: 1, connect: true, registry: true }),
      startCdcPostgres(),
      createBareRepo(),
    ]);
    Object.assign(fixture, { stack, pg, repo });
    await loadDemoShop(pg);
    fixture.connect = connectApi(stack.connect!.url);
  }, 600_000);
  afterAll(async () => {
    for (const stop of stops) await stop();
    await fixture.stack?.stop();
    await fixture.pg?.close();
    fixture.repo?.remove();
  }, 120_000);
  return fixture;
}
