import { mockCredentials } from '@backstage/backend-test-utils';
import { Kafka, logLevel } from 'kafkajs';
import request from 'supertest';
import { KafkajsAdmin } from '../clients/KafkajsAdmin';
import { CdcPipelineStore } from '../services/cdc/CdcPipelineStore';
import {
  AVRO,
  CLUSTER,
  LONG,
  ODD,
  useCatalogFixture,
} from '../__testUtils__/catalogFixture';
import { USERS } from '../__testUtils__/harness';

/*
 * The catalog module against the real stack: Apache Kafka, Apicurio and a
 * Connect worker, with the real catalog backend processing the entities.
 * What the catalog answers is asserted exactly.
 */

jest.setTimeout(120_000);

describe('catalog entities of a cluster', () => {
  const f = useCatalogFixture();
  const {
    logger,
    kafkaDown,
    registryDown,
    catalog,
    byType,
    eventually,
    refresh,
    relations,
  } = f;

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
    const asUser = await f.backend
      .api(USERS.owner)
      .get(`/catalog/clusters/${CLUSTER}`);
    expect(asUser.status).toBe(403);
    const unknown = await request(f.backend.backend.server)
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
    const created = await f.backend
      .api(USERS.owner)
      .post(`/clusters/${CLUSTER}/topics`, {
        name: 'team-a.payments',
        replicationFactor: 1,
        description: 'Payments, one event per charge',
      });
    expect(created.body).toMatchObject({ name: 'team-a.payments' });
    const registered = await f.backend
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
        brokers: f.stack.kafka.bootstrapServers,
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
    await new CdcPipelineStore(f.knex).create({
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

  it('puts the evidence on a topic deletion: who reads, writes, declares and depends on it, read again when opened; another team gets 404', async () => {
    // A group reading team-a.orders, two messages behind after a commit,
    // three messages written between two samples of the offset sampler.
    const kafka = new Kafka({
      brokers: f.stack.kafka.bootstrapServers,
      logLevel: logLevel.NOTHING,
    });
    const admin = kafka.admin();
    await admin.connect();
    const producer = kafka.producer();
    await producer.connect();
    try {
      await admin.setOffsets({
        groupId: 'team-a.billing',
        topic: 'team-a.orders',
        partitions: [
          { partition: 0, offset: '0' },
          { partition: 1, offset: '0' },
        ],
      });
      // The group's page makes the sampler watch it, so its commits are seen.
      expect(
        (
          await f.backend
            .api(USERS.owner)
            .get(`/clusters/${CLUSTER}/consumer-groups/team-a.billing`)
        ).status,
      ).toBe(200);
      await f.services.sampler.runCycle();
      await producer.send({
        topic: 'team-a.orders',
        messages: [0, 0, 1].map(partition => ({ partition, value: 'o' })),
      });
      // It commits one message of partition 0: two messages behind.
      await admin.setOffsets({
        groupId: 'team-a.billing',
        topic: 'team-a.orders',
        partitions: [{ partition: 0, offset: '1' }],
      });
      await f.services.sampler.runCycle();
      // The catalog relates checkout to the topic (a test above waits too).
      await eventually(
        () => catalog('kind=component,metadata.name=checkout'),
        c => c.length === 1 && relations(c[0]).length >= 3,
      );

      const asked = await f.backend
        .api(USERS.owner)
        .delete(`/clusters/${CLUSTER}/topics/team-a.orders`, {
          confirm: 'team-a.orders',
          reason: 'moving to team-a.orders-v2',
        });
      expect(asked.status).toBe(202);
      const sections = (evidence: any) =>
        Object.fromEntries(
          evidence.sections.map((s: any) => [
            s.id,
            s.problem ?? s.items.map((i: any) => `${i.label}: ${i.detail}`),
          ]),
        );
      const stored = asked.body.evidence;
      expect(stored.policy.why).toMatch(
        /^Deleting a topic deletes its messages/,
      );
      const facts = sections(stored);
      expect(facts.readers).toContainEqual(
        expect.stringMatching(
          /^team-a\.billing: lag 2 messages.*; last commit at or before \d{4}-\d\d-\d\dT/,
        ),
      );
      expect(facts.producers).toEqual([
        expect.stringMatching(/^3 messages in \d+ min: last at or before /),
      ]);
      expect(facts.catalog).toEqual([
        'component:default/checkout: produces it',
      ]);
      expect(facts.connectors).toEqual([
        expect.stringMatching(/^team-a\.orders-sink: sink, running/),
      ]);
      expect(facts.schemas).toEqual([
        'default/team-a.orders-key: owned by group:default/team-a',
        'default/team-a.orders-value: owned by group:default/team-a',
      ]);

      // The group goes; the approver opening the request sees no such reader.
      await admin.deleteGroups(['team-a.billing']);
      const opened = await f.backend
        .api(USERS.approver)
        .get(`/approvals/${asked.body.id}/evidence`);
      expect(opened.status).toBe(200);
      expect(Date.parse(opened.body.computedAt)).toBeGreaterThan(
        Date.parse(stored.computedAt),
      );
      expect(sections(opened.body).readers).not.toContainEqual(
        expect.stringMatching(/^team-a\.billing:/),
      );
      expect(
        (
          await f.backend
            .api(USERS.other)
            .get(`/approvals/${asked.body.id}/evidence`)
        ).status,
      ).toBe(404);
      const cancelled = await f.backend
        .api(USERS.owner)
        .post(`/approvals/${asked.body.id}/cancel`);
      expect(cancelled.body.status).toBe('cancelled');
    } finally {
      await producer.disconnect();
      await admin.disconnect();
    }
  });

  it('removes a topic deleted by approval at once', async () => {
    const requested = await f.backend
      .api(USERS.owner)
      .delete(`/clusters/${CLUSTER}/topics/team-a.payments`, {
        confirm: 'team-a.payments',
        reason: 'replaced by team-a.payments-v2',
      });
    expect(requested.status).toBe(202);
    const approved = await f.backend
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
