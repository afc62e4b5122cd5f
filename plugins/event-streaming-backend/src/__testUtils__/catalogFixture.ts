import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import catalogModuleEventStreaming from '@eventport/plugin-catalog-backend-module-event-streaming';
import { startTestStack, StackHandle } from '@eventport/devstack';
import { KafkaAdmin } from '@eventport/plugin-event-streaming-node';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Knex } from 'knex';
import request from 'supertest';
import { ApicurioSchemaRegistry } from '../clients/ApicurioSchemaRegistry';
import { KafkajsAdmin } from '../clients/KafkajsAdmin';
import { apicurio } from './apicurio';
import { CapturingLogger } from './capturingLogger';
import { connectApi } from './connect';
import { sinkConfig, sourceConfig } from './connectFixture';
import { startBackend, TEST_DATABASE_IDS, testDatabases } from './harness';
import type { EventStreamingServices } from '../services/EventStreamingServices';

export const CLUSTER = 'dev-local';
export const LONG = `team-a.${'very-long-topic-name-'.repeat(5)}end`;
export const ODD = 'team-b..odd__name_';
export const AVRO = (name: string) =>
  JSON.stringify({
    type: 'record',
    name,
    fields: [{ name: 'id', type: 'string' }],
  });

/**
 * Per-suite fixture of the catalog tests: the real stack (Apache Kafka,
 * Apicurio, a Connect worker) with topics, schemas, connectors and an
 * annotated component, and one backend with the Eventport plugin, the real
 * catalog backend and the catalog module. Kafka's topic list and the
 * registry's search can be made to fail (failure injection only).
 */
export function useCatalogFixture() {
  const databases = testDatabases();
  let services!: EventStreamingServices;
  let stack: StackHandle;
  let backend: Awaited<ReturnType<typeof startBackend>>;
  let dir: string;
  let knex: Knex;
  const logger = new CapturingLogger();
  const kafkaDown = { value: false };
  const registryDown = { value: false };
  /** Failure injection only: the real client, whose reads fail while `down`. */
  function failing<T extends object>(
    real: T,
    down: { value: boolean },
    reads: string[],
    why: string,
  ): T {
    return new Proxy(real, {
      get(target, prop, receiver) {
        if (down.value && reads.includes(String(prop))) {
          return async () => {
            throw new Error(why);
          };
        }
        return Reflect.get(target, prop, receiver);
      },
    });
  }

  const catalog = async (filter: string): Promise<Entity[]> => {
    const res = await request(backend.backend.server)
      .get(
        `/api/catalog/entities/by-query?filter=${encodeURIComponent(
          filter,
        )}&limit=500`,
      )
      .set('Authorization', mockCredentials.service.header());
    expect(res.status).toBe(200);
    return res.body.items;
  };
  const byType = async (type: string) =>
    (await catalog(`kind=resource,spec.type=${type}`)).sort((a, b) =>
      a.metadata.name < b.metadata.name ? -1 : 1,
    );
  /** Waits until the catalog answers what `check` accepts (processing is asynchronous). */
  async function eventually<T>(
    read: () => Promise<T>,
    check: (v: T) => boolean,
  ) {
    const deadline = Date.now() + 60_000;
    let last: T = await read();
    while (!check(last)) {
      if (Date.now() > deadline) return last;
      await new Promise(r => setTimeout(r, 500));
      last = await read();
    }
    return last;
  }
  const refresh = async () => {
    const before = logger.lines.length;
    const res = await request(backend.backend.server)
      .post(
        `/api/catalog/.backstage/scheduler/v1/tasks/${encodeURIComponent(
          `event-streaming:${CLUSTER}:refresh`,
        )}/trigger`,
      )
      .set('Authorization', mockCredentials.service.header());
    expect(res.status).toBe(200);
    // Done when the provider has logged this refresh's outcome.
    await eventually(
      async () => logger.lines.slice(before).join('\n'),
      text => /refresh of \d+ entities|could not read the cluster/.test(text),
    );
  };
  const relations = (e: Entity | undefined) =>
    (e?.relations ?? []).map(r => `${r.type} ${r.targetRef}`).sort();

  beforeAll(async () => {
    stack = await startTestStack({ connect: true, registry: true });
    const admin = KafkajsAdmin.create({
      cluster: {
        name: CLUSTER,
        environment: 'dev',
        brokers: stack.kafka.bootstrapServers,
        links: {},
      },
      logger: logger.child({}),
    });
    for (const name of ['team-a.orders', 'legacy_orders', LONG, ODD]) {
      await admin.createTopic({
        name,
        partitions: 2,
        replicationFactor: 1,
        configs: {},
      });
    }
    await admin.close();
    const registry = apicurio(stack.registry!.url);
    await registry.createArtifact(
      'default',
      'team-a.orders-value',
      AVRO('Order'),
    );
    await registry.createArtifact(
      'default',
      'team-a.orders-key',
      AVRO('OrderKey'),
    );
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eventport-catalog-test-'));
    fs.writeFileSync(path.join(dir, 'in.txt'), 'one\n');
    const connect = connectApi(stack.connect!.url);
    await connect.create(
      'team-a.orders-sink',
      sinkConfig(path.join(dir, 'out.txt'), 'team-a.orders'),
    );
    await connect.create(
      'legacy-source',
      sourceConfig(path.join(dir, 'in.txt'), 'legacy_orders'),
    );
    fs.writeFileSync(
      path.join(dir, 'components.yaml'),
      `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: checkout
  annotations:
    eventport.io/produces-topics: ${CLUSTER}/team-a.orders
    eventport.io/consumes-topics: ${CLUSTER}/legacy_orders, not-a-topic
spec:
  type: service
  lifecycle: production
  owner: group:default/team-a
`,
    );
    knex = await databases.init(TEST_DATABASE_IDS[0]);
    backend = await startBackend({
      knex,
      kafka: stack.kafka,
      logger,
      schemaRegistryUrl: stack.registry!.url,
      connectUrl: stack.connect!.url,
      cluster: {
        links: {
          grafana: {
            topic: 'https://grafana.example/d/topic?var-topic={topic}',
          },
          kafkaUi: 'https://kafka-ui.example/{cluster}/topics/{topic}',
        },
      },
      eventStreaming: {
        catalog: {
          schedule: { frequency: { hours: 1 }, timeout: { minutes: 5 } },
          defaultOwner: 'group:default/platform-team',
        },
      },
      config: {
        catalog: {
          locations: [
            { type: 'file', target: path.join(dir, 'components.yaml') },
          ],
          rules: [{ allow: ['Component'] }],
        },
      },
      overrides: {
        exposeServices: s => (services = s),
        adminFactory: cluster =>
          failing(
            KafkajsAdmin.create({ cluster, logger: logger.child({}) }),
            kafkaDown,
            ['listTopics'],
            'Kafka cluster dev-local is unreachable (injected)',
          ) as KafkaAdmin,
        registryFactory: cluster =>
          failing(
            new ApicurioSchemaRegistry({
              cluster: cluster.name,
              url: cluster.schemaRegistry.url,
            }),
            registryDown,
            ['searchArtifacts'],
            'registry down (injected)',
          ),
      },
      pluginDatabases: { catalog: await databases.init(TEST_DATABASE_IDS[0]) },
      features: [
        catalogPlugin,
        catalogModuleEventStreaming,
        eventsServiceFactory,
        // The real scheduler, whose HTTP API triggers a refresh on demand.
        schedulerServiceFactory,
      ],
    });
  }, 600_000);

  afterAll(async () => {
    await backend?.backend.stop();
    await stack?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  return {
    get backend() {
      return backend;
    },
    get knex() {
      return knex;
    },
    get stack() {
      return stack;
    },
    /** The plugin's services, to drive the offset sampler by hand. */
    get services() {
      return services;
    },
    logger,
    kafkaDown,
    registryDown,
    catalog,
    byType,
    eventually,
    refresh,
    relations,
  };
}
