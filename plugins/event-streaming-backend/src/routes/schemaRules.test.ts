import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { startTestStack, StackHandle } from '@eventport/devstack';
import { apicurio } from '../__testUtils__/apicurio';
import {
  startBackend,
  TEST_DATABASE_IDS,
  testDatabases,
  USERS,
} from '../__testUtils__/harness';

const V1 = JSON.stringify({
  type: 'record',
  name: 'Payment',
  namespace: 'shop',
  fields: [{ name: 'id', type: 'string' }],
});
const REASON = 'Consumers tolerate anything during the migration, see RFC 7';
const schemasOf = (cluster = 'dev-local') => `/clusters/${cluster}/schemas`;

/**
 * Changing an artifact's COMPATIBILITY rule, against the real Apicurio
 * Registry: stricter at once, weaker by approval; and the list's topic filter.
 */
describe('schema rule changes against the real Apicurio Registry', () => {
  const databases = testDatabases();
  let stack: StackHandle;
  let registry: ReturnType<typeof apicurio>;
  let api: Awaited<ReturnType<typeof startBackend>>['api'];
  const stops: (() => Promise<void>)[] = [];
  let n = 0;

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
    registry = apicurio(stack.registry!.url);
    api = await backend();
  }, 600_000);

  afterAll(async () => {
    for (const stop of stops) await stop();
    await stack?.stop();
  }, 120_000);

  /** A team-a artifact with one version and, when given, its own rule. */
  async function artifact(rule?: string) {
    const id = `team-a.rules-${++n}-value`;
    await registry.createArtifact('default', id, V1, { rule });
    return { id, path: `${schemasOf()}/default/${id}/rule` };
  }

  it('applies a stricter rule at once, and answers the same rule as a no-op', async () => {
    const a = await artifact();
    const first = await api(USERS.owner).put(a.path, { mode: 'BACKWARD' });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      rule: { mode: 'BACKWARD', source: 'artifact' },
      previous: 'NONE',
    });
    expect(await registry.rule('default', a.id)).toBe('BACKWARD');

    // A teammate may tighten it further.
    const stricter = await api(USERS.owner2).put(a.path, {
      mode: 'FULL_TRANSITIVE',
    });
    expect(stricter.status).toBe(200);
    expect(stricter.body).toEqual({
      rule: { mode: 'FULL_TRANSITIVE', source: 'artifact' },
      previous: 'BACKWARD',
    });
    const same = await api(USERS.owner).put(a.path, {
      mode: 'FULL_TRANSITIVE',
    });
    expect(same.status).toBe(200);
    expect(same.body.previous).toBe('FULL_TRANSITIVE');
    expect(await registry.rule('default', a.id)).toBe('FULL_TRANSITIVE');
    const detail = await api(USERS.owner).get(`${schemasOf()}/default/${a.id}`);
    expect(detail.body.rule).toEqual({
      mode: 'FULL_TRANSITIVE',
      source: 'artifact',
    });
  });

  it('compares with the effective rule, also when the group sets it', async () => {
    // An artifact outside the namespaces: its owner label decides.
    await registry.createArtifact('shop', 'payments', V1, {
      labels: { owner: 'group:default/team-a' },
    });
    await registry.setGroupRule('shop', 'FULL');
    const path = `${schemasOf()}/shop/payments/rule`;
    // BACKWARD drops FULL's forward check: weaker.
    const weaker = await api(USERS.owner).put(path, { mode: 'BACKWARD' });
    expect(weaker.status).toBe(400);
    expect(weaker.body.error.message).toBe(
      'Weakening the rule of shop/payments from FULL to BACKWARD needs an approval: give a reason (at least 10 characters)',
    );
    expect(await registry.rule('shop', 'payments')).toBeNull();
    const stricter = await api(USERS.owner).put(path, {
      mode: 'FULL_TRANSITIVE',
    });
    expect(stricter.body).toEqual({
      rule: { mode: 'FULL_TRANSITIVE', source: 'artifact' },
      previous: 'FULL',
    });
    expect(await registry.rule('shop', 'payments')).toBe('FULL_TRANSITIVE');
  });

  it('refuses a weaker rule without a reason, and one too short', async () => {
    const a = await artifact('BACKWARD');
    const none = await api(USERS.owner).put(a.path, { mode: 'NONE' });
    expect(none.status).toBe(400);
    expect(none.body.error).toMatchObject({
      name: 'InputError',
      message: `Weakening the rule of default/${a.id} from BACKWARD to NONE needs an approval: give a reason (at least 10 characters)`,
    });
    const short = await api(USERS.owner).put(a.path, {
      mode: 'NONE',
      reason: 'because',
    });
    expect(short.status).toBe(400);
    expect(short.body.error.message).toContain(
      'reason: Say why, in at least 10 characters',
    );
    expect(await registry.rule('default', a.id)).toBe('BACKWARD');
  });

  it('turns a weaker rule with a reason into a schema.rule request that pat approves, once', async () => {
    const a = await artifact('BACKWARD');
    const asOwner = api(USERS.owner);
    const requested = await asOwner.put(a.path, {
      mode: 'NONE',
      reason: REASON,
    });
    expect(requested.status).toBe(202);
    expect(requested.body).toMatchObject({
      kind: 'schema.rule',
      status: 'pending',
      requestedBy: USERS.owner,
      reason: REASON,
      payload: {
        cluster: 'dev-local',
        groupId: 'default',
        artifactId: a.id,
        mode: 'NONE',
        previous: 'BACKWARD',
      },
    });
    // Evidence: what NONE stops checking, the rule now, and the readers of
    // a topic that does not exist (none, said as a fact).
    const evidence = requested.body.evidence;
    expect(
      evidence.sections.map((x: any) => [x.id, x.problem, x.items, x.empty]),
    ).toEqual([
      [
        'rule',
        undefined,
        [
          {
            label: 'Backward checks stop',
            detail: expect.stringContaining('can fail on older records'),
          },
        ],
        expect.any(String),
      ],
      [
        'current',
        undefined,
        [
          {
            label: 'BACKWARD',
            detail: 'set on the artifact; 1 version registered',
          },
        ],
        expect.any(String),
      ],
      [
        'readers',
        undefined,
        [],
        `Topic ${a.id.replace(
          /-value$/,
          '',
        )} does not exist, so no consumer group reads it.`,
      ],
    ]);
    const id = requested.body.id as string;
    const again = await api(USERS.owner2).put(a.path, {
      mode: 'NONE',
      reason: 'Another reason, same change',
    });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain(`already open (${id}, pending)`);
    // Nothing changes before the decision.
    expect(await registry.rule('default', a.id)).toBe('BACKWARD');

    const own = await asOwner.post(`/approvals/${id}/approve`, {});
    expect(own.status).toBe(403);
    expect(await registry.rule('default', a.id)).toBe('BACKWARD');

    const approved = await api(USERS.approver).post(
      `/approvals/${id}/approve`,
      {
        comment: 'for the migration only',
      },
    );
    expect(approved.status).toBe(200);
    expect([approved.body.status, approved.body.error]).toEqual([
      'executed',
      null,
    ]);
    const read = await asOwner.get(`/approvals/${id}`);
    expect(read.body.status).toBe('executed');
    expect(await registry.rule('default', a.id)).toBe('NONE');
    const detail = await asOwner.get(`${schemasOf()}/default/${a.id}`);
    expect(detail.body.rule).toEqual({ mode: 'NONE', source: 'artifact' });
  });

  it('applies an approved weakening only to the rule that was reviewed (tightened since: not applied)', async () => {
    const a = await artifact('BACKWARD');
    const requested = await api(USERS.owner).put(a.path, {
      mode: 'NONE',
      reason: REASON,
    });
    expect(requested.status).toBe(202);
    // The requester tightens the rule at once (no approval needed)...
    const tightened = await api(USERS.owner).put(a.path, {
      mode: 'FULL_TRANSITIVE',
    });
    expect(tightened.status).toBe(200);
    // ...and the approver, reading the old request, approves it.
    const approved = await api(USERS.approver).post(
      `/approvals/${requested.body.id}/approve`,
      {},
    );
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('failed');
    expect(approved.body.error).toMatch(
      /is FULL_TRANSITIVE now, not BACKWARD as when this change was requested/,
    );
    expect(await registry.rule('default', a.id)).toBe('FULL_TRANSITIVE');
  });

  it('lets only the owners change a rule, and the permission policy have the last word', async () => {
    const a = await artifact('BACKWARD');
    for (const user of [USERS.other, USERS.approver]) {
      const res = await api(user).put(a.path, { mode: 'FULL' });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain(
        `You do not own default/${a.id} (owner: group:default/team-a)`,
      );
    }
    expect((await api().put(a.path, { mode: 'FULL' })).status).toBe(401);
    const denied = await (
      await backend({ permissionResult: AuthorizeResult.DENY })
    )(USERS.owner).put(a.path, { mode: 'FULL' });
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toBe(
      'The permission policy does not allow event-streaming.schema.rule.update.',
    );
    expect(await registry.rule('default', a.id)).toBe('BACKWARD');
  });

  it('answers bad input with 400 and unknown things with 404', async () => {
    const a = await artifact('BACKWARD');
    for (const body of [{}, { mode: 'STRICT' }, { mode: 'FULL', reason: 7 }]) {
      const res = await api(USERS.owner).put(a.path, body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/^Invalid rule: /);
    }
    const missing = await api(USERS.owner).put(
      `${schemasOf()}/default/team-a.nope-value/rule`,
      { mode: 'FULL' },
    );
    expect(missing.status).toBe(404);
    expect(
      (
        await api(USERS.owner).put(
          `${schemasOf('nope')}/default/${a.id}/rule`,
          {
            mode: 'FULL',
          },
        )
      ).status,
    ).toBe(404);
    const noRegistry = await (
      await backend({ schemaRegistryUrl: undefined })
    )(USERS.owner).put(a.path, { mode: 'FULL' });
    expect(noRegistry.status).toBe(404);
    expect(noRegistry.body.error.message).toBe(
      "Cluster 'dev-local' has no schema registry configured (eventStreaming.clusters[].schemaRegistry.url)",
    );
  });

  it('lists the key and value schemas of one topic', async () => {
    await registry.createArtifact('default', 'team-a.ledger-key', V1);
    await registry.createArtifact('default', 'team-a.ledger-value', V1);
    await registry.createArtifact('default', 'team-a.ledger-archive-value', V1);
    await registry.createArtifact('default', 'team-a.ledger', V1);
    const res = await api(USERS.other).get(
      `${schemasOf()}?topic=team-a.ledger`,
    );
    expect(res.status).toBe(200);
    expect(res.body.totalCount).toBe(2);
    expect(
      res.body.items.map((x: { artifactId: string }) => x.artifactId).sort(),
    ).toEqual(['team-a.ledger-key', 'team-a.ledger-value']);
    expect(
      res.body.items.every(
        (x: { topic: string }) => x.topic === 'team-a.ledger',
      ),
    ).toBe(true);
    const combined = await api(USERS.other).get(
      `${schemasOf()}?topic=team-a.ledger&q=key`,
    );
    expect(
      combined.body.items.map((x: { artifactId: string }) => x.artifactId),
    ).toEqual(['team-a.ledger-key']);
    const none = await api(USERS.other).get(
      `${schemasOf()}?topic=team-b.unknown`,
    );
    expect(none.body).toMatchObject({ totalCount: 0, items: [] });
    const tooLong = await api(USERS.other).get(
      `${schemasOf()}?topic=${'x'.repeat(250)}`,
    );
    expect(tooLong.status).toBe(400);
  });
});
