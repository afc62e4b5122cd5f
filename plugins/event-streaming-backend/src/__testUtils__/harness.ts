import {
  mockCredentials,
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  KAFKA_START_TIMEOUT_MS,
  KafkaKind,
  pairedTestMatrix,
  requiredTestDatabaseIds,
  startTestKafka,
  TestKafka,
  testKafkaKinds,
} from '@eventport/devstack';
import { Knex } from 'knex';
import request from 'supertest';
import {
  BackendFeature,
  createServiceFactory,
  coreServices,
} from '@backstage/backend-plugin-api';
import { createEventStreamingPlugin, eventStreamingPlugin } from '../plugin';
import { EventStreamingOverrides } from '../services/EventStreamingServices';
import { CapturingLogger } from './capturingLogger';
import { startSweptTestBackend } from './secretSweep';
import { eventStreamingConfig } from './config';
import { brokerAdmin } from './kafkaAdmin';

export { eventStreamingConfig };

/** The demo organisation: who belongs to which group. */
export const USERS = {
  owner: 'user:default/guest',
  owner2: 'user:default/gail',
  other: 'user:default/alice',
  approver: 'user:default/pat',
  approver2: 'user:default/sam',
  security: 'user:default/sue',
} as const;

const GROUPS: Record<string, string[]> = {
  [USERS.owner]: ['group:default/team-a'],
  [USERS.owner2]: ['group:default/team-a'],
  [USERS.other]: ['group:default/team-b'],
  [USERS.approver]: ['group:default/platform-team'],
  [USERS.approver2]: ['group:default/platform-team'],
  [USERS.security]: ['group:default/security'],
};

// Against Apache Kafka a test does real broker work (topic creation and
// deletion propagate through KRaft) on 2 shared cores: 5 s is too tight.
jest.setTimeout(30_000);

export const TEST_DATABASE_IDS = requiredTestDatabaseIds() as TestDatabaseId[];

export const TEST_KAFKA_KINDS = testKafkaKinds();

/** [databaseId, kafkaKind] pairs for `describe.each`, paired (see pairedTestMatrix). */
export const TEST_MATRIX: Array<[TestDatabaseId, KafkaKind]> = pairedTestMatrix(
  TEST_DATABASE_IDS,
  TEST_KAFKA_KINDS,
);

export { KAFKA_START_TIMEOUT_MS, startTestKafka };
export type { KafkaKind, TestKafka };

export function testDatabases() {
  return TestDatabases.create({ ids: TEST_DATABASE_IDS });
}

/**
 * The real plugin and router on a real database, against a devstack broker.
 * The user-info service maps the demo users to their groups (as the catalog
 * would); the permission service answers `permissionResult`, as a policy would.
 */
export async function startBackend(options: {
  knex: Knex;
  kafka: Pick<TestKafka, 'bootstrapServers'>;
  permissionResult?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  /** The cluster's schema registry (Apicurio's v3 API base). */
  schemaRegistryUrl?: string;
  /** The cluster's Kafka Connect REST API. */
  connectUrl?: string;
  /** Every log line and audit event of the backend goes here. */
  logger?: CapturingLogger;
  /** Internal replacements, for failure injection. */
  overrides?: EventStreamingOverrides;
  /** `eventStreaming.monitoring`; tests that drive the sampler by hand set `enabled: false`. */
  monitoring?: Record<string, unknown>;
  /** Extra settings of the cluster, such as `links`. */
  cluster?: Record<string, unknown>;
  /** Extra keys of `eventStreaming`, such as `cdc`. */
  eventStreaming?: Record<string, unknown>;
  /** Catalog entities (Backstage's in-memory catalog service). */
  entities?: Entity[];
  /** More plugins, modules and services, such as the real catalog. */
  features?: BackendFeature[];
  /** More top-level config, such as `catalog`. */
  config?: Record<string, unknown>;
  /** Databases of other plugins of `features`, by plugin id (`knex` is ours). */
  pluginDatabases?: Record<string, Knex>;
  /** A git repository the backend commits to, for the secret sweep. */
  gitRepository?: string;
}) {
  const config = {
    ...options.config,
    ...eventStreamingConfig(options.kafka.bootstrapServers),
  };
  if (options.cluster) {
    Object.assign(config.eventStreaming.clusters[0], options.cluster);
  }
  if (options.eventStreaming) {
    Object.assign(config.eventStreaming, options.eventStreaming);
  }
  if (options.monitoring) {
    Object.assign(config.eventStreaming, { monitoring: options.monitoring });
  }
  if (options.schemaRegistryUrl) {
    Object.assign(config.eventStreaming.clusters[0], {
      schemaRegistry: { url: options.schemaRegistryUrl },
    });
  }
  if (options.connectUrl) {
    Object.assign(config.eventStreaming.clusters[0], {
      connect: { url: options.connectUrl },
    });
  }
  // Every line is kept: the secret sweep searches them when the backend stops.
  const logger = options.logger ?? new CapturingLogger();
  // Stopping sweeps what the backend produced for secrets (see SecretSweep).
  const backend = await startSweptTestBackend({
    logger,
    knex: options.knex,
    gitRepository: options.gitRepository,
    features: [
      options.overrides
        ? createEventStreamingPlugin(options.overrides)
        : eventStreamingPlugin,
      ...(options.entities
        ? [catalogServiceMock.factory({ entities: options.entities })]
        : []),
      ...(options.features ?? []),
      options.pluginDatabases
        ? createServiceFactory({
            service: coreServices.database,
            deps: { plugin: coreServices.pluginMetadata },
            factory: ({ plugin }) => {
              const knex =
                options.pluginDatabases?.[plugin.getId()] ?? options.knex;
              return { getClient: async () => knex };
            },
          })
        : mockServices.database.factory({ knex: options.knex }),
      mockServices.rootConfig.factory({ data: config }),
      mockServices.permissions.factory({
        result: options.permissionResult ?? AuthorizeResult.ALLOW,
      }),
      mockServices.userInfo.mock({
        async getUserInfo(credentials) {
          const ref = (credentials.principal as { userEntityRef: string })
            .userEntityRef;
          return {
            userEntityRef: ref,
            ownershipEntityRefs: [ref, ...(GROUPS[ref] ?? [])],
          };
        },
      }).factory,
    ],
  });
  const api = (user?: string) => {
    const auth = user
      ? mockCredentials.user.header(user)
      : mockCredentials.none.header();
    const base = '/api/event-streaming';
    return {
      get: (path: string) =>
        request(backend.server)
          .get(base + path)
          .set('Authorization', auth),
      post: (path: string, body: object = {}) =>
        request(backend.server)
          .post(base + path)
          .set('Authorization', auth)
          .send(body),
      patch: (path: string, body: object) =>
        request(backend.server)
          .patch(base + path)
          .set('Authorization', auth)
          .send(body),
      put: (path: string, body: object) =>
        request(backend.server)
          .put(base + path)
          .set('Authorization', auth)
          .send(body),
      delete: (path: string, body: object) =>
        request(backend.server)
          .delete(base + path)
          .set('Authorization', auth)
          .send(body),
    };
  };
  return { backend, api, sweep: backend.sweep };
}

/**
 * Per-suite fixture for route tests: an empty 3-broker Kafka of the given
 * kind, an independent kafkajs observer and the backend on a fresh database,
 * torn down after the suite.
 */
export function useRouteFixture(databaseId: TestDatabaseId, kind: KafkaKind) {
  const databases = testDatabases();
  const fixture = {} as {
    kafka: TestKafka;
    observer: Awaited<ReturnType<typeof brokerAdmin>>;
    api: Awaited<ReturnType<typeof startBackend>>['api'];
  };
  let stop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    fixture.kafka = await startTestKafka(kind, { brokers: 3 });
    fixture.observer = await brokerAdmin(fixture.kafka);
    const started = await startBackend({
      knex: await databases.init(databaseId),
      kafka: fixture.kafka,
    });
    fixture.api = started.api;
    stop = () => started.backend.stop();
  }, KAFKA_START_TIMEOUT_MS);
  afterAll(async () => {
    await stop?.();
    await fixture.observer?.close();
    await fixture.kafka?.close();
  });
  return fixture;
}
