/**
 * Changing what a running CDC pipeline captures (issue 27), everything
 * real: a pipeline deployed through Kafka Connect with Debezium from the
 * test's own PostgreSQL; the owner's change (a table added, its PII masked
 * and excluded) previewed as a diff, decided by the security reviewers and
 * applied; the publication following the table list, and the added table's
 * change events in Apache Kafka, decoded with their Apicurio schemas. A
 * GitOps pipeline's change is a commit that keeps its paused state.
 */
import { GitOpsSeen, openBareRepo, syncGitOps } from '@eventport/devstack';
import { parse } from 'yaml';
import { readChangeEvents } from '../__testUtils__/changeEvents';
import { SHOP_ENTITY_REF, useCdcFixture } from '../__testUtils__/cdcFixture';
import { pgRun } from '../__testUtils__/cdcSources';
import { USERS } from '../__testUtils__/harness';
import { artefactsDigest } from '../services/cdc/CdcPipelineChanges';
import type { EventStreamingServices } from '../services/EventStreamingServices';

jest.setTimeout(240_000);

const NAME = 'shop-change';
const CONNECTOR = `team-a.${NAME}`;
const PUBLICATION = 'eventport_shop_change';
const PREFIX = 'team-a.cdc.change';

const PRODUCTS = { schema: 'shop', table: 'products', columns: {} };
const CUSTOMERS = {
  schema: 'shop',
  table: 'customers',
  columns: { email: 'mask', phone: 'exclude', birth_date: 'exclude' },
};

describe('changing what a CDC pipeline captures, on PostgreSQL, Kafka Connect with Debezium, Apache Kafka and Apicurio', () => {
  const fixture = useCdcFixture();
  const admin = () => ({
    host: fixture.pg.host,
    port: fixture.pg.port,
    user: fixture.pg.user,
    database: fixture.pg.database,
  });
  let services!: EventStreamingServices;
  let api: Awaited<ReturnType<typeof fixture.backend>>;
  let pipelineId: string;

  const publishedTables = async () =>
    (
      await pgRun(admin(), [
        `SELECT schemaname || '.' || tablename AS t FROM pg_publication_tables WHERE pubname = '${PUBLICATION}' ORDER BY 1`,
      ])
    ).map(r => r.t);

  beforeAll(async () => {
    api = await fixture.backend({
      gitops: false,
      overrides: { exposeServices: s => (services = s) },
    });
    const submitted = await api(USERS.owner).post('/cdc/pipelines', {
      sourceEntityRef: SHOP_ENTITY_REF,
      cluster: 'dev-local',
      name: NAME,
      topicPrefix: PREFIX,
      tables: [PRODUCTS],
      reason: 'Product sync',
    });
    if (submitted.status !== 202) {
      throw new Error(`submit: ${submitted.status} ${submitted.text}`);
    }
    pipelineId = submitted.body.id;
    const approved = await api(USERS.security).post(
      `/approvals/${submitted.body.approvalId}/approve`,
      {},
    );
    if (approved.body.status !== 'executed') {
      throw new Error(`deploy: ${approved.text}`);
    }
    await fixture.connect.waitFor(CONNECTOR, 'RUNNING', {
      tasks: 'RUNNING',
      timeoutMs: 120_000,
    });
  }, 400_000);

  it("another team's developer cannot preview or ask for a change (404); a reviewer who is not its owner cannot either (403); bad selections are refused (400)", async () => {
    const body = { tables: [PRODUCTS, CUSTOMERS] };
    for (const [path, sent] of [
      ['change/preview', body],
      ['change', { ...body, reason: 'mine now' }],
    ] as const) {
      const other = await api(USERS.other).post(
        `/cdc/pipelines/${pipelineId}/${path}`,
        sent,
      );
      expect(other.status).toBe(404);
      expect(other.body.error.message).toBe(`No CDC pipeline ${pipelineId}`);
    }
    const reviewer = await api(USERS.security).post(
      `/cdc/pipelines/${pipelineId}/change/preview`,
      body,
    );
    expect(reviewer.status).toBe(403);
    expect(reviewer.body.error.message).toBe(
      `Pipeline '${NAME}' is owned by group:default/team-a: only its members may change it`,
    );
    const preview = (tables: unknown) =>
      api(USERS.owner).post(`/cdc/pipelines/${pipelineId}/change/preview`, {
        tables,
      });
    const same = await preview([PRODUCTS]);
    expect(same.status).toBe(400);
    expect(same.body.error.message).toBe(
      `This selection is what pipeline '${NAME}' captures already: nothing would change`,
    );
    const unknown = await preview([
      PRODUCTS,
      { schema: 'shop', table: 'secrets', columns: {} },
    ]);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(
      /^Table shop\.secrets does not exist in source 'shop'/,
    );
    const key = await preview([
      { schema: 'shop', table: 'products', columns: { id: 'hash' } },
    ]);
    expect(key.status).toBe(400);
    expect(key.body.error.message).toMatch(/part of the primary key/);
    // The prefix (and so the topics and their owner) is not the caller's to move.
    const moved = await api(USERS.owner).post(
      `/cdc/pipelines/${pipelineId}/change/preview`,
      { tables: [PRODUCTS], topicPrefix: 'team-b.cdc.stolen' },
    );
    expect(moved.status).toBe(400);
    expect(moved.body.error.message).toMatch(/topicPrefix/);
    const noReason = await api(USERS.owner).post(
      `/cdc/pipelines/${pipelineId}/change`,
      { tables: [PRODUCTS, CUSTOMERS], reason: ' ' },
    );
    expect(noReason.status).toBe(400);
  });

  it('the owner previews the diff, the security reviewers approve, and the added table flows with its PII masked and excluded', async () => {
    const preview = await api(USERS.owner).post(
      `/cdc/pipelines/${pipelineId}/change/preview`,
      { tables: [PRODUCTS, CUSTOMERS] },
    );
    expect(preview.status).toBe(200);
    const { diff, notes } = preview.body;
    expect(diff.addedTables).toEqual(['shop.customers']);
    expect(diff.removedTables).toEqual([]);
    expect(diff.config).toEqual(
      expect.arrayContaining([
        {
          key: 'table.include.list',
          before: 'shop\\.products',
          after: 'shop\\.products,shop\\.customers',
        },
        { key: 'column.mask.with.8.chars', after: 'shop\\.customers\\.email' },
        {
          key: 'column.exclude.list',
          after: 'shop\\.customers\\.phone,shop\\.customers\\.birth_date',
        },
      ]),
    );
    expect(diff.manifests.map((m: { path: string }) => m.path)).toEqual([
      'kafkaconnector.yaml',
      `topics/${PREFIX}.shop.customers.yaml`,
    ]);
    expect(diff.manifests[1].before).toBeUndefined();
    expect(notes[0]).toMatch(
      /^shop\.customers: captured from the change on\. Debezium's initial snapshot ran when the pipeline first started/,
    );
    expect(notes).toContainEqual(
      expect.stringMatching(/^The publication eventport_shop_change follows/),
    );

    const asked = await api(USERS.owner).post(
      `/cdc/pipelines/${pipelineId}/change`,
      { tables: [PRODUCTS, CUSTOMERS], reason: 'Loyalty analytics' },
    );
    expect(asked.status).toBe(202);
    expect(asked.body).toMatchObject({
      kind: 'cdc.change',
      status: 'pending',
      payload: {
        pipelineId,
        diff: { addedTables: ['shop.customers'] },
      },
    });
    // Evidence for the reviewers: what the change does, and the personal
    // data the pipeline would send in clear (full_name is left captured).
    const facts = Object.fromEntries(
      asked.body.evidence.sections.map((x: any) => [
        x.id,
        x.problem ?? x.items,
      ]),
    );
    expect(facts.changes).toEqual([
      {
        label: 'captures shop.customers',
        detail: 'from the change on; its existing rows are not snapshotted',
      },
    ]);
    expect(facts['pii-clear']).toEqual([
      {
        label: 'shop.customers.full_name',
        detail: expect.stringMatching(/personal name$/),
      },
    ]);
    expect(facts['pii-protected']).toEqual(
      expect.arrayContaining([
        { label: 'shop.customers.email', detail: 'masked' },
        { label: 'shop.customers.phone', detail: 'left out' },
      ]),
    );
    expect(facts.topics).toContainEqual({
      label: `${PREFIX}.shop.customers`,
      detail: 'owned by group:default/team-a, created by the pipeline',
    });
    // The payload holds the password's reference, never the password.
    expect(
      asked.body.payload.artefacts.connectorConfig['database.password'],
    ).toMatch(/^\$\{/);
    // One open request per pipeline: a second change waits for the first.
    const twice = await api(USERS.owner).post(
      `/cdc/pipelines/${pipelineId}/change`,
      { tables: [PRODUCTS, CUSTOMERS], reason: 'again' },
    );
    expect(twice.status).toBe(409);
    // Platform approvers decide deletions; what a pipeline reads is the
    // security reviewers' alone: the request is not even visible to them.
    const platform = await api(USERS.approver).post(
      `/approvals/${asked.body.id}/approve`,
      {},
    );
    expect(platform.status).toBe(404);
    const approved = await api(USERS.security).post(
      `/approvals/${asked.body.id}/approve`,
      {},
    );
    expect(approved.body.status).toBe('executed');
    expect(approved.body.history.at(-1).comment).toBe(
      `Updated connector ${CONNECTOR}; created topic ${PREFIX}.shop.customers.`,
    );

    const stored = (await api(USERS.owner).get(`/cdc/pipelines/${pipelineId}`))
      .body;
    expect(stored.status).toBe('deployed');
    expect(stored.selection).toEqual([PRODUCTS, CUSTOMERS]);
    expect(
      stored.artefacts.tables.map((t: { table: string }) => t.table),
    ).toEqual(['products', 'customers']);
    const live = await fixture.connect.config(CONNECTOR);
    expect(live?.['table.include.list']).toBe(
      'shop\\.products,shop\\.customers',
    );

    // The connector restarts with the new config, and Debezium sets the
    // publication's tables.
    await fixture.connect.waitFor(CONNECTOR, 'RUNNING', {
      tasks: 'RUNNING',
      timeoutMs: 120_000,
    });
    const deadline = Date.now() + 60_000;
    while ((await publishedTables()).length < 2 && Date.now() < deadline) {
      await new Promise(r => setTimeout(r, 500));
    }
    expect(await publishedTables()).toEqual([
      'shop.customers',
      'shop.products',
    ]);

    await pgRun(admin(), [
      `INSERT INTO shop.customers (full_name, email, phone, birth_date) VALUES ('Katherine Johnson', 'katherine@example.com', '+1 757 555 0199', '1918-08-26')`,
    ]);
    const [event] = await readChangeEvents(
      fixture.stack.kafka.bootstrapServers,
      fixture.stack.registry!.url,
      `${PREFIX}.shop.customers`,
      1,
    );
    expect(event.value?.op).toBe('c');
    expect(event.value?.after).toMatchObject({
      full_name: 'Katherine Johnson',
      email: '********',
    });
    expect(Object.keys(event.value?.after ?? {})).not.toContain('phone');
    expect(Object.keys(event.value?.after ?? {})).not.toContain('birth_date');
  });

  it('a change reviewed against an older pipeline is refused at execution, and nothing changes', async () => {
    const owner = {
      userEntityRef: USERS.owner,
      ownershipEntityRefs: ['group:default/team-a'],
    };
    const pipeline = await services.cdcPipelines.get(pipelineId, owner);
    const before = await fixture.connect.config(CONNECTOR);
    // A request computed from the pipeline before the change above: back
    // to products alone. Applying it now would undo the reviewed change.
    const older = {
      ...pipeline.artefacts,
      tables: pipeline.artefacts.tables.slice(0, 1),
    };
    const asked = await services.approvals.request({
      kind: 'cdc.change',
      payload: {
        pipelineId,
        name: NAME,
        cluster: 'dev-local',
        sourceEntityRef: SHOP_ENTITY_REF,
        sourceId: pipeline.sourceId,
        sourceType: pipeline.sourceType,
        owner: pipeline.owner,
        baseDigest: artefactsDigest({ ...older, connectorName: 'earlier' }),
        selection: [PRODUCTS],
        artefacts: older,
        preflight: [],
        diff: {
          addedTables: [],
          removedTables: ['shop.customers'],
          columns: [],
          config: [],
          manifests: [],
        },
      },
      reason: 'stale',
      caller: owner,
    });
    const decided = await api(USERS.security).post(
      `/approvals/${asked.id}/approve`,
      {},
    );
    expect(decided.body.status).toBe('failed');
    expect(decided.body.error).toBe(
      `Pipeline '${NAME}' changed after this request was made, so it is not what was reviewed; nothing was changed. Ask for the change again.`,
    );
    expect(await fixture.connect.config(CONNECTOR)).toEqual(before);
    expect(
      (await services.cdcPipelines.get(pipelineId, owner)).artefacts,
    ).toEqual(pipeline.artefacts);
  });

  it('a GitOps pipeline: the change is a commit on a branch of its own that keeps the paused state, applied by the operator once merged', async () => {
    const GIT_NAME = 'shop-git-change';
    const GIT_CONNECTOR = `team-a.${GIT_NAME}`;
    let gitServices!: EventStreamingServices;
    const gitops = await fixture.backend({
      overrides: { exposeServices: s => (gitServices = s) },
    });
    const repo = openBareRepo(fixture.repo.dir);
    let seen: GitOpsSeen | undefined;
    const sync = async () => {
      const result = await syncGitOps({
        repo,
        path: 'kafka/cdc',
        connectUrl: fixture.stack.connect!.url,
        bootstrapServers: fixture.stack.kafka.bootstrapServers,
        autoMergePrefix: 'eventport/cdc-',
        previous: seen,
      });
      seen = result.seen;
      return result;
    };
    const submitted = await gitops(USERS.owner).post('/cdc/pipelines', {
      sourceEntityRef: SHOP_ENTITY_REF,
      cluster: 'dev-local',
      name: GIT_NAME,
      topicPrefix: 'team-a.cdc.gitchange',
      tables: [PRODUCTS],
      reason: 'GitOps pipeline',
    });
    expect(submitted.status).toBe(202);
    const id = submitted.body.id;
    await gitops(USERS.security).post(
      `/approvals/${submitted.body.approvalId}/approve`,
      {},
    );
    // Committed, not applied yet: nothing runs to change.
    const early = await gitops(USERS.owner).post(
      `/cdc/pipelines/${id}/change/preview`,
      { tables: [PRODUCTS, CUSTOMERS] },
    );
    expect(early.status).toBe(409);
    expect(early.body.error.message).toBe(
      `Pipeline '${GIT_NAME}' cannot be changed: it is committed, waiting for its GitOps commit to be merged and applied. Only a deployed pipeline can be changed.`,
    );
    await sync();
    await fixture.connect.waitFor(GIT_CONNECTOR, 'RUNNING', {
      tasks: 'RUNNING',
      timeoutMs: 120_000,
    });
    await gitServices.cdcGitOpsReconciler.reconcile();
    const paused = await gitops(USERS.owner).post(
      `/cdc/pipelines/${id}/pause`,
      {},
    );
    expect(paused.status).toBe(200);
    await sync();
    await fixture.connect.waitFor(GIT_CONNECTOR, 'STOPPED');

    const asked = await gitops(USERS.owner).post(
      `/cdc/pipelines/${id}/change`,
      { tables: [PRODUCTS, CUSTOMERS], reason: 'Loyalty analytics' },
    );
    expect(asked.status).toBe(202);
    const approved = await gitops(USERS.security).post(
      `/approvals/${asked.body.id}/approve`,
      {},
    );
    expect(approved.body.status).toBe('executed');
    const stored = (await gitops(USERS.owner).get(`/cdc/pipelines/${id}`)).body;
    const { change } = stored.deployment;
    expect(change.branch).toMatch(
      new RegExp(`^eventport/cdc-${GIT_NAME}\\.change-[0-9a-f]{8}$`),
    );
    expect(approved.body.history.at(-1).comment).toBe(
      `Committed the change on branch ${change.branch} (${change.commit.slice(
        0,
        12,
      )}); the operator applies it once it is merged.`,
    );
    const manifest = parse(
      (await repo.show(
        change.commit,
        `kafka/cdc/${GIT_NAME}/kafkaconnector.yaml`,
      )) ?? '',
    );
    expect(manifest.spec.state).toBe('stopped');
    expect(manifest.spec.config['table.include.list']).toBe(
      'shop\\.products,shop\\.customers',
    );
    expect(
      await repo.show(
        change.commit,
        `kafka/cdc/${GIT_NAME}/topics/team-a.cdc.gitchange.shop.customers.yaml`,
      ),
    ).toMatch(/kind: KafkaTopic/);
    // Until the merge, Connect runs the old config; the operator applies the new one.
    expect(
      (await fixture.connect.config(GIT_CONNECTOR))?.['table.include.list'],
    ).toBe('shop\\.products');
    const merged = await sync();
    expect(merged.merged).toEqual([change.branch]);
    expect(merged.topicsCreated).toEqual([
      'team-a.cdc.gitchange.shop.customers',
    ]);
    expect(
      (await fixture.connect.config(GIT_CONNECTOR))?.['table.include.list'],
    ).toBe('shop\\.products,shop\\.customers');
    await fixture.connect.waitFor(GIT_CONNECTOR, 'STOPPED');
  });
});
