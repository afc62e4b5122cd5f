/**
 * The life of a CDC pipeline after its deployment (issue 27), everything
 * real: a pipeline deployed through Kafka Connect with Debezium from the
 * test's own PostgreSQL, its change events in Apache Kafka and their schemas
 * in Apicurio; paused and resumed by its owner; then the owner's request to
 * decommission it, the platform's approval, and a source database left with
 * no slot and no publication of it. A GitOps pipeline's status follows
 * Connect, and its pause and decommission are commits.
 */
import { SHOP_ENTITY_REF, useCdcFixture } from '../__testUtils__/cdcFixture';
import createKnex from 'knex';
import { randomUUID } from 'node:crypto';
import { pgRun } from '../__testUtils__/cdcSources';
import { brokerAdmin } from '../__testUtils__/kafkaAdmin';
import { USERS } from '../__testUtils__/harness';
import { GitOpsSeen, openBareRepo, syncGitOps } from '@eventport/devstack';
import type { EventStreamingServices } from '../services/EventStreamingServices';
import { parse } from 'yaml';

jest.setTimeout(240_000);

const CONNECTOR = 'team-a.shop-retire';
const SLOT = 'eventport_shop_retire';
const TOPIC = 'team-a.cdc.retire.shop.products';

describe('pausing, resuming and decommissioning a CDC pipeline on PostgreSQL, Kafka Connect with Debezium, Apache Kafka and Apicurio', () => {
  const fixture = useCdcFixture();
  /** The source's superuser, for the test's own SQL. */
  const admin = () => ({
    host: fixture.pg.host,
    port: fixture.pg.port,
    user: fixture.pg.user,
    database: fixture.pg.database,
  });
  let direct: Awaited<ReturnType<typeof fixture.backend>>;
  let pipelineId: string;

  const sourceStateOf = async (slot: string) => {
    const conn = admin();
    const [slots, publications] = await Promise.all([
      pgRun(conn, [
        `SELECT slot_name, active FROM pg_replication_slots WHERE slot_name = '${slot}'`,
      ]),
      pgRun(conn, [
        `SELECT pubname FROM pg_publication WHERE pubname = '${slot}'`,
      ]),
    ]);
    return { slots, publications };
  };
  const sourceState = () => sourceStateOf(SLOT);
  /** Until the slot exists with this activity (Debezium makes it as it starts). */
  const waitForSlot = async (slot: string, active: boolean) => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const { slots } = await sourceStateOf(slot);
      if (slots.length && String(slots[0].active) === String(active)) return;
      if (Date.now() > deadline) {
        throw new Error(`slot ${slot}: ${JSON.stringify(slots)}`);
      }
      await new Promise(r => setTimeout(r, 500));
    }
  };

  beforeAll(async () => {
    direct = await fixture.backend({ gitops: false });
    const submitted = await direct(USERS.owner).post('/cdc/pipelines', {
      sourceEntityRef: SHOP_ENTITY_REF,
      cluster: 'dev-local',
      name: 'shop-retire',
      topicPrefix: 'team-a.cdc.retire',
      tables: [{ schema: 'shop', table: 'products', columns: {} }],
      reason: 'Product sync, to be retired',
    });
    if (submitted.status !== 202) {
      throw new Error(`submit: ${submitted.status} ${submitted.text}`);
    }
    pipelineId = submitted.body.id;
    const approved = await direct(USERS.security).post(
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
    // The snapshot's records, with their schemas registered, and a slot in use.
    const deadline = Date.now() + 120_000;
    for (;;) {
      const status = await direct(USERS.owner).get(
        `/cdc/pipelines/${pipelineId}/status`,
      );
      const written = status.body.live.topics[0]?.endOffset ?? 0;
      if (written >= 2 && status.body.live.slot?.active) break;
      if (Date.now() > deadline) {
        throw new Error(
          `the pipeline did not capture the products: ${JSON.stringify(
            status.body.live,
          )}`,
        );
      }
      await new Promise(r => setTimeout(r, 1000));
    }
  }, 400_000);

  it('shows the WAL the source keeps for the running pipeline', async () => {
    const status = await direct(USERS.owner).get(
      `/cdc/pipelines/${pipelineId}/status`,
    );
    expect(status.body.live.slot).toMatchObject({
      name: SLOT,
      active: true,
    });
    expect(status.body.live.slot.retainedBytes).toBeGreaterThanOrEqual(0);
  });

  it('the owner pauses the pipeline: the slot is inactive and its WAL is reported; resumed, it delivers what changed meanwhile; nobody else may', async () => {
    // Another team does not see it; a reviewer who sees it is not its owner.
    expect(
      (await direct(USERS.other).post(`/cdc/pipelines/${pipelineId}/pause`, {}))
        .status,
    ).toBe(404);
    const reviewer = await direct(USERS.security).post(
      `/cdc/pipelines/${pipelineId}/pause`,
      {},
    );
    expect(reviewer.status).toBe(403);
    expect(reviewer.body.error.message).toBe(
      `Pipeline 'shop-retire' is owned by group:default/team-a: only its members may pause it`,
    );
    const written = async () =>
      (await direct(USERS.owner).get(`/cdc/pipelines/${pipelineId}/status`))
        .body.live.topics[0].endOffset as number;
    const before = await written();

    const paused = await direct(USERS.owner).post(
      `/cdc/pipelines/${pipelineId}/pause`,
      {},
    );
    expect(paused.status).toBe(200);
    expect(paused.body).toEqual({
      pipelineId,
      action: 'pause',
      mode: 'direct',
      connectorState: expect.any(String),
      message: expect.stringMatching(
        /^Connector team-a\.shop-retire is \w+\. While it is paused, the source database keeps every WAL segment for its replication slot; the owners are warned past 1\.0 GiB\.$/,
      ),
    });
    // Paused is Connect's STOPPED: the tasks shut down and let go of the slot.
    await fixture.connect.waitFor(CONNECTOR, 'STOPPED');
    await waitForSlot(SLOT, false);
    // Changes while paused: WAL the slot holds, no event yet.
    await pgRun(admin(), [
      "INSERT INTO shop.products (sku, name, price_cents) VALUES ('PAUSE-1', 'Written while paused', 100), ('PAUSE-2', 'Also while paused', 200)",
    ]);
    // The page's reading of the slot is cached for 5 s.
    let status = await direct(USERS.owner).get(
      `/cdc/pipelines/${pipelineId}/status`,
    );
    for (let i = 0; i < 40 && status.body.live.slot.active; i++) {
      await new Promise(r => setTimeout(r, 250));
      status = await direct(USERS.owner).get(
        `/cdc/pipelines/${pipelineId}/status`,
      );
    }
    expect(status.body.live.connector.state).toBe('STOPPED');
    expect(status.body.live.slot).toMatchObject({
      name: SLOT,
      active: false,
      retainedWarningBytes: 1024 ** 3,
    });
    expect(status.body.live.slot.retainedBytes).toBeGreaterThan(0);
    expect(await written()).toBe(before);

    const resumed = await direct(USERS.owner).post(
      `/cdc/pipelines/${pipelineId}/resume`,
      {},
    );
    expect(resumed.status).toBe(200);
    expect(resumed.body).toMatchObject({ action: 'resume', mode: 'direct' });
    await fixture.connect.waitFor(CONNECTOR, 'RUNNING', { tasks: 'RUNNING' });
    await waitForSlot(SLOT, true);
    // Nothing written while paused is lost.
    const deadline = Date.now() + 60_000;
    while ((await written()) < before + 2 && Date.now() < deadline) {
      await new Promise(r => setTimeout(r, 500));
    }
    expect(await written()).toBe(before + 2);
  });

  it("another team's developer cannot see the pipeline, so cannot ask (404); a reviewer who sees it is not its owner (403)", async () => {
    const body = { reason: 'not mine', deleteTopics: true };
    const other = await direct(USERS.other).post(
      `/cdc/pipelines/${pipelineId}/decommission`,
      body,
    );
    expect(other.status).toBe(404);
    const reviewer = await direct(USERS.security).post(
      `/cdc/pipelines/${pipelineId}/decommission`,
      body,
    );
    expect(reviewer.status).toBe(403);
    expect(reviewer.body.error.message).toMatch(
      /owned by group:default\/team-a: only its members may ask/,
    );
    // Nothing was requested, and nothing was removed.
    const pending = await direct(USERS.approver).get(
      '/approvals?status=pending',
    );
    expect(
      pending.body.items.filter((r: any) => r.kind === 'cdc.decommission'),
    ).toEqual([]);
    expect((await sourceState()).slots).toHaveLength(1);
  });

  it('refuses schemas without their topics, an unknown field and an empty reason (400)', async () => {
    for (const body of [
      { reason: 'x', deleteSchemas: true },
      { reason: 'x', deleteTopics: true, slotName: 'pg_catalog' },
      { reason: '  ' },
    ]) {
      const res = await direct(USERS.owner).post(
        `/cdc/pipelines/${pipelineId}/decommission`,
        body,
      );
      expect(res.status).toBe(400);
    }
    const schemas = await direct(USERS.owner).post(
      `/cdc/pipelines/${pipelineId}/decommission`,
      { reason: 'x', deleteSchemas: true },
    );
    expect(schemas.body.error.message).toMatch(
      /deleteSchemas needs deleteTopics/,
    );
  });

  it('the owner asks, a platform approver approves, and connector, slot, publication, topic and schemas are gone', async () => {
    // A group still reads the change topic: the evidence names it.
    const observer = await brokerAdmin(fixture.stack.kafka);
    try {
      await observer.commit('team-a.catalogue-reader', TOPIC, [0]);
    } finally {
      await observer.close();
    }
    const asked = await direct(USERS.owner).post(
      `/cdc/pipelines/${pipelineId}/decommission`,
      {
        reason: 'Replaced by the catalogue service',
        deleteTopics: true,
        deleteSchemas: true,
      },
    );
    expect(asked.status).toBe(202);
    expect(asked.body).toMatchObject({
      kind: 'cdc.decommission',
      status: 'pending',
      payload: {
        connectorName: CONNECTOR,
        slotName: SLOT,
        publicationName: SLOT,
        topics: [TOPIC],
        artifacts: [`${TOPIC}-value`, `${TOPIC}-key`],
        deleteTopics: true,
        deleteSchemas: true,
      },
    });
    expect(JSON.stringify(asked.body)).not.toMatch(/password/i);
    const facts = Object.fromEntries(
      asked.body.evidence.sections.map((x: any) => [
        x.id,
        x.problem ?? x.items,
      ]),
    );
    expect(facts.removes.map((f: { label: string }) => f.label)).toEqual([
      `connector ${CONNECTOR}`,
      `replication slot ${SLOT}`,
      `publication ${SLOT}`,
      `topic ${TOPIC}`,
      `schema ${TOPIC}-value`,
      `schema ${TOPIC}-key`,
    ]);
    // The group index behind the readers is up to 30 s old: the evidence
    // read again when the approver opens the request names the group.
    let readers: unknown = facts.readers;
    for (
      let deadline = Date.now() + 60_000;
      JSON.stringify(readers) === '[]' && Date.now() < deadline;

    ) {
      await new Promise(r => setTimeout(r, 2_000));
      const opened = await direct(USERS.approver).get(
        `/approvals/${asked.body.id}/evidence`,
      );
      readers = opened.body.sections.find((x: any) => x.id === 'readers').items;
    }
    expect(readers).toEqual([
      {
        label: `team-a.catalogue-reader reads ${TOPIC}`,
        detail: expect.stringMatching(/^lag \d+ messages?/),
      },
    ]);

    // One open request per pipeline.
    const again = await direct(USERS.owner2).post(
      `/cdc/pipelines/${pipelineId}/decommission`,
      { reason: 'twice' },
    );
    expect(again.status).toBe(409);
    // The requester cannot decide it; the security reviewers, who decide
    // deployments, do not even see it (404, as for any request not theirs).
    const own = await direct(USERS.owner).post(
      `/approvals/${asked.body.id}/approve`,
      {},
    );
    expect(own.status).toBe(403);
    const reviewer = await direct(USERS.security).post(
      `/approvals/${asked.body.id}/approve`,
      {},
    );
    expect(reviewer.status).toBe(404);

    const approved = await direct(USERS.approver).post(
      `/approvals/${asked.body.id}/approve`,
      {},
    );
    expect(approved.body.status).toBe('executed');
    const executed = approved.body.history.at(-1);
    expect(executed.action).toBe('executed');
    for (const part of [
      `connector ${CONNECTOR}`,
      `replication slot ${SLOT}`,
      `publication ${SLOT}`,
      `topic ${TOPIC}`,
      `schema default/${TOPIC}-value`,
    ]) {
      expect(executed.comment).toContain(part);
    }

    // The source database keeps nothing of the pipeline.
    expect(await sourceState()).toEqual({ slots: [], publications: [] });
    // Connect, Kafka and the registry neither.
    const connector = await fetch(
      `${fixture.stack.connect!.url}/connectors/${CONNECTOR}`,
    );
    expect(connector.status).toBe(404);
    const topics = await direct(USERS.owner).get(
      `/clusters/dev-local/topics/${TOPIC}`,
    );
    expect(topics.status).toBe(404);
    const artifact = await fetch(
      `${
        fixture.stack.registry!.url
      }/groups/default/artifacts/${encodeURIComponent(`${TOPIC}-value`)}`,
    );
    expect(artifact.status).toBe(404);

    const pipeline = (
      await direct(USERS.owner).get(`/cdc/pipelines/${pipelineId}`)
    ).body;
    expect(pipeline.status).toBe('decommissioned');
    expect(pipeline.deployment.removed).toContain(`replication slot ${SLOT}`);

    // Nothing is left to remove.
    const after = await direct(USERS.owner).post(
      `/cdc/pipelines/${pipelineId}/decommission`,
      { reason: 'again' },
    );
    expect(after.status).toBe(409);
    expect(after.body.error.message).toMatch(/decommissioned/);
  });

  it('a GitOps pipeline: its status follows Connect, and its decommission is a commit that removes its manifests, finished once the operator has deleted the connector', async () => {
    const NAME = 'shop-gitops-retire';
    const GIT_CONNECTOR = `team-a.${NAME}`;
    const GIT_SLOT = 'eventport_shop_gitops_retire';
    const GIT_TOPIC = 'team-a.cdc.gitretire.shop.products';
    let services!: EventStreamingServices;
    const gitops = await fixture.backend({
      overrides: { exposeServices: s => (services = s) },
    });
    const follow = () => services.cdcGitOpsReconciler.reconcile();
    const status = async (id: string) =>
      (await gitops(USERS.owner).get(`/cdc/pipelines/${id}`)).body;
    const repo = openBareRepo(fixture.repo.dir);
    const sync = (previous?: GitOpsSeen) =>
      syncGitOps({
        repo,
        path: 'kafka/cdc',
        connectUrl: fixture.stack.connect!.url,
        bootstrapServers: fixture.stack.kafka.bootstrapServers,
        autoMergePrefix: 'eventport/cdc-',
        previous,
      });

    const submitted = await gitops(USERS.owner).post('/cdc/pipelines', {
      sourceEntityRef: SHOP_ENTITY_REF,
      cluster: 'dev-local',
      name: NAME,
      topicPrefix: 'team-a.cdc.gitretire',
      tables: [{ schema: 'shop', table: 'products', columns: {} }],
      reason: 'GitOps pipeline',
    });
    expect(submitted.status).toBe(202);
    const id = submitted.body.id;
    const inReview = await gitops(USERS.owner).post(
      `/cdc/pipelines/${id}/decommission`,
      { reason: 'too early' },
    );
    expect(inReview.status).toBe(409);
    expect(inReview.body.error.message).toMatch(/cancel its request/);
    const pauseInReview = await gitops(USERS.owner).post(
      `/cdc/pipelines/${id}/pause`,
      {},
    );
    expect(pauseInReview.status).toBe(409);
    expect(pauseInReview.body.error.message).toBe(
      `Pipeline '${NAME}' cannot be paused: it is review, and only a deployed pipeline runs a connector`,
    );
    await gitops(USERS.security).post(
      `/approvals/${submitted.body.approvalId}/approve`,
      {},
    );
    expect((await status(id)).status).toBe('committed');
    // Not merged yet: nothing in Connect, the status stays.
    await follow();
    expect((await status(id)).status).toBe('committed');

    // The operator applies the merged manifests: the status follows.
    const first = await sync();
    expect(first.connectorsApplied).toEqual([GIT_CONNECTOR]);
    await fixture.connect.waitFor(GIT_CONNECTOR, 'RUNNING', {
      tasks: 'RUNNING',
      timeoutMs: 120_000,
    });
    const round = await follow();
    expect(round.changed).toContainEqual(
      expect.objectContaining({ id, from: 'committed', to: 'deployed' }),
    );
    expect(await status(id)).toMatchObject({ status: 'deployed', error: null });

    // Deleted behind Eventport's back: failed, saying what holds WAL; back
    // when the operator re-creates it from the manifests still on the branch.
    await fixture.connect.removeAndWait(GIT_CONNECTOR);
    await follow();
    expect(await status(id)).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(
        /^Connector team-a.shop-gitops-retire is no longer in Kafka Connect, but the pipeline was not decommissioned in Eventport.*decommission the pipeline to drop it\.$/,
      ),
    });
    const second = await sync(first.seen);
    expect(second.connectorsApplied).toEqual([GIT_CONNECTOR]);
    await fixture.connect.waitFor(GIT_CONNECTOR, 'RUNNING', {
      tasks: 'RUNNING',
      timeoutMs: 120_000,
    });
    await follow();
    expect(await status(id)).toMatchObject({ status: 'deployed', error: null });
    await waitForSlot(GIT_SLOT, true);

    // Pause and resume are commits of the KafkaConnector's spec.state.
    const pause = await gitops(USERS.owner).post(
      `/cdc/pipelines/${id}/pause`,
      {},
    );
    expect(pause.status).toBe(200);
    expect(pause.body).toMatchObject({
      action: 'pause',
      mode: 'gitops',
      branch: expect.stringMatching(
        new RegExp(`^eventport/cdc-${NAME}\\.pause-[0-9a-z]+$`),
      ),
      commit: expect.stringMatching(/^[0-9a-f]{40}$/),
    });
    expect(pause.body.message).toMatch(
      /the operator stops the connector once it is merged\. While it is paused/,
    );
    const manifest = parse(
      (await repo.show(
        pause.body.commit,
        `kafka/cdc/${NAME}/kafkaconnector.yaml`,
      )) ?? '',
    );
    expect(manifest.spec.state).toBe('stopped');
    const paused = await sync(second.seen);
    expect(paused.merged).toEqual([pause.body.branch]);
    await fixture.connect.waitFor(GIT_CONNECTOR, 'STOPPED');
    const resume = await gitops(USERS.owner).post(
      `/cdc/pipelines/${id}/resume`,
      {},
    );
    expect(resume.body).toMatchObject({ action: 'resume', mode: 'gitops' });
    const resumed = await sync(paused.seen);
    expect(resumed.merged).toEqual([resume.body.branch]);
    await fixture.connect.waitFor(GIT_CONNECTOR, 'RUNNING', {
      tasks: 'RUNNING',
    });
    // Resuming what runs has nothing to commit.
    const again = await gitops(USERS.owner).post(
      `/cdc/pipelines/${id}/resume`,
      {},
    );
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/already running/);

    // Decommission: the topics go, the schemas stay.
    const asked = await gitops(USERS.owner).post(
      `/cdc/pipelines/${id}/decommission`,
      { reason: 'Retired with the old shop', deleteTopics: true },
    );
    expect(asked.status).toBe(202);
    const approved = await gitops(USERS.approver).post(
      `/approvals/${asked.body.id}/approve`,
      {},
    );
    expect(approved.body.status).toBe('executed');
    const branch = `eventport/cdc-${NAME}.decommission-${id.slice(0, 8)}`;
    const { removal } = (await status(id)).deployment;
    expect(removal).toEqual({
      branch,
      commit: expect.stringMatching(/^[0-9a-f]{40}$/),
      deleteTopics: true,
      deleteSchemas: false,
    });
    expect(approved.body.history.at(-1).comment).toBe(
      `Committed the removal of kafka/cdc/${NAME}/kafkaconnector.yaml, kafka/cdc/${NAME}/topics/${GIT_TOPIC}.yaml on branch ${branch} (${removal.commit.slice(
        0,
        12,
      )}). Once the operator has deleted connector ${GIT_CONNECTOR}, Eventport drops the replication slot and publication and deletes the change topics.`,
    );
    // Until the merge, the connector runs and the pipeline says what it waits for.
    await follow();
    expect(await status(id)).toMatchObject({
      status: 'decommissioning',
      error: `Waiting for the operator to delete connector ${GIT_CONNECTOR}: merge branch ${branch}.`,
    });
    expect((await sourceStateOf(GIT_SLOT)).slots).toHaveLength(1);

    // The operator prunes the connector and the topic with their manifests.
    const third = await sync(resumed.seen);
    expect(third.merged).toEqual([branch]);
    expect(third.deleted.sort()).toEqual(
      [`connector ${GIT_CONNECTOR}`, `topic ${GIT_TOPIC}`].sort(),
    );
    const finished = await follow();
    expect(finished.changed).toContainEqual(
      expect.objectContaining({
        id,
        from: 'decommissioning',
        to: 'decommissioned',
      }),
    );
    const done = await status(id);
    expect(done).toMatchObject({ status: 'decommissioned', error: null });
    expect(done.deployment.removed).toEqual([
      `manifests (commit ${removal.commit.slice(0, 12)} on ${branch})`,
      `connector ${GIT_CONNECTOR} (deleted by the operator)`,
      `replication slot ${GIT_SLOT}`,
      `publication ${GIT_SLOT}`,
    ]);
    expect(await sourceStateOf(GIT_SLOT)).toEqual({
      slots: [],
      publications: [],
    });
    // The schemas were kept, as asked.
    const artifact = await fetch(
      `${
        fixture.stack.registry!.url
      }/groups/default/artifacts/${encodeURIComponent(`${GIT_TOPIC}-value`)}`,
    );
    expect(artifact.status).toBe(200);

    // The name is free again: its old deploy branch, merged and left
    // behind, does not stand in the way; the new pipeline gets its own.
    const recreated = await gitops(USERS.owner).post('/cdc/pipelines', {
      sourceEntityRef: SHOP_ENTITY_REF,
      cluster: 'dev-local',
      name: NAME,
      topicPrefix: 'team-a.cdc.gitretire',
      tables: [{ schema: 'shop', table: 'products', columns: {} }],
      reason: 'Back again',
    });
    expect(recreated.status).toBe(202);
    const redeployed = await gitops(USERS.security).post(
      `/approvals/${recreated.body.approvalId}/approve`,
      {},
    );
    expect(redeployed.body.status).toBe('executed');
    expect(await status(recreated.body.id)).toMatchObject({
      status: 'committed',
      deployment: {
        mode: 'gitops',
        branch: `eventport/cdc-${NAME}.deploy-${recreated.body.id.slice(0, 8)}`,
        commit: expect.stringMatching(/^[0-9a-f]{40}$/),
      },
    });
  });

  it('a decommission interrupted by a crash after the connector went is settled by the restarted backend, and a new request finishes it', async () => {
    const knex = await fixture.database();
    // A gets a connection pool of its own to the same database, closed when
    // it "dies": a stopped backend in this process would otherwise go on
    // renewing the lease of its hung execution.
    expect(knex.client.config.client).toBe('pg');
    const knexA = createKnex(knex.client.config);
    const connectUrl = fixture.stack.connect!.url;
    let hung = false;
    // Backend A deletes the connector, then hangs, as if it died right there.
    const a = await fixture.backend({
      gitops: false,
      knex: knexA,
      overrides: {
        executionGraceMs: 2_000,
        executors: {
          'cdc.decommission': {
            describe: p => `decommission ${p.name}`,
            async execute(p) {
              await fetch(`${connectUrl}/connectors/${p.connectorName}`, {
                method: 'DELETE',
              });
              hung = true;
              await new Promise(() => {});
            },
            isDone: async () => false,
          },
        },
      },
    });
    const submitted = await a(USERS.owner).post('/cdc/pipelines', {
      sourceEntityRef: SHOP_ENTITY_REF,
      cluster: 'dev-local',
      name: 'shop-crash',
      topicPrefix: 'team-a.cdc.crash',
      tables: [{ schema: 'shop', table: 'products', columns: {} }],
      reason: 'Crash test',
    });
    expect(submitted.status).toBe(202);
    await a(USERS.security).post(
      `/approvals/${submitted.body.approvalId}/approve`,
      {},
    );
    await fixture.connect.waitFor('team-a.shop-crash', 'RUNNING', {
      tasks: 'RUNNING',
      timeoutMs: 120_000,
    });
    const slot = 'eventport_shop_crash';
    const conn = admin();
    const slotRows = () =>
      pgRun(conn, [
        `SELECT active FROM pg_replication_slots WHERE slot_name = '${slot}'`,
      ]);
    const until = async (what: string, check: () => Promise<boolean>) => {
      const deadline = Date.now() + 120_000;
      while (!(await check())) {
        if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
        await new Promise(r => setTimeout(r, 500));
      }
    };
    await until('the slot is in use', async () =>
      (await slotRows()).some(r => r.active),
    );

    const asked = await a(USERS.owner).post(
      `/cdc/pipelines/${submitted.body.id}/decommission`,
      { reason: 'Crash in the middle' },
    );
    expect(asked.status).toBe(202);
    // The approval's answer would wait for the hung execution: the client
    // gives up on it, so that A's server can stop.
    const approving = a(USERS.approver).post(
      `/approvals/${asked.body.id}/approve`,
      {},
    );
    approving.then(
      () => undefined,
      () => undefined,
    );
    await until('the connector is deleted', async () => hung);
    approving.abort();
    await a.stop();
    await knexA.destroy();
    // A's lease runs out; B starts on the same database and reconciles.
    await new Promise(r => setTimeout(r, 2_500));
    const b = await fixture.backend({ gitops: false, knex });
    await until('the request is settled', async () => {
      const res = await b(USERS.approver).get(`/approvals/${asked.body.id}`);
      return res.body.status !== 'executing';
    });
    const settled = await b(USERS.approver).get(`/approvals/${asked.body.id}`);
    expect(settled.body.status).toBe('failed');
    expect(settled.body.history.at(-1)).toMatchObject({
      action: 'reconciled',
      actor: 'system',
    });
    const failed = await b(USERS.owner).get(
      `/cdc/pipelines/${submitted.body.id}`,
    );
    expect(failed.body.status).toBe('failed');
    expect(failed.body.error).toMatch(
      /interrupted by a restart; still there: replication slot eventport_shop_crash, publication eventport_shop_crash\./,
    );
    expect(await slotRows()).toHaveLength(1);

    // A new request finishes it: the connector is already gone, the slot goes.
    const again = await b(USERS.owner).post(
      `/cdc/pipelines/${submitted.body.id}/decommission`,
      { reason: 'Finish it' },
    );
    expect(again.status).toBe(202);
    const approved = await b(USERS.approver).post(
      `/approvals/${again.body.id}/approve`,
      {},
    );
    expect(approved.body.status).toBe('executed');
    expect(approved.body.history.at(-1).comment).toBe(
      `Removed: replication slot ${slot}, publication ${slot}.`,
    );
    expect(await slotRows()).toEqual([]);
    const done = await b(USERS.owner).get(
      `/cdc/pipelines/${submitted.body.id}`,
    );
    expect(done.body.status).toBe('decommissioned');
  });

  it('keeps the slot that a namesake on another cluster uses, and refuses to create such a namesake (409)', async () => {
    const knex = await fixture.database();
    const api = await fixture.backend({ gitops: false, knex });
    const submit = (name: string) =>
      api(USERS.owner).post('/cdc/pipelines', {
        sourceEntityRef: SHOP_ENTITY_REF,
        cluster: 'dev-local',
        name,
        topicPrefix: 'team-a.cdc.shared',
        tables: [{ schema: 'shop', table: 'products', columns: {} }],
        reason: 'Shared slot test',
      });
    const submitted = await submit('shop-shared');
    expect(submitted.status).toBe(202);
    await api(USERS.security).post(
      `/approvals/${submitted.body.approvalId}/approve`,
      {},
    );
    await fixture.connect.waitFor('team-a.shop-shared', 'RUNNING', {
      tasks: 'RUNNING',
      timeoutMs: 120_000,
    });
    const slot = 'eventport_shop_shared';
    const conn = admin();
    const slotRows = () =>
      pgRun(conn, [
        `SELECT active FROM pg_replication_slots WHERE slot_name = '${slot}'`,
      ]);
    const deadline = Date.now() + 120_000;
    while ((await slotRows()).length === 0) {
      if (Date.now() > deadline) throw new Error('no slot was created');
      await new Promise(r => setTimeout(r, 500));
    }
    // Namesakes from the same source on another cluster, as pipelines made
    // before the check at creation would be.
    const [row] = await knex('event_streaming_cdc_pipelines').where({
      id: submitted.body.id,
    });
    await knex('event_streaming_cdc_pipelines').insert([
      { ...row, id: randomUUID(), cluster: 'prod' },
      { ...row, id: randomUUID(), cluster: 'prod', name: 'shop-namesake' },
    ]);

    const refused = await submit('shop-namesake');
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(
      /already reads source 'shop' for cluster 'prod'; its replication slot would be shared/,
    );

    const asked = await api(USERS.owner).post(
      `/cdc/pipelines/${submitted.body.id}/decommission`,
      { reason: 'Retire the dev copy' },
    );
    expect(asked.status).toBe(202);
    const approved = await api(USERS.approver).post(
      `/approvals/${asked.body.id}/approve`,
      {},
    );
    expect(approved.body.status).toBe('executed');
    expect(approved.body.history.at(-1).comment).toBe(
      `Removed: connector team-a.shop-shared, replication slot ${slot} and publication ${slot} kept: pipeline 'shop-shared' on cluster 'prod' uses them too.`,
    );
    expect(await slotRows()).toHaveLength(1);
    const done = await api(USERS.owner).get(
      `/cdc/pipelines/${submitted.body.id}`,
    );
    expect(done.body.status).toBe('decommissioned');
  });
});
