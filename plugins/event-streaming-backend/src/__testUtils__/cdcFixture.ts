/**
 * Per-suite fixture of the CDC pipeline tests, everything real: a 1-broker
 * Apache Kafka with Kafka Connect (Debezium) and Apicurio Registry, a
 * PostgreSQL of its own with `wal_level=logical` holding the demo shop (read
 * as the demo's least-privilege replication role), a
 * bare git repository as the GitOps remote, and backends pointed at them
 * with a catalog that holds the shop's database entity.
 */
import type { Entity } from '@backstage/catalog-model';
import {
  BareRepo,
  CdcDatabase,
  createBareRepo,
  createReplicationRole,
  DEMO_REPLICATION_ROLE,
  loadDemoShop,
  startCdcMariadb,
  startCdcPostgres,
  startTestStack,
  StackHandle,
} from '@eventport/devstack';
import type { Knex } from 'knex';
import type { EventStreamingOverrides } from '../services/EventStreamingServices';
import { mysqlRun } from './cdcSources';
import { connectApi } from './connect';
import { startBackend, TEST_DATABASE_IDS, testDatabases } from './harness';

export const SOURCE_PASSWORD = 'not-a-real-secret-4b1d';

/** The devstack Connect worker's demo value of EVENTPORT_CONNECT_MYSQL_PASSWORD. */
const MARIA_PASSWORD = 'eventport-demo-mariadb';

export const SHOP_ENTITY_REF = 'resource:default/shop-db';

/** A team-a Resource of the type, naming the CDC source when given. */
const resource = (name: string, type: string, source?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name,
    ...(source ? { annotations: { 'eventport.io/cdc-source': source } } : {}),
  },
  spec: { type, owner: 'group:default/team-a' },
});

export const CATALOG: Entity[] = [
  resource('shop-db', 'database', 'shop'),
  resource('shop-maria-db', 'database', 'shop-maria'),
  resource('plain-db', 'database'),
  resource('shop-bucket', 's3-bucket', 'shop'),
];

/** `eventStreaming.cdc` for the fixture's source, optionally with GitOps. */
export function cdcConfig(
  pg: CdcDatabase,
  maria: CdcDatabase,
  repo?: BareRepo,
) {
  return {
    cdc: {
      sources: {
        shop: {
          type: 'postgres',
          host: pg.host,
          port: pg.port,
          database: pg.database,
          // The demo's least-privilege role, as Debezium's guidance has it.
          user: DEMO_REPLICATION_ROLE,
          // Trust authentication ignores it; tests look for it where it must not be.
          password: SOURCE_PASSWORD,
          connector: {
            passwordReference: '${env:EVENTPORT_CONNECT_PG_PASSWORD}',
          },
        },
        // MariaDB through Debezium's MySQL connector (the MariaDB one is not
        // on this machine's Maven Central); see the test.
        'shop-maria': {
          type: 'mysql',
          host: maria.host,
          port: maria.port,
          database: 'shop',
          user: 'debezium',
          password: MARIA_PASSWORD,
          connector: {
            passwordReference: '${env:EVENTPORT_CONNECT_MYSQL_PASSWORD}',
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
    maria: CdcDatabase;
    repo: BareRepo & { remove(): void };
    connect: ReturnType<typeof connectApi>;
    /**
     * A backend on the fixture's stack; `gitops: false` for direct mode. Two
     * backends share a database when given the same `knex` (a restart).
     */
    backend(options?: {
      gitops?: boolean;
      knex?: Knex;
      overrides?: EventStreamingOverrides;
    }): Promise<
      Awaited<ReturnType<typeof startBackend>>['api'] & {
        stop(): Promise<void>;
      }
    >;
    /** A fresh database for `backend({ knex })`. */
    database(): Promise<Knex>;
  };
  fixture.database = () => databases.init(TEST_DATABASE_IDS[0]);
  fixture.backend = async (options = {}) => {
    const started = await startBackend({
      knex: options.knex ?? (await databases.init(TEST_DATABASE_IDS[0])),
      overrides: options.overrides,
      kafka: fixture.stack.kafka,
      schemaRegistryUrl: fixture.stack.registry!.url,
      connectUrl: fixture.stack.connect!.url,
      monitoring: { enabled: false },
      eventStreaming: cdcConfig(
        fixture.pg,
        fixture.maria,
        options.gitops === false ? undefined : fixture.repo,
      ),
      entities: CATALOG,
      gitRepository: options.gitops === false ? undefined : fixture.repo.dir,
    });
    let stopped: Promise<void> | undefined;
    const stop = () => (stopped ??= started.backend.stop());
    stops.push(stop);
    return Object.assign(started.api, { stop });
  };
  beforeAll(async () => {
    const [stack, pg, maria, repo] = await Promise.all([
      startTestStack({ connect: true, registry: true }),
      startCdcPostgres(),
      startCdcMariadb({ database: 'shop' }),
      createBareRepo(),
    ]);
    Object.assign(fixture, { stack, pg, maria, repo });
    await loadDemoShop(pg);
    await createReplicationRole(pg);
    const { host, port, user, database } = maria;
    await mysqlRun({ host, port, user, database }, [
      'CREATE TABLE shop.customers (id int PRIMARY KEY AUTO_INCREMENT, full_name text, email varchar(255))',
      `CREATE USER 'debezium'@'%' IDENTIFIED BY '${MARIA_PASSWORD}'`,
      "GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'debezium'@'%'",
    ]);
    fixture.connect = connectApi(stack.connect!.url);
  }, 600_000);
  afterAll(async () => {
    for (const stop of stops) await stop();
    await fixture.stack?.stop();
    await fixture.pg?.close();
    await fixture.maria?.close();
    fixture.repo?.remove();
  }, 120_000);
  return fixture;
}
