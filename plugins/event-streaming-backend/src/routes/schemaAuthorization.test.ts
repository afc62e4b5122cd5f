import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { startTestStack, StackHandle } from '@eventport/devstack';
import { Knex } from 'knex';
import { apicurio } from '../__testUtils__/apicurio';
import {
  startBackend,
  TEST_DATABASE_IDS,
  testDatabases,
  USERS,
} from '../__testUtils__/harness';

type Api = Awaited<ReturnType<typeof startBackend>>['api'];
type Registry = ReturnType<typeof apicurio>;
type Who = 'owner' | 'other' | 'approver' | 'none';

const callers: Record<Who, string | undefined> = {
  owner: USERS.owner,
  other: USERS.other,
  approver: USERS.approver,
  none: undefined,
};

const record = (fields: unknown[]) =>
  JSON.stringify({
    type: 'record',
    name: 'Invoice',
    namespace: 'shop',
    fields,
  });
const V1 = record([{ name: 'id', type: 'string' }]);
const V2 = record([
  { name: 'id', type: 'string' },
  { name: 'note', type: 'string', default: '' },
]);
const BREAKING = record([
  { name: 'id', type: 'string' },
  { name: 'amount', type: 'long' },
]);
const REASON = 'Needed for the invoice migration, see RFC 12';

interface World {
  api: Api;
  registry: Registry;
  /** Open approval requests of a kind for an artifact, straight from the database. */
  approvals(kind: string, artifactId: string): Promise<unknown[]>;
}

/**
 * One mutating schema route: the call, and what Apicurio and the approvals
 * table must hold afterwards. Each call gets a fresh team-a artifact with
 * version 1 under BACKWARD.
 */
interface Case {
  route: string;
  expected: Record<Who, number>;
  run(w: World, who: Who, artifactId: string): Promise<number>;
  verify(w: World, artifactId: string, allowed: boolean): Promise<void>;
}

const path = (artifactId: string, tail: string) =>
  `/clusters/dev-local/schemas/default/${artifactId}/${tail}`;

const cases: Case[] = [
  {
    route: 'POST …/versions',
    expected: { owner: 201, other: 403, approver: 403, none: 401 },
    run: async (w, who, id) =>
      (await w.api(callers[who]).post(path(id, 'versions'), { content: V2 }))
        .status,
    verify: async (w, id, allowed) =>
      expect(await w.registry.versions('default', id)).toEqual(
        allowed ? ['1', '2'] : ['1'],
      ),
  },
  {
    route: 'POST …/versions with override',
    expected: { owner: 202, other: 403, approver: 403, none: 401 },
    run: async (w, who, id) =>
      (
        await w.api(callers[who]).post(path(id, 'versions'), {
          content: BREAKING,
          override: { reason: REASON },
        })
      ).status,
    verify: async (w, id, allowed) => {
      // A request never registers by itself.
      expect(await w.registry.versions('default', id)).toEqual(['1']);
      expect(await w.approvals('schema.override', id)).toHaveLength(
        allowed ? 1 : 0,
      );
    },
  },
  {
    route: 'PUT …/rule, stricter',
    expected: { owner: 200, other: 403, approver: 403, none: 401 },
    run: async (w, who, id) =>
      (await w.api(callers[who]).put(path(id, 'rule'), { mode: 'FULL' }))
        .status,
    verify: async (w, id, allowed) => {
      expect(await w.registry.rule('default', id)).toBe(
        allowed ? 'FULL' : 'BACKWARD',
      );
      expect(await w.approvals('schema.rule', id)).toHaveLength(0);
    },
  },
  {
    route: 'PUT …/rule, weaker with a reason',
    expected: { owner: 202, other: 403, approver: 403, none: 401 },
    run: async (w, who, id) =>
      (
        await w.api(callers[who]).put(path(id, 'rule'), {
          mode: 'NONE',
          reason: REASON,
        })
      ).status,
    verify: async (w, id, allowed) => {
      expect(await w.registry.rule('default', id)).toBe('BACKWARD');
      expect(await w.approvals('schema.rule', id)).toHaveLength(
        allowed ? 1 : 0,
      );
    },
  },
];

describe('authorization matrix of the schema routes, against the real Apicurio Registry', () => {
  const databases = testDatabases();
  let stack: StackHandle;
  let knex: Knex;
  const world = {} as World;
  let stop: (() => Promise<void>) | undefined;
  let n = 0;

  beforeAll(async () => {
    stack = await startTestStack({ registry: true });
    knex = await databases.init(TEST_DATABASE_IDS[0]);
    const started = await startBackend({
      knex,
      kafka: stack.kafka,
      schemaRegistryUrl: stack.registry!.url,
    });
    stop = () => started.backend.stop();
    world.api = started.api;
    world.registry = apicurio(stack.registry!.url);
    world.approvals = async (kind, artifactId) => {
      const rows: { payload: string | object }[] = await knex(
        'event_streaming_approvals',
      )
        .where({ kind })
        .whereIn('status', ['pending', 'approved', 'executing']);
      return rows.filter(r => {
        const p =
          typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload;
        return p.artifactId === artifactId;
      });
    };
  }, 600_000);

  afterAll(async () => {
    await stop?.();
    await stack?.stop();
  }, 120_000);

  it("reaches no other registry path through dot segments or encoded characters in ids (400), and reads or lists a topic's schema only with the topic read right", async () => {
    const id = `team-a.authz-${++n}-value`;
    await world.registry.createArtifact('default', id, V1, {
      rule: 'BACKWARD',
    });
    for (const artifact of [
      '%2E%2E',
      '%2E',
      'x%3Fy',
      'a%5Cb',
      'a%2Fb',
      'a%25b',
    ]) {
      const res = await world
        .api(USERS.owner)
        .put(`/clusters/dev-local/schemas/default/${artifact}/rule`, {
          mode: 'NONE',
          reason: REASON,
        });
      expect({ artifact, status: res.status }).toEqual({
        artifact,
        status: 400,
      });
    }
    const version = await world
      .api(USERS.owner)
      .get(`/clusters/dev-local/schemas/default/${id}/versions/%2E%2E/content`);
    expect(version.status).toBe(400);
    // The group's own rule is untouched.
    expect(
      await knex('event_streaming_approvals').where({ kind: 'schema.rule' }),
    ).toEqual([]);

    const denied = await startBackend({
      knex,
      kafka: stack.kafka,
      schemaRegistryUrl: stack.registry!.url,
      permissionResult: AuthorizeResult.DENY,
    });
    try {
      // The list leaves out schemas of topics the caller may not read; a
      // schema named after no topic stays.
      await world.registry.createArtifact('default', `shared-types-${n}`, V1);
      const listed = await denied
        .api(USERS.owner)
        .get('/clusters/dev-local/schemas?limit=100');
      expect(listed.status).toBe(200);
      const ids = listed.body.items.map((a: any) => a.artifactId);
      expect(ids).toContain(`shared-types-${n}`);
      expect(ids.filter((a: string) => a.endsWith('-value'))).toEqual([]);
      expect(listed.body.totalCount).toBe(ids.length);
      const allowed = await world
        .api(USERS.owner)
        .get('/clusters/dev-local/schemas?limit=100');
      expect(allowed.body.items.map((a: any) => a.artifactId)).toContain(id);

      for (const tail of ['', '/versions/1/content', '/diff?from=1&to=1']) {
        const res = await denied
          .api(USERS.owner)
          .get(`/clusters/dev-local/schemas/default/${id}${tail}`);
        expect({ tail, status: res.status }).toEqual({ tail, status: 403 });
        expect(res.body.error.message).toMatch(/event-streaming\.topic\.read/);
      }
    } finally {
      await denied.backend.stop();
    }
  });

  describe.each(cases.map(c => [c.route, c] as const))('%s', (_route, c) => {
    it.each(Object.keys(callers) as Who[])('as %s', async who => {
      const id = `team-a.authz-${++n}-value`;
      await world.registry.createArtifact('default', id, V1, {
        rule: 'BACKWARD',
      });
      const status = await c.run(world, who, id);
      expect(status).toBe(c.expected[who]);
      await c.verify(world, id, status < 300 && c.expected[who] < 300);
    });
  });
});
