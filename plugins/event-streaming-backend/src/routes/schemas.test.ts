import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { startTestStack, StackHandle } from '@eventport/devstack';
import { brokerAdmin } from '../__testUtils__/kafkaAdmin';
import type { EventStreamingServices } from '../services/EventStreamingServices';
import { apicurio } from '../__testUtils__/apicurio';
import { closedPort } from '../__testUtils__/ports';
import {
  startBackend,
  TEST_DATABASE_IDS,
  testDatabases,
  USERS,
} from '../__testUtils__/harness';

const order = (fields: unknown[]) =>
  JSON.stringify({ type: 'record', name: 'Order', namespace: 'shop', fields });
const V1 = order([{ name: 'id', type: 'string' }]);
const V2 = order([
  { name: 'id', type: 'string' },
  { name: 'note', type: 'string', default: '' },
]);
const BREAKING = order([
  { name: 'id', type: 'string' },
  { name: 'note', type: 'string', default: '' },
  { name: 'amount', type: 'long' },
]);
const ARTIFACT = '/clusters/dev-local/schemas/default/team-a.orders-value';

describe('schema routes against the real Apicurio Registry', () => {
  const databases = testDatabases();
  let stack: StackHandle;
  let api: Awaited<ReturnType<typeof startBackend>>['api'];
  const stops: (() => Promise<void>)[] = [];

  async function backend(
    options: Partial<Parameters<typeof startBackend>[0]> = {},
  ) {
    const started = await startBackend({
      knex: await databases.init(TEST_DATABASE_IDS[0]),
      kafka: stack.kafka,
      schemaRegistryUrl: stack.registry!.url,
      ...options,
    });
    stops.push(() => started.backend.stop());
    return started.api;
  }

  beforeAll(async () => {
    stack = await startTestStack({ registry: true });
    api = await backend();
  }, 600_000);

  afterAll(async () => {
    for (const stop of stops) await stop();
    await stack?.stop();
  }, 120_000);

  async function setRule(artifactId: string, mode: string) {
    const res = await fetch(
      `${stack.registry!.url}/groups/default/artifacts/${artifactId}/rules`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ruleType: 'COMPATIBILITY', config: mode }),
      },
    );
    expect(res.status).toBe(204);
  }

  it('lets the owning team create an artifact named after its topic', async () => {
    const res = await api(USERS.owner).post(`${ARTIFACT}/versions`, {
      content: V1,
      format: 'AVRO',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      artifact: {
        artifactId: 'team-a.orders-value',
        format: 'AVRO',
        topic: 'team-a.orders',
        owner: 'group:default/team-a',
      },
      version: { version: '1' },
      report: {
        compatible: true,
        summary: 'First version: nothing to compare with.',
      },
    });
  });

  it('refuses other teams, callers without a token, and a policy that says no', async () => {
    const other = await api(USERS.other).post(`${ARTIFACT}/versions`, {
      content: V2,
    });
    expect(other.status).toBe(403);
    expect(other.body.error.message).toContain(
      'You do not own default/team-a.orders-value (owner: group:default/team-a)',
    );
    expect(
      (await api().post(`${ARTIFACT}/versions`, { content: V2 })).status,
    ).toBe(401);
    const denied = await (
      await backend({ permissionResult: AuthorizeResult.DENY })
    )(USERS.owner).post(`${ARTIFACT}/versions`, { content: V2 });
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toContain(
      'event-streaming.schema.register',
    );
  });

  it('registers a compatible version at once, with the explanation', async () => {
    await setRule('team-a.orders-value', 'BACKWARD');
    const res = await api(USERS.owner).post(`${ARTIFACT}/versions`, {
      content: V2,
    });
    expect(res.status).toBe(201);
    expect(res.body.version.version).toBe('2');
    expect(res.body.report).toMatchObject({
      mode: 'BACKWARD',
      compatible: true,
    });
    expect(res.body.report.differences).toEqual([
      expect.objectContaining({
        path: 'Order.note',
        change: 'field "note" added with a default',
        breaking: false,
        against: 1,
      }),
    ]);
  });

  it('answers an incompatible version with 409, our explanation and the registry’s causes', async () => {
    const res = await api(USERS.owner).post(`${ARTIFACT}/versions`, {
      content: BREAKING,
    });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(
      /refused the new version .* \(BACKWARD\): Order\.amount: field "amount" added without a default/,
    );
    expect(res.body.report.compatible).toBe(false);
    expect(res.body.report.differences).toEqual([
      expect.objectContaining({
        path: 'Order.amount',
        breaksBackward: true,
        breaking: true,
        against: 2,
      }),
    ]);
    expect(res.body.registryViolations.length).toBeGreaterThan(0);
    const detail = await api(USERS.owner).get(ARTIFACT);
    expect(
      detail.body.versions.map((v: { version: string }) => v.version),
    ).toEqual(['1', '2']);
  });

  it('validates a candidate without registering it, under the artifact’s rule or a mode asked for', async () => {
    const byRule = await api(USERS.other).post(`${ARTIFACT}/validate`, {
      content: BREAKING,
    });
    expect(byRule.status).toBe(200);
    expect(byRule.body).toMatchObject({
      ruleSource: 'artifact',
      report: { mode: 'BACKWARD', compatible: false },
      envelopeProblems: [],
    });
    const forward = await api(USERS.other).post(`${ARTIFACT}/validate`, {
      content: BREAKING,
      mode: 'FORWARD',
    });
    expect(forward.body).toMatchObject({
      ruleSource: 'request',
      report: { mode: 'FORWARD', compatible: true },
    });
    const fresh = await api(USERS.other).post(
      '/clusters/dev-local/schemas/default/team-b.new-value/validate',
      {
        content: V1,
        format: 'AVRO',
      },
    );
    expect(fresh.body).toMatchObject({
      ruleSource: 'none',
      report: { compatible: true },
    });
  });

  it('shows the artifact with its versions, rule, content and diffs', async () => {
    const owner = await api(USERS.owner).get(ARTIFACT);
    expect(owner.status).toBe(200);
    expect(owner.body).toMatchObject({
      artifact: { artifactType: 'AVRO', owner: 'group:default/team-a' },
      rule: { mode: 'BACKWARD', source: 'artifact' },
      canRegister: true,
    });
    expect((await api(USERS.other).get(ARTIFACT)).body.canRegister).toBe(false);
    const content = await api(USERS.other).get(
      `${ARTIFACT}/versions/1/content`,
    );
    expect(JSON.parse(content.body.content)).toEqual(JSON.parse(V1));
    const diff = await api(USERS.other).get(`${ARTIFACT}/diff?from=1&to=2`);
    expect(diff.body).toMatchObject({
      from: '1',
      to: '2',
      backwardCompatible: true,
      forwardCompatible: true,
    });
    expect(diff.body.differences).toHaveLength(1);
  });

  it('lets the owners deprecate the artifact and disable or enable a version at once, as Apicurio then shows; nobody else', async () => {
    const stateIn = async (version: string) =>
      (
        await (
          await fetch(
            `${
              stack.registry!.url
            }/groups/default/artifacts/team-a.orders-value/versions/${version}/state`,
          )
        ).json()
      ).state;
    const other = await api(USERS.other).put(`${ARTIFACT}/state`, {
      state: 'DEPRECATED',
    });
    expect(other.status).toBe(403);
    expect(other.body.error.message).toBe(
      'You do not own default/team-a.orders-value (owner: group:default/team-a); its owners change the states of its versions',
    );
    expect(await stateIn('1')).toBe('ENABLED');

    const owner = api(USERS.owner);
    const deprecated = await owner.put(`${ARTIFACT}/state`, {
      state: 'DEPRECATED',
    });
    expect(deprecated.status).toBe(200);
    expect(deprecated.body.changed).toEqual(['1', '2']);
    expect(deprecated.body.versions.map((v: any) => v.state)).toEqual([
      'DEPRECATED',
      'DEPRECATED',
    ]);
    expect([await stateIn('1'), await stateIn('2')]).toEqual([
      'DEPRECATED',
      'DEPRECATED',
    ]);
    // Again: nothing to change.
    expect(
      (await owner.put(`${ARTIFACT}/state`, { state: 'DEPRECATED' })).body
        .changed,
    ).toEqual([]);

    const disabled = await owner.put(`${ARTIFACT}/versions/1/state`, {
      state: 'DISABLED',
    });
    expect(disabled.status).toBe(200);
    expect(disabled.body.changed).toEqual(['1']);
    expect(await stateIn('1')).toBe('DISABLED');
    expect(
      (await api(USERS.other).get(ARTIFACT)).body.versions.map(
        (v: any) => v.state,
      ),
    ).toEqual(['DISABLED', 'DEPRECATED']);

    // Disabling is per version; unknown states and versions are refused.
    const all = await owner.put(`${ARTIFACT}/state`, { state: 'DISABLED' });
    expect(all.status).toBe(400);
    expect(
      (await owner.put(`${ARTIFACT}/versions/1/state`, { state: 'GONE' }))
        .status,
    ).toBe(400);
    const missing = await owner.put(`${ARTIFACT}/versions/99/state`, {
      state: 'DISABLED',
    });
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe(
      'default/team-a.orders-value has no version 99 (versions: 1, 2)',
    );

    const enabled = await owner.put(`${ARTIFACT}/state`, { state: 'ENABLED' });
    expect(enabled.body.changed).toEqual(['1', '2']);
    expect([await stateIn('1'), await stateIn('2')]).toEqual([
      'ENABLED',
      'ENABLED',
    ]);
  });

  it('turns an override of a refused version into an approval request that pat approves, once', async () => {
    const asOwner = api(USERS.owner);
    const override = { reason: 'Consumers are upgraded first; see RFC 42' };
    expect(
      (
        await asOwner.post(`${ARTIFACT}/versions`, {
          content: BREAKING,
          override: { reason: 'short' },
        })
      ).status,
    ).toBe(400);
    const other = await api(USERS.other).post(`${ARTIFACT}/versions`, {
      content: BREAKING,
      override,
    });
    expect(other.status).toBe(403);
    const compatible = await asOwner.post(`${ARTIFACT}/versions`, {
      content: order([
        { name: 'id', type: 'string' },
        { name: 'note', type: 'string', default: '' },
        { name: 'tag', type: 'string', default: '' },
      ]),
      override,
    });
    expect(compatible.status).toBe(400);
    expect(compatible.body.error.message).toContain(
      'register it without an override',
    );

    // A group reads the artifact's topic: the evidence names it.
    const observer = await brokerAdmin(stack.kafka);
    try {
      if (!(await observer.topicNames()).includes('team-a.orders')) {
        await observer.create('team-a.orders', {}, 1, 1);
      }
      await observer.commit('team-a.orders-reader', 'team-a.orders', [0]);
    } finally {
      await observer.close();
    }
    const requested = await asOwner.post(`${ARTIFACT}/versions`, {
      content: BREAKING,
      override,
    });
    expect(requested.status).toBe(202);
    // Evidence: the version against each registered one (newest first),
    // the registry's own refusal, and the topic's readers.
    const sections = (evidence: any) =>
      Object.fromEntries(
        evidence.sections.map((x: any) => [x.id, x.problem ?? x.items]),
      );
    const stored = sections(requested.body.evidence);
    expect(requested.body.evidence.policy.why).toMatch(
      /breaks the artifact's compatibility rule/,
    );
    expect(stored.versions).toEqual([
      {
        label: 'version 2: 1 breaking change',
        detail: expect.stringMatching(
          /amount.*a reader on the new version cannot read records written with version 2/,
        ),
      },
      {
        label: 'version 1: 1 breaking change',
        detail: expect.stringMatching(/amount/),
      },
    ]);
    expect(stored.registry.length).toBeGreaterThan(0);
    expect(JSON.stringify(stored.registry)).toMatch(/amount|compatib/i);
    expect(stored.readers).toEqual([
      {
        label: 'team-a.orders-reader',
        detail: expect.stringMatching(/^lag 0 messages/),
      },
    ]);
    expect(requested.body).toMatchObject({
      kind: 'schema.override',
      status: 'pending',
      reason: override.reason,
      payload: {
        cluster: 'dev-local',
        groupId: 'default',
        artifactId: 'team-a.orders-value',
        artifactType: 'AVRO',
        content: BREAKING,
        mode: 'BACKWARD',
      },
    });
    const again = await asOwner.post(`${ARTIFACT}/versions`, {
      content: BREAKING,
      override,
    });
    expect(again.status).toBe(409);

    // Not executed before the decision.
    expect((await asOwner.get(ARTIFACT)).body.versions).toHaveLength(2);
    const own = await asOwner.post(
      `/approvals/${requested.body.id}/approve`,
      {},
    );
    expect(own.status).toBe(403);
    const approved = await api(USERS.approver).post(
      `/approvals/${requested.body.id}/approve`,
      {
        comment: 'ok',
      },
    );
    expect(approved.status).toBe(200);
    expect([approved.body.status, approved.body.error]).toEqual([
      'executed',
      null,
    ]);

    const detail = await asOwner.get(ARTIFACT);
    expect(
      detail.body.versions.map((v: { version: string }) => v.version),
    ).toEqual(['1', '2', '3']);
    expect(detail.body.rule).toEqual({ mode: 'BACKWARD', source: 'artifact' });
    expect(detail.body.artifact.labels).toEqual({});
    const content = await asOwner.get(`${ARTIFACT}/versions/3/content`);
    expect(content.body.content).toBe(BREAKING);
  });

  it('checks CloudEvents envelopes on registration', async () => {
    const path =
      '/clusters/dev-local/schemas/default/team-b.events-value/versions';
    const bad = await api(USERS.other).post(path, {
      format: 'CLOUDEVENTS',
      content: JSON.stringify({ type: 'object', properties: { id: {} } }),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain(
      'the envelope does not declare the "specversion" attribute',
    );
    const good = await api(USERS.other).post(path, {
      format: 'CLOUDEVENTS',
      content: JSON.stringify({
        type: 'object',
        properties: {
          specversion: { const: '1.0' },
          id: {},
          source: {},
          type: {},
          data: {},
        },
        required: ['specversion', 'id', 'source', 'type'],
      }),
    });
    expect(good.status).toBe(201);
    expect(good.body.artifact).toMatchObject({
      artifactType: 'JSON',
      format: 'CLOUDEVENTS',
      owner: 'group:default/team-b',
    });
  });

  it('lists, searches and filters by type and owner, with totalCount', async () => {
    const all = await api(USERS.other).get('/clusters/dev-local/schemas');
    expect(all.body.totalCount).toBe(2);
    const cloud = await api(USERS.other).get(
      '/clusters/dev-local/schemas?type=CLOUDEVENTS',
    );
    expect(
      cloud.body.items.map((a: { artifactId: string }) => a.artifactId),
    ).toEqual(['team-b.events-value']);
    const mine = await api(USERS.other).get(
      `/clusters/dev-local/schemas?owner=${encodeURIComponent(
        'group:default/team-a',
      )}&q=orders`,
    );
    expect(mine.body).toMatchObject({
      totalCount: 1,
      items: [{ artifactId: 'team-a.orders-value' }],
    });
    const paged = await api(USERS.other).get(
      '/clusters/dev-local/schemas?limit=1&offset=1',
    );
    expect(paged.body).toMatchObject({ totalCount: 2, offset: 1, limit: 1 });
    expect(paged.body.items).toHaveLength(1);
    // Owned only: each caller sees its own team's artifacts.
    for (const [user, artifact] of [
      [USERS.other, 'team-b.events-value'],
      [USERS.owner, 'team-a.orders-value'],
    ]) {
      const owned = await api(user).get(
        '/clusters/dev-local/schemas?owned=true',
      );
      expect(owned.body).toMatchObject({
        totalCount: 1,
        items: [{ artifactId: artifact }],
      });
    }
  });

  it('answers bad input with 400 and unknown things with 404, each saying why', async () => {
    const unreadable = await api(USERS.owner).post(`${ARTIFACT}/versions`, {
      content: '{"type":"record"',
    });
    expect(unreadable.status).toBe(400);
    expect(unreadable.body.error.message).toMatch(
      /^The schema cannot be read: not valid JSON/,
    );
    expect(
      (await api(USERS.owner).get('/clusters/dev-local/schemas?limit=1000'))
        .status,
    ).toBe(400);
    expect(
      (
        await api(USERS.owner).get(
          '/clusters/dev-local/schemas/default/has%20space',
        )
      ).status,
    ).toBe(400);
    const noFormat = await api(USERS.owner).post(
      '/clusters/dev-local/schemas/default/team-a.x-value/versions',
      {
        content: V1,
      },
    );
    expect(noFormat.status).toBe(400);
    expect(noFormat.body.error.message).toContain(
      'does not exist yet: say which format',
    );
    const missing = await api(USERS.owner).get(
      '/clusters/dev-local/schemas/default/nope',
    );
    expect(missing.status).toBe(404);
    expect(
      (await api(USERS.owner).get(`${ARTIFACT}/versions/9/content`)).status,
    ).toBe(404);
    expect((await api(USERS.owner).get('/clusters/nope/schemas')).status).toBe(
      404,
    );
  });

  it('says when a cluster has no registry, and answers 503 with the cause when it is down', async () => {
    const none = await (
      await backend({ schemaRegistryUrl: undefined })
    )(USERS.owner).get('/clusters/dev-local/schemas');
    expect(none.status).toBe(404);
    expect(none.body.error.message).toBe(
      "Cluster 'dev-local' has no schema registry configured (eventStreaming.clusters[].schemaRegistry.url)",
    );
    const clusters = await api(USERS.owner).get('/clusters');
    expect(clusters.body.clusters[0].schemaRegistry).toBe(true);
    const down = await (
      await backend({
        schemaRegistryUrl: `http://127.0.0.1:${await closedPort()}/apis/registry/v3`,
      })
    )(USERS.owner).get('/clusters/dev-local/schemas');
    expect(down.status).toBe(503);
    expect(down.body.error.message).toMatch(
      /schema registry of cluster 'dev-local' is unavailable .*ECONNREFUSED/,
    );
  });
  it('explains a *_TRANSITIVE check against the latest 50 versions and says so', async () => {
    const registry = apicurio(stack.registry!.url);
    const id = 'team-a.many-versions-value';
    const version = (n: number) =>
      order([
        { name: 'id', type: 'string' },
        ...Array.from({ length: n }, (_, i) => ({
          name: `f${i}`,
          type: 'string',
          default: '',
        })),
      ]);
    await registry.createArtifact('default', id, version(0));
    for (let n = 1; n < 52; n++)
      await registry.addVersion('default', id, version(n));
    const res = await api(USERS.owner).post(
      `/clusters/dev-local/schemas/default/${id}/validate`,
      { content: version(52), mode: 'FULL_TRANSITIVE' },
    );
    expect(res.status).toBe(200);
    expect(res.body.report.compatible).toBe(true);
    expect(res.body.report.summary).toMatch(
      /Only the latest 50 of 52 versions were compared here/,
    );
  });
  // Last: the artifact it creates would count in the lists above.
  it('a schema too complex to compare answers 422 with the cause, and /health answers meanwhile', async () => {
    // anyOf narrowed from 2,000 branches to 1,000 others: 10^6 inclusion
    // tests, past the checker's step budget (a 30 kB schema).
    const anyOf = (from: number, count: number) =>
      JSON.stringify({
        anyOf: Array.from({ length: count }, (_, i) => ({ const: from + i })),
      });
    const first = await api(USERS.other).post(
      '/clusters/dev-local/schemas/default/team-b.deep-value/versions',
      { content: anyOf(0, 2_000), format: 'JSON' },
    );
    expect(first.status).toBe(201);
    const content = anyOf(2_000, 1_000);
    // /health asks every cluster's Kafka, registry and Connect: its own time
    // is the baseline the check may add to.
    const alone = Date.now();
    expect((await api(USERS.other).get('/health')).status).toBe(200);
    const aloneMs = Date.now() - alone;
    let checked = false;
    const checking = api(USERS.other)
      .post('/clusters/dev-local/schemas/default/team-b.deep-value/validate', {
        content,
        mode: 'BACKWARD',
      })
      .then(res => {
        checked = true;
        return res;
      });
    // /health, again and again for as long as the check runs.
    const during: number[] = [];
    while (!checked) {
      const started = Date.now();
      const health = await api(USERS.other).get('/health');
      if (!checked) during.push(Date.now() - started);
      expect(health.status).toBe(200);
    }
    const res = await checking;
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(/too complex to compare/);
    // A liveness bound, not a speed figure (npm run bench:compat has those):
    // the check holds /health up by less than a second.
    process.stdout.write(
      `/health alone ${aloneMs} ms, during the check ${during.join(', ')} ms\n`,
    );
    expect(during.length).toBeGreaterThan(0);
    expect(Math.max(...during) - aloneMs).toBeLessThan(1000);
  });
  it('deletes an artifact by approval, never while a topic that uses it exists, checked again when executed', async () => {
    const owner = api(USERS.owner);
    const register = async (artifactId: string) =>
      expect(
        (
          await owner.post(
            `/clusters/dev-local/schemas/default/${artifactId}/versions`,
            { content: V1, format: 'AVRO' },
          )
        ).status,
      ).toBe(201);
    const path = (artifactId: string) =>
      `/clusters/dev-local/schemas/default/${artifactId}`;
    const ask = (artifactId: string, who: string = USERS.owner) =>
      api(who).delete(path(artifactId), {
        confirm: artifactId,
        reason: 'Nothing produces these records any more',
      });
    const inRegistry = async (artifactId: string) =>
      (
        await fetch(
          `${stack.registry!.url}/groups/default/artifacts/${artifactId}`,
        )
      ).status;

    // A topic that exists still needs its schema.
    await register('team-a.kept-value');
    // One broker here: replication factor 1.
    const topic = await owner.post('/clusters/dev-local/topics', {
      name: 'team-a.kept',
      replicationFactor: 1,
    });
    expect(`${topic.status} ${topic.text}`).toMatch(/^201 /);
    const kept = await ask('team-a.kept-value');
    expect(kept.status).toBe(409);
    expect(kept.body.error.message).toBe(
      'default/team-a.kept-value is the schema of topic team-a.kept, which exists: its records cannot be read without it. Delete the topic first, or deprecate the schema instead.',
    );

    await register('team-a.gone-value');
    expect((await ask('team-a.gone-value', USERS.other)).status).toBe(403);
    const mistyped = await owner.delete(path('team-a.gone-value'), {
      confirm: 'team-a.gone',
      reason: 'typo',
    });
    expect(mistyped.status).toBe(400);
    const asked = await ask('team-a.gone-value');
    expect(asked.status).toBe(202);
    expect(asked.body).toMatchObject({
      kind: 'schema.delete',
      status: 'pending',
      payload: {
        cluster: 'dev-local',
        groupId: 'default',
        artifactId: 'team-a.gone-value',
        topic: 'team-a.gone',
        versions: ['1'],
      },
    });
    expect((await ask('team-a.gone-value')).status).toBe(409);
    expect(
      (await owner.post(`/approvals/${asked.body.id}/approve`, {})).status,
    ).toBe(403);
    const approved = await api(USERS.approver).post(
      `/approvals/${asked.body.id}/approve`,
      {},
    );
    expect(approved.body.status).toBe('executed');
    expect(approved.body.history.at(-1).comment).toBe(
      'Deleted default/team-a.gone-value and its versions.',
    );
    expect(await inRegistry('team-a.gone-value')).toBe(404);

    // Evidence: the groups the sampler saw reading the topic before it went.
    let services!: EventStreamingServices;
    const sampled = await backend({
      overrides: { exposeServices: s => (services = s) },
    });
    const created = await sampled(USERS.owner).post(
      '/clusters/dev-local/topics',
      { name: 'team-a.read-once', replicationFactor: 1, partitions: 1 },
    );
    expect(created.status).toBe(201);
    const observer = await brokerAdmin(stack.kafka);
    try {
      await observer.commit('team-a.billing', 'team-a.read-once', [0]);
      // A page shows the group: the sampler watches it, then samples.
      expect(
        (
          await sampled(USERS.owner).get(
            '/clusters/dev-local/consumer-groups/team-a.billing',
          )
        ).status,
      ).toBe(200);
      await services.sampler.runCycle();
      await observer.admin.deleteTopics({ topics: ['team-a.read-once'] });
    } finally {
      await observer.close();
    }
    await register('team-a.read-once-value');
    await register('team-a.never-read-value');
    const withReaders = await sampled(USERS.owner).delete(
      path('team-a.read-once-value'),
      { confirm: 'team-a.read-once-value', reason: 'Topic is gone' },
    );
    expect(withReaders.status).toBe(202);
    expect(withReaders.body.payload.lastReaders).toEqual([
      { groupId: 'team-a.billing', lastSeenAt: expect.any(String) },
    ]);
    expect(withReaders.body.payload.readersSampledSince).toEqual(
      expect.any(String),
    );
    // The evidence read now: the topic is gone, so nobody reads it (a fact,
    // beside the sampled last readers of the payload).
    const now = withReaders.body.evidence.sections;
    expect(now).toEqual([
      expect.objectContaining({
        id: 'readers',
        items: [],
        empty:
          'Topic team-a.read-once does not exist, so no consumer group reads it.',
      }),
    ]);
    expect(now[0].problem).toBeUndefined();
    const unread = await sampled(USERS.owner).delete(
      path('team-a.never-read-value'),
      { confirm: 'team-a.never-read-value', reason: 'Never used' },
    );
    expect(unread.body.payload.lastReaders).toEqual([]);

    // A topic created after the request: the approval does not delete.
    await register('team-a.late-value');
    const late = await ask('team-a.late-value');
    expect(late.status).toBe(202);
    expect(
      (
        await owner.post('/clusters/dev-local/topics', {
          name: 'team-a.late',
          replicationFactor: 1,
        })
      ).status,
    ).toBe(201);
    const refused = await api(USERS.approver).post(
      `/approvals/${late.body.id}/approve`,
      {},
    );
    expect(refused.body.status).toBe('failed');
    expect(refused.body.error).toMatch(
      /is the schema of topic team-a\.late, which exists/,
    );
    expect(await inRegistry('team-a.late-value')).toBe(200);
  });
});
