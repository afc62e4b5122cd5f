import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import catalogModuleEventStreaming from '@eventport/plugin-catalog-backend-module-event-streaming';
import { startStack, StackHandle } from '@eventport/devstack';
import { KafkaAdmin } from '@eventport/plugin-event-streaming-node';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Knex } from 'knex';
import request from 'supertest';
import { ApicurioSchemaRegistry } from '../clients/ApicurioSchemaRegistry';
import { KafkajsAdmin } from '../clients/KafkajsAdmin';
import { CdcPipelineStore } from '../services/cdc/CdcPipelineStore';
import { apicurio } from '../__testUtils__/apicurio';
import { CapturingLogger } from '../__testUtils__/capturingLogger';
import { connectApi } from '../__testUtils__/connect';
import { sinkConfig, sourceConfig } from '../__testUtils__/connectFixture';
import {
  startBackend,
  TEST_DATABASE_IDS,
  testDatabases,
  USERS,
} from '../__testUtils__/harness';

/*
 * The catalog module against the real stack: Apache Kafka, Apicurio and a
 * Connect worker, with the real catalog backend processing the entities.
 * What the catalog answers is asserted exactly.
 */

const CLUSTER = 'dev-local';
const LONG = `team-a.${'very-long-topic-name-'.repeat(5)}end`;
const ODD = 'team-b..odd__name_';
const AVRO = (name: string) =>
  JSON.stringify({
    type: 'record',
    name,
    fields: [{ name: 'id', type: 'string' }],
  });

jest.setTimeout(120_000);

describe('catalog entities of a cluster', () => {
  const databases = testDatabases();
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
    stack = await startStack({ brokers: 1, connect: true, registry: true });
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

  it('emits topics, schemas and connectors with owners, names, links and relations', async () => {
    const topics = await eventually(
      () => byType('kafka-topic'),
      t =>
        t.length === 4 &&
        relations(t.find(e => e.metadata.title === 'team-a.orders')).length >=
          4,
    );
    expect(
      topics.map(t => [t.metadata.name, t.metadata.title, t.spec?.owner]),
    ).toEqual([
      [
        'dev-local.legacy_orders',
        'legacy_orders',
        'group:default/platform-team',
      ],
      ['dev-local.team-a.orders', 'team-a.orders', 'group:default/team-a'],
      // Too long, and separators in a row: shortened, with a hash.
      [
        expect.stringMatching(
          /^dev-local\.team-a\.very-long-topic-name-very-long-to-[0-9a-f]{12}$/,
        ),
        LONG,
        'group:default/team-a',
      ],
      [
        expect.stringMatching(/^dev-local\.team-b\.odd_name-[0-9a-f]{12}$/),
        ODD,
        'group:default/team-b',
      ],
    ]);
    for (const t of topics) {
      expect(t.metadata.name.length).toBeLessThanOrEqual(63);
      expect(t.metadata.annotations).toMatchObject({
        'eventport.io/kafka-topic': t.metadata.title,
        'eventport.io/kafka-cluster': CLUSTER,
      });
      expect(t.metadata.labels).toEqual({ environment: 'dev' });
      expect(t.metadata.tags).toEqual(['kafka', 'topic']);
    }
    const orders = topics.find(t => t.metadata.title === 'team-a.orders')!;
    expect(orders.metadata.links).toEqual([
      {
        url: 'https://grafana.example/d/topic?var-topic=team-a.orders',
        title: 'Grafana',
        icon: 'dashboard',
      },
      {
        url: 'https://kafka-ui.example/dev-local/topics/team-a.orders',
        title: 'Kafka UI',
        icon: 'web',
      },
    ]);
    // The catalog sorts relation fields.
    expect(orders.spec?.dependsOn).toEqual([
      'api:default/dev-local.default.team-a.orders-key',
      'api:default/dev-local.default.team-a.orders-value',
    ]);
    // checkout produces it (as a source connector would): the topic depends
    // on its producer; the sink connector depends on the topic.
    expect(relations(orders)).toEqual([
      'dependencyOf resource:default/dev-local_team-a.orders-sink',
      'dependsOn api:default/dev-local.default.team-a.orders-key',
      'dependsOn api:default/dev-local.default.team-a.orders-value',
      'dependsOn component:default/checkout',
      'ownedBy group:default/team-a',
    ]);

    const apis = (await catalog('kind=api')).sort((a, b) =>
      a.metadata.name < b.metadata.name ? -1 : 1,
    );
    expect(
      apis.map(a => [
        a.metadata.name,
        a.spec?.type,
        a.spec?.owner,
        a.spec?.definition,
      ]),
    ).toEqual([
      [
        'dev-local.default.team-a.orders-key',
        'avro',
        'group:default/team-a',
        AVRO('OrderKey'),
      ],
      [
        'dev-local.default.team-a.orders-value',
        'avro',
        'group:default/team-a',
        AVRO('Order'),
      ],
    ]);
    expect(apis[1].metadata.annotations?.['eventport.io/schema-artifact']).toBe(
      'default/team-a.orders-value',
    );
    expect(apis[1].metadata.tags).toEqual(['schema', 'avro']);

    const connectors = await eventually(
      () => byType('kafka-connector'),
      c => c.length === 2 && c.every(e => relations(e).length >= 2),
    );
    expect(
      connectors.map(c => [
        c.metadata.name,
        c.spec?.owner,
        c.metadata.tags,
        relations(c),
      ]),
    ).toEqual([
      [
        'dev-local_legacy-source',
        'group:default/platform-team',
        ['kafka-connect', 'source'],
        [
          'dependencyOf resource:default/dev-local.legacy_orders',
          'ownedBy group:default/platform-team',
        ],
      ],
      [
        'dev-local_team-a.orders-sink',
        'group:default/team-a',
        ['kafka-connect', 'sink'],
        [
          'dependsOn resource:default/dev-local.team-a.orders',
          'ownedBy group:default/team-a',
        ],
      ],
    ]);
  });

  it('answers the snapshot to services only, and 404 for an unknown cluster', async () => {
    const asUser = await backend
      .api(USERS.owner)
      .get(`/catalog/clusters/${CLUSTER}`);
    expect(asUser.status).toBe(403);
    const unknown = await request(backend.backend.server)
      .get('/api/event-streaming/catalog/clusters/nope')
      .set('Authorization', mockCredentials.service.header());
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toContain(
      "No Kafka cluster named 'nope'",
    );
  });

  it('relates annotated components to the topics they produce and consume', async () => {
    const [checkout] = await eventually(
      () => catalog('kind=component,metadata.name=checkout'),
      c => c.length === 1 && relations(c[0]).length >= 3,
    );
    expect(relations(checkout)).toEqual([
      'dependencyOf resource:default/dev-local.team-a.orders',
      'dependsOn resource:default/dev-local.legacy_orders',
      'ownedBy group:default/team-a',
    ]);
    const legacy = (
      await catalog('kind=resource,metadata.name=dev-local.legacy_orders')
    )[0];
    expect(relations(legacy)).toEqual([
      'dependencyOf component:default/checkout',
      'dependsOn resource:default/dev-local_legacy-source',
      'ownedBy group:default/platform-team',
    ]);
    // The malformed entry is skipped and logged; the rest still relate.
    expect(logger.text()).toContain(
      "holds entries that are not 'cluster/topic', skipped: not-a-topic",
    );
  });

  it('shows a topic created and a schema registered through Eventport within seconds', async () => {
    const created = await backend
      .api(USERS.owner)
      .post(`/clusters/${CLUSTER}/topics`, {
        name: 'team-a.payments',
        replicationFactor: 1,
        description: 'Payments, one event per charge',
      });
    expect(created.body).toMatchObject({ name: 'team-a.payments' });
    const registered = await backend
      .api(USERS.owner)
      .post(
        `/clusters/${CLUSTER}/schemas/default/team-a.payments-value/versions`,
        {
          content: AVRO('Payment'),
          format: 'AVRO',
        },
      );
    expect([registered.status, registered.body.error?.message]).toEqual([
      201,
      undefined,
    ]);
    // No refresh is triggered: the schedule is hourly, the change is a delta.
    const [payments] = await eventually(
      () => catalog('kind=resource,metadata.name=dev-local.team-a.payments'),
      p =>
        p.length === 1 &&
        relations(p[0]).includes(
          'dependsOn api:default/dev-local.default.team-a.payments-value',
        ),
    );
    expect(payments.metadata.description).toBe(
      'Payments, one event per charge',
    );
    expect(relations(payments)).toEqual([
      'dependsOn api:default/dev-local.default.team-a.payments-value',
      'ownedBy group:default/team-a',
    ]);
  });

  it('keeps the last good entities while the cluster cannot be read, and drops topics deleted outside at the next full refresh', async () => {
    const before = (await byType('kafka-topic')).map(t => t.metadata.name);
    expect(before).toContain('dev-local.team-a.payments');
    kafkaDown.value = true;
    registryDown.value = true;
    await refresh();
    expect(logger.text()).toContain(
      'kept the last good topics, schemas entities',
    );
    expect(logger.text()).toContain(
      'Kafka cluster dev-local is unreachable (injected)',
    );
    expect((await byType('kafka-topic')).map(t => t.metadata.name)).toEqual(
      before,
    );
    expect((await catalog('kind=api')).length).toBe(3);

    kafkaDown.value = false;
    registryDown.value = false;
    const admin = KafkajsAdmin.create({
      cluster: {
        name: CLUSTER,
        environment: 'dev',
        brokers: stack.kafka.bootstrapServers,
        links: {},
      },
      logger: logger.child({}),
    });
    await admin.deleteTopic(ODD);
    await admin.close();
    await refresh();
    const after = await eventually(
      () => byType('kafka-topic'),
      t => t.length === before.length - 1,
    );
    expect(after.map(t => t.metadata.title)).not.toContain(ODD);
    expect(after.length).toBe(before.length - 1);
  });

  it('emits a CDC pipeline that depends on its database, connector and change topics', async () => {
    // The portal's own record, as a submitted pipeline leaves it.
    await new CdcPipelineStore(knex).create({
      cluster: CLUSTER,
      name: 'shop-orders',
      sourceEntityRef: 'resource:default/shop-db',
      sourceId: 'shop-db',
      sourceType: 'postgres',
      topicPrefix: 'team-a.shop',
      owner: 'group:default/team-a',
      requestedBy: USERS.owner,
      reason: 'orders for analytics',
      selection: [{ schema: 'public', table: 'orders', columns: {} }],
      artefacts: {
        connectorName: 'team-a.shop-cdc',
        connectorClass: 'io.debezium.connector.postgresql.PostgresConnector',
        connectorConfig: {},
        tables: [
          {
            schema: 'public',
            table: 'orders',
            topic: 'team-a.shop.public.orders',
            valueArtifact: 'team-a.shop.public.orders-value',
            keyArtifact: 'team-a.shop.public.orders-key',
            columns: [],
          },
        ],
        manifests: [],
        deployMode: 'direct',
      },
      preflight: [],
    });
    await refresh();
    const [pipeline] = await eventually(
      () => byType('cdc-pipeline'),
      p => p.length === 1 && relations(p[0]).length >= 4,
    );
    expect(pipeline.metadata.name).toMatch(
      /^dev-local_cdc\.shop-orders-[0-9a-f]{12}$/,
    );
    expect(pipeline.metadata.title).toBe('shop-orders');
    expect(pipeline.metadata.tags).toEqual(['cdc', 'debezium', 'postgres']);
    expect(relations(pipeline)).toEqual([
      'dependsOn resource:default/dev-local.team-a.shop.public.orders',
      'dependsOn resource:default/dev-local_team-a.shop-cdc',
      'dependsOn resource:default/shop-db',
      'ownedBy group:default/team-a',
    ]);
  });

  it('removes a topic deleted by approval at once', async () => {
    const requested = await backend
      .api(USERS.owner)
      .delete(`/clusters/${CLUSTER}/topics/team-a.payments`, {
        confirm: 'team-a.payments',
        reason: 'replaced by team-a.payments-v2',
      });
    expect(requested.status).toBe(202);
    const approved = await backend
      .api(USERS.approver)
      .post(`/approvals/${requested.body.id}/approve`, { comment: 'fine' });
    expect([approved.body.status, approved.body.error]).toEqual([
      'executed',
      null,
    ]);
    // No refresh is triggered: the approved delete announces the change.
    const left = await eventually(
      () => catalog('kind=resource,metadata.name=dev-local.team-a.payments'),
      p => p.length === 0,
    );
    expect(left).toEqual([]);
    // Its schema stays: the registry still holds it.
    expect((await catalog('kind=api')).map(a => a.metadata.name)).toContain(
      'dev-local.default.team-a.payments-value',
    );
  });
});
