/**
 * CDC pipelines end to end, everything real: the wizard's routes against a
 * PostgreSQL with the demo shop, a security review, the manifests committed
 * to a bare git repository, the demo sync creating the Debezium connector
 * on Kafka Connect, and change events read back from Apache Kafka and
 * decoded with their Avro schema from Apicurio.
 */
import {
  DEMO_REPLICATION_ROLE,
  openBareRepo,
  syncGitOps,
} from '@eventport/devstack';
import { Client } from 'pg';
import { parse } from 'yaml';
import {
  SHOP_ENTITY_REF,
  SOURCE_PASSWORD,
  useCdcFixture,
} from '../__testUtils__/cdcFixture';
import { USERS } from '../__testUtils__/harness';
import { readChangeEvents } from '../__testUtils__/changeEvents';

jest.setTimeout(240_000);

const PREFIX = 'team-a.cdc.shop';

const request = (name: string, prefix = PREFIX) => ({
  sourceEntityRef: SHOP_ENTITY_REF,
  cluster: 'dev-local',
  name,
  topicPrefix: prefix,
  tables: [
    {
      schema: 'shop',
      table: 'customers',
      columns: {
        email: 'exclude',
        phone: 'hash',
        birth_date: 'exclude',
        full_name: 'mask',
      },
    },
    {
      schema: 'shop',
      table: 'orders',
      columns: { shipping_address: 'exclude' },
    },
  ],
});

async function sql(
  db: { host: string; port: number; user: string; database: string },
  statements: string[],
) {
  const client = new Client(db);
  await client.connect();
  try {
    for (const s of statements) await client.query(s);
  } finally {
    await client.end();
  }
}

describe('CDC pipelines against PostgreSQL, Apache Kafka, Kafka Connect with Debezium, Apicurio and a bare git repository', () => {
  const fixture = useCdcFixture();
  let api: Awaited<ReturnType<typeof fixture.backend>>;

  beforeAll(async () => {
    api = await fixture.backend();
  }, 120_000);

  it('lists the catalog databases that name a CDC source', async () => {
    const res = await api(USERS.owner).get('/cdc/databases');
    expect(res.status).toBe(200);
    expect(res.body.items.map((d: any) => d.entityRef)).toEqual([
      SHOP_ENTITY_REF,
      'resource:default/shop-maria-db',
    ]);
    expect(res.body.items.slice(0, 1)).toEqual([
      {
        entityRef: SHOP_ENTITY_REF,
        title: 'shop-db',
        owner: 'group:default/team-a',
        sourceId: 'shop',
        usable: true,
        source: {
          id: 'shop',
          type: 'postgres',
          host: fixture.pg.host,
          port: fixture.pg.port,
          database: fixture.pg.database,
          user: DEMO_REPLICATION_ROLE,
        },
      },
    ]);
    expect(JSON.stringify(res.body)).not.toContain(SOURCE_PASSWORD);
    const sources = await api(USERS.owner).get('/cdc/sources');
    expect(sources.body.items.map((s: any) => s.id)).toContain('shop');
  });

  it('shows another team that a database exists and whom to ask, not its connection', async () => {
    const res = await api(USERS.other).get('/cdc/databases');
    expect(res.status).toBe(200);
    const shop = res.body.items.find(
      (d: any) => d.entityRef === SHOP_ENTITY_REF,
    );
    expect(shop).toEqual({
      entityRef: SHOP_ENTITY_REF,
      title: 'shop-db',
      owner: 'group:default/team-a',
      sourceId: 'shop',
      usable: false,
    });
    const body = JSON.stringify(res.body);
    expect(body).not.toContain(DEMO_REPLICATION_ROLE);
    expect(body).not.toContain(`${fixture.pg.port}`);
    const sources = await api(USERS.other).get('/cdc/sources');
    expect(sources.status).toBe(200);
    expect(sources.body.items.map((s: any) => s.id)).not.toContain('shop');
  });

  it("another team may not read the database's schema, check it or build a pipeline from it (403)", async () => {
    const other = api(USERS.other);
    const introspection = await other.get(
      `/cdc/introspection?entityRef=${SHOP_ENTITY_REF}`,
    );
    expect(introspection.status).toBe(403);
    expect(introspection.body.error.message).toMatch(
      /owned by group:default\/team-a/,
    );
    expect(JSON.stringify(introspection.body)).not.toMatch(/customers|email/);
    const preflight = await other.post('/cdc/preflight', {
      sourceEntityRef: SHOP_ENTITY_REF,
      tables: [{ schema: 'shop', table: 'customers' }],
    });
    expect(preflight.status).toBe(403);
    const preview = await other.post('/cdc/pipelines/preview', {
      name: 'steal-customers',
      cluster: 'dev-local',
      sourceEntityRef: SHOP_ENTITY_REF,
      topicPrefix: 'team-b.steal',
      tables: [{ schema: 'shop', table: 'customers', columns: {} }],
    });
    expect(preview.status).toBe(403);
    // A table name that would add an unreviewed table to Debezium's list.
    const comma = await api(USERS.owner).post('/cdc/pipelines/preview', {
      name: 'comma-trick',
      cluster: 'dev-local',
      sourceEntityRef: SHOP_ENTITY_REF,
      topicPrefix: 'team-a.comma',
      tables: [{ schema: 'shop', table: 'orders,shop.customers', columns: {} }],
    });
    expect(comma.status).toBe(400);
    expect(comma.body.error.message).toMatch(/comma-separated/);
  });

  it('introspects the catalog database and runs the pre-flight checks', async () => {
    const res = await api(USERS.owner).get(
      `/cdc/introspection?entityRef=${SHOP_ENTITY_REF}`,
    );
    expect(res.status).toBe(200);
    const shop = res.body.schemas.find((s: any) => s.name === 'shop');
    expect(shop.tables.map((t: any) => t.name)).toEqual([
      'customers',
      'orders',
      'products',
    ]);
    const customers = shop.tables[0];
    expect(customers.primaryKey).toEqual(['id']);
    expect(
      customers.columns.filter((c: any) => c.pii).map((c: any) => c.name),
    ).toEqual(
      expect.arrayContaining(['full_name', 'email', 'phone', 'birth_date']),
    );
    const preflight = await api(USERS.owner).post('/cdc/preflight', {
      sourceEntityRef: SHOP_ENTITY_REF,
      tables: [{ schema: 'shop', table: 'customers' }],
    });
    expect(preflight.status).toBe(200);
    const failed = preflight.body.items.filter((c: any) => !c.passed);
    expect(failed).toEqual([]);
    expect(preflight.body.items.map((c: any) => c.id)).toEqual(
      expect.arrayContaining(['wal-level', 'replica-identity:shop.customers']),
    );
  });

  it('refuses what cannot work, with a 4xx that says why', async () => {
    const owner = api(USERS.owner);
    const cases: Array<[object, number, RegExp]> = [
      [
        { ...request('p-one'), topicPrefix: 'team-b.cdc' },
        403,
        /owned by group:default\/team-b/,
      ],
      [
        { ...request('p-one'), topicPrefix: 'nobody.cdc' },
        400,
        /outside every namespace/,
      ],
      [
        {
          ...request('p-one'),
          tables: [{ schema: 'shop', table: 'nope', columns: {} }],
        },
        400,
        /shop\.nope does not exist/,
      ],
      [
        {
          ...request('p-one'),
          tables: [
            { schema: 'shop', table: 'customers', columns: { id: 'exclude' } },
          ],
        },
        400,
        /primary key/,
      ],
      [
        {
          ...request('p-one'),
          tables: [
            { schema: 'shop', table: 'orders', columns: { quantity: 'hash' } },
          ],
        },
        400,
        /character columns only/,
      ],
      [
        {
          ...request('p-one'),
          tables: [
            { schema: 'shop', table: 'orders', columns: { nope: 'exclude' } },
          ],
        },
        400,
        /no column 'nope'/,
      ],
      [
        { ...request('p-one'), sourceEntityRef: 'resource:default/plain-db' },
        400,
        /no eventport.io\/cdc-source annotation/,
      ],
      [
        {
          ...request('p-one'),
          sourceEntityRef: 'resource:default/shop-bucket',
        },
        400,
        /not a Resource of spec.type database/,
      ],
      [
        { ...request('p-one'), sourceEntityRef: 'resource:default/missing' },
        404,
        /No catalog entity/,
      ],
      [{ ...request('P_One') }, 400, /name: 3 to 40 lowercase/],
      [{ ...request('p-one'), cluster: 'nope' }, 404, /nope/],
    ];
    for (const [body, status, message] of cases) {
      const res = await owner.post('/cdc/pipelines/preview', body);
      expect({ status: res.status, message: res.body.error?.message }).toEqual({
        status,
        message: expect.stringMatching(message),
      });
    }
  });

  it('previews the Debezium config, topics, artifacts and Strimzi manifests without a password', async () => {
    const res = await api(USERS.owner).post(
      '/cdc/pipelines/preview',
      request('shop-preview'),
    );
    expect(res.status).toBe(200);
    const { artefacts } = res.body;
    expect(res.body.owner).toBe('group:default/team-a');
    expect(artefacts.connectorName).toBe('team-a.shop-preview');
    expect(artefacts.connectorConfig).toMatchObject({
      'connector.class': 'io.debezium.connector.postgresql.PostgresConnector',
      'plugin.name': 'pgoutput',
      'slot.name': 'eventport_shop_preview',
      'publication.name': 'eventport_shop_preview',
      'publication.autocreate.mode': 'filtered',
      'topic.prefix': PREFIX,
      'table.include.list': 'shop\\.customers,shop\\.orders',
      'column.exclude.list':
        'shop\\.customers\\.email,shop\\.customers\\.birth_date,shop\\.orders\\.shipping_address',
      'column.mask.with.8.chars': 'shop\\.customers\\.full_name',
      'database.password': '${env:EVENTPORT_CONNECT_PG_PASSWORD}',
      'value.converter': 'io.apicurio.registry.utils.converter.AvroConverter',
    });
    expect(
      Object.keys(artefacts.connectorConfig).filter(k =>
        k.startsWith('column.mask.hash.SHA-256.with.salt.'),
      ),
    ).toHaveLength(1);
    expect(
      artefacts.tables.map((t: any) => [
        t.topic,
        t.valueArtifact,
        t.keyArtifact,
      ]),
    ).toEqual([
      [
        `${PREFIX}.shop.customers`,
        `${PREFIX}.shop.customers-value`,
        `${PREFIX}.shop.customers-key`,
      ],
      [
        `${PREFIX}.shop.orders`,
        `${PREFIX}.shop.orders-value`,
        `${PREFIX}.shop.orders-key`,
      ],
    ]);
    expect(artefacts.manifests.map((m: any) => m.path)).toEqual([
      'kafkaconnector.yaml',
      `topics/${PREFIX}.shop.customers.yaml`,
      `topics/${PREFIX}.shop.orders.yaml`,
    ]);
    expect(artefacts.deployMode).toBe('gitops');
    const connector = parse(artefacts.manifests[0].content);
    expect(connector.spec.config['connector.class']).toBeUndefined();
    expect(JSON.stringify(res.body)).not.toContain(SOURCE_PASSWORD);
  });

  it('MariaDB: generates the MySQL connector config, which Connect validates up to the server check that MariaDB 10.11 fails', async () => {
    // Debezium's MariaDB connector is not served by this machine's Maven
    // Central, and its MySQL connector refuses MariaDB 10.11 (it asks for
    // SHOW BINARY LOG STATUS). Everything else of the config validates.
    const res = await api(USERS.owner).post('/cdc/pipelines/preview', {
      sourceEntityRef: 'resource:default/shop-maria-db',
      cluster: 'dev-local',
      name: 'maria-shop',
      topicPrefix: 'team-a.cdc.maria',
      tables: [
        { schema: 'shop', table: 'customers', columns: { email: 'exclude' } },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.preflight.filter((c: any) => !c.passed)).toEqual([]);
    const config = res.body.artefacts.connectorConfig;
    expect(config).toMatchObject({
      'connector.class': 'io.debezium.connector.mysql.MySqlConnector',
      'database.include.list': 'shop',
      'table.include.list': 'shop\\.customers',
      'column.exclude.list': 'shop\\.customers\\.email',
      'schema.history.internal.kafka.topic': 'team-a.cdc.maria.schema-history',
      'database.password': '${env:EVENTPORT_CONNECT_MYSQL_PASSWORD}',
    });
    expect(res.body.artefacts.manifests.map((m: any) => m.path)).toEqual([
      'kafkaconnector.yaml',
      'topics/team-a.cdc.maria.shop.customers.yaml',
      'topics/team-a.cdc.maria.schema-history.yaml',
    ]);
    const validated = await fetch(
      `${
        fixture.stack.connect!.url
      }/connector-plugins/MySqlConnector/config/validate`,
      {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          ...config,
          name: res.body.artefacts.connectorName,
        }),
      },
    );
    expect(validated.status).toBe(200);
    const body = (await validated.json()) as {
      // Some entries (the converters' own) come without a value.
      configs: Array<{ value: { name: string; errors: string[] } | null }>;
    };
    const errors = body.configs
      .filter(c => c.value?.errors.length)
      .map(c => [c.value!.name, c.value!.errors.join(' ')]);
    expect(errors).toEqual([
      [
        'database.hostname',
        expect.stringMatching(/10\.11.*MariaDB.*SHOW BINARY LOG STATUS/),
      ],
    ]);
  });

  it('deploys a reviewed pipeline through GitOps, and its change events flow into Kafka with Avro schemas in Apicurio', async () => {
    const name = 'shop-orders';
    const submitted = await api(USERS.owner).post('/cdc/pipelines', {
      ...request(name),
      reason: 'Order analytics for the loyalty programme',
    });
    expect(submitted.status).toBe(202);
    expect(submitted.body.status).toBe('review');
    const pipelineId = submitted.body.id;
    const approvalId = submitted.body.approvalId;

    // Only security reviewers decide it: not a platform approver, not the requester.
    const byApprover = await api(USERS.approver).post(
      `/approvals/${approvalId}/approve`,
      {},
    );
    expect(byApprover.status).toBe(404);
    const byOwner = await api(USERS.owner).post(
      `/approvals/${approvalId}/approve`,
      {},
    );
    expect(byOwner.status).toBe(403);
    const list = await api(USERS.security).get('/approvals?status=pending');
    expect(list.body.canDecide).toBe(true);
    const review = list.body.items.find((r: any) => r.id === approvalId);
    expect(
      review.payload.artefacts.tables[0].columns.find(
        (c: any) => c.name === 'email',
      ),
    ).toMatchObject({
      handling: 'exclude',
      pii: true,
    });
    expect(review.payload.preflight.every((c: any) => c.passed)).toBe(true);
    // Evidence for the reviewers: no personal data in clear, how each PII
    // column is protected, the topics with their owner, the password as a
    // reference only, no failed pre-flight check.
    const opened = await api(USERS.security).get(`/approvals/${approvalId}`);
    const facts = Object.fromEntries(
      opened.body.evidence.sections.map((x: any) => [
        x.id,
        x.problem ?? x.items,
      ]),
    );
    expect(facts['pii-clear']).toEqual([]);
    expect(facts['pii-protected']).toEqual(
      expect.arrayContaining([
        { label: 'shop.customers.email', detail: 'left out' },
        { label: 'shop.customers.phone', detail: 'hashed' },
        { label: 'shop.customers.full_name', detail: 'masked' },
        { label: 'shop.orders.shipping_address', detail: 'left out' },
      ]),
    );
    expect(facts.topics).toEqual(
      expect.arrayContaining([
        {
          label: `${PREFIX}.shop.customers`,
          detail: 'owned by group:default/team-a, created by the pipeline',
        },
      ]),
    );
    expect(facts.references.length).toBeGreaterThan(0);
    for (const ref of facts.references) expect(ref.label).toMatch(/^\$\{/);
    expect(facts.preflight).toEqual([]);
    const approved = await api(USERS.security).post(
      `/approvals/${approvalId}/approve`,
      { comment: 'PII excluded or masked' },
    );
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('executed');

    // Committed on a new branch, exactly the previewed manifests.
    const pipeline = (
      await api(USERS.owner).get(`/cdc/pipelines/${pipelineId}`)
    ).body;
    expect(pipeline.status).toBe('committed');
    expect(pipeline.deployment).toMatchObject({
      mode: 'gitops',
      branch: `eventport/cdc-${name}`,
    });
    const repo = openBareRepo(fixture.repo.dir);
    expect(await repo.branches()).toEqual(
      expect.arrayContaining(['main', `eventport/cdc-${name}`]),
    );
    const files = await repo.files(
      pipeline.deployment.commit,
      `kafka/cdc/${name}`,
    );
    expect(files.sort()).toEqual(
      [
        `kafka/cdc/${name}/kafkaconnector.yaml`,
        `kafka/cdc/${name}/topics/${PREFIX}.shop.customers.yaml`,
        `kafka/cdc/${name}/topics/${PREFIX}.shop.orders.yaml`,
      ].sort(),
    );
    const committed = await repo.show(
      pipeline.deployment.commit,
      `kafka/cdc/${name}/kafkaconnector.yaml`,
    );
    expect(committed).toBe(pipeline.artefacts.manifests[0].content);
    expect(await repo.files('main', 'kafka/cdc')).toEqual([]);
    for (const file of files) {
      expect(await repo.show(pipeline.deployment.commit, file)).not.toContain(
        SOURCE_PASSWORD,
      );
    }
    expect(JSON.stringify(review)).not.toContain(SOURCE_PASSWORD);

    // The demo sync merges the branch and applies it, as Strimzi would.
    const synced = await syncGitOps({
      repo,
      path: 'kafka/cdc',
      connectUrl: fixture.stack.connect!.url,
      bootstrapServers: fixture.stack.kafka.bootstrapServers,
      autoMergePrefix: 'eventport/cdc-',
    });
    expect(synced).toMatchObject({
      merged: [`eventport/cdc-${name}`],
      topicsCreated: [`${PREFIX}.shop.customers`, `${PREFIX}.shop.orders`],
      connectorsApplied: ['team-a.shop-orders'],
      errors: [],
    });
    await fixture.connect.waitFor('team-a.shop-orders', 'RUNNING', {
      tasks: 'RUNNING',
      timeoutMs: 120_000,
    });

    await sql(fixture.pg, [
      `INSERT INTO shop.customers (full_name, email, phone, birth_date) VALUES ('Katherine Johnson', 'kj@example.com', '+1 757 555 0199', '1918-08-26')`,
      `UPDATE shop.customers SET loyalty_tier = 'gold' WHERE email = 'kj@example.com'`,
      `DELETE FROM shop.orders WHERE id = 2`,
    ]);

    // 3 snapshot rows, then the insert and the update of the new row (one
    // key, so one partition, in order; other keys may interleave).
    const customers = await readChangeEvents(
      fixture.stack.kafka.bootstrapServers,
      fixture.stack.registry!.url,
      `${PREFIX}.shop.customers`,
      5,
    );
    const snapshot = customers.filter(e => e.value?.op === 'r');
    expect(snapshot.map(e => e.value!.after.id).sort()).toEqual([1, 2, 3]);
    const newRow = customers.filter(e => e.key.id === 4).map(e => e.value!);
    expect(newRow.map(v => v.op)).toEqual(['c', 'u']);
    expect(newRow[0].after).toMatchObject({
      id: 4,
      loyalty_tier: 'bronze',
      full_name: '********',
    });
    expect(newRow[1].after).toMatchObject({ id: 4, loyalty_tier: 'gold' });
    for (const event of customers) {
      expect(event.value!.after).not.toHaveProperty('email');
      expect(event.value!.after).not.toHaveProperty('birth_date');
    }
    expect(newRow[0].after.phone).toMatch(/^[0-9a-f]{32,64}$/);
    expect(newRow[0].after.phone).not.toContain('555');

    // 2 snapshot rows, then the delete of order 2 and its tombstone.
    const orders = await readChangeEvents(
      fixture.stack.kafka.bootstrapServers,
      fixture.stack.registry!.url,
      `${PREFIX}.shop.orders`,
      4,
    );
    const order2 = orders
      .filter(e => e.key.id === 2)
      .map(e => e.value?.op ?? 'tombstone');
    expect(order2).toEqual(['r', 'd', 'tombstone']);
    const deleted = orders.find(e => e.value?.op === 'd')!.value!;
    // REPLICA IDENTITY DEFAULT: the old row of a delete holds its key only.
    expect(deleted.before).toMatchObject({ id: 2 });
    expect(deleted.before).not.toHaveProperty('shipping_address');

    // The artifacts are named after the topics.
    const registry = fixture.stack.registry!.url;
    for (const artifact of [
      `${PREFIX}.shop.customers-value`,
      `${PREFIX}.shop.customers-key`,
      `${PREFIX}.shop.orders-value`,
    ]) {
      const res = await fetch(
        `${registry}/groups/default/artifacts/${encodeURIComponent(artifact)}`,
      );
      expect({ artifact, status: res.status }).toEqual({
        artifact,
        status: 200,
      });
    }

    // Another team sees nothing of it (as of its approval request).
    const foreign = await api(USERS.other).get(
      `/cdc/pipelines/${pipelineId}/status`,
    );
    expect(foreign.status).toBe(404);
    const status = await api(USERS.owner2).get(
      `/cdc/pipelines/${pipelineId}/status`,
    );
    expect(status.status).toBe(200);
    expect(status.body.live.connector).toMatchObject({
      name: 'team-a.shop-orders',
      state: 'RUNNING',
      tasks: [{ id: 0, state: 'RUNNING' }],
    });
    expect(status.body.live.topics).toEqual([
      expect.objectContaining({
        topic: `${PREFIX}.shop.customers`,
        exists: true,
        endOffset: 5,
      }),
      expect.objectContaining({
        topic: `${PREFIX}.shop.orders`,
        exists: true,
        endOffset: 4,
      }),
    ]);
    // The test's own reader of the customers topic, caught up.
    expect(status.body.live.topics[0].consumers).toEqual([
      expect.objectContaining({
        groupId: expect.stringMatching(
          /^test-reader-team-a\.cdc\.shop\.shop\.customers-/,
        ),
        lag: 0,
      }),
    ]);
    expect(status.body.live.slot).toMatchObject({
      name: 'eventport_shop_orders',
      active: true,
    });
    expect(status.body.live.slot.lagBytes).toEqual(expect.any(Number));
    expect(status.body.live.problems).toEqual([]);
  });

  it('refuses a second live pipeline with the same name, and a rejected one frees it', async () => {
    const owner = api(USERS.owner);
    const again = await owner.post('/cdc/pipelines', {
      ...request('shop-orders'),
      reason: 'again',
    });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/already exists/);

    const first = await owner.post('/cdc/pipelines', {
      ...request('shop-rejected'),
      reason: 'try',
    });
    expect(first.status).toBe(202);
    const rejected = await api(USERS.security).post(
      `/approvals/${first.body.approvalId}/reject`,
      { comment: 'phone must be excluded' },
    );
    expect(rejected.body.status).toBe('rejected');
    const after = await owner.get(`/cdc/pipelines/${first.body.id}`);
    expect(after.body).toMatchObject({
      status: 'rejected',
      error: expect.stringMatching(/phone must be excluded/),
    });
    const retry = await owner.post('/cdc/pipelines', {
      ...request('shop-rejected'),
      reason: 'phone now hashed',
    });
    expect(retry.status).toBe(202);
  });

  it('creates topics and the connector through Kafka Connect when no GitOps repository is configured', async () => {
    const direct = await fixture.backend({ gitops: false });
    const submitted = await direct(USERS.owner).post('/cdc/pipelines', {
      ...request('shop-direct', 'team-a.cdc.direct'),
      tables: [{ schema: 'shop', table: 'products', columns: {} }],
      reason: 'Product catalogue sync',
    });
    expect(submitted.status).toBe(202);
    expect(submitted.body.artefacts.deployMode).toBe('direct');
    const approved = await direct(USERS.security).post(
      `/approvals/${submitted.body.approvalId}/approve`,
      {},
    );
    expect(approved.body.status).toBe('executed');
    const pipeline = (
      await direct(USERS.owner).get(`/cdc/pipelines/${submitted.body.id}`)
    ).body;
    expect(pipeline).toMatchObject({
      status: 'deployed',
      deployment: { mode: 'direct' },
    });
    await fixture.connect.waitFor('team-a.shop-direct', 'RUNNING', {
      tasks: 'RUNNING',
      timeoutMs: 120_000,
    });
    const products = await readChangeEvents(
      fixture.stack.kafka.bootstrapServers,
      fixture.stack.registry!.url,
      'team-a.cdc.direct.shop.products',
      2,
    );
    expect(products.map(e => e.value?.after?.sku).sort()).toEqual([
      'MUG-02',
      'TEA-01',
    ]);
    const connector = await direct(USERS.owner).get(
      '/clusters/dev-local/connectors/team-a.shop-direct',
    );
    expect(connector.body.owner).toBe('group:default/team-a');
  });
});
