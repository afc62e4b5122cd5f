import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { brokerAdmin } from '../__testUtils__/kafkaAdmin';
import {
  startBackend,
  KAFKA_START_TIMEOUT_MS,
  startTestKafka,
  TEST_KAFKA_KINDS,
  TEST_MATRIX,
  TestKafka,
  testDatabases,
  useRouteFixture,
  USERS,
} from '../__testUtils__/harness';

type Observer = Awaited<ReturnType<typeof brokerAdmin>>;
type Api = Awaited<ReturnType<typeof startBackend>>['api'];
type Who = 'owner' | 'other' | 'approver' | 'none';

const callers: Record<Who, string | undefined> = {
  owner: USERS.owner,
  other: USERS.other,
  approver: USERS.approver,
  none: undefined,
};

/**
 * One mutating route: how to set it up, call it, and what the broker must
 * look like afterwards, for each caller.
 */
interface Case {
  route: string;
  expected: Record<Who, number>;
  run(api: Api, who: Who, topic: string, observer: Observer): Promise<number>;
  /** The real state on the broker after the call, given whether it was allowed. */
  verify(observer: Observer, topic: string, allowed: boolean): Promise<void>;
}

async function pendingDeletion(api: Api, observer: Observer, topic: string) {
  await observer.create(topic);
  const res = await api(USERS.owner2).delete(
    `/clusters/dev-local/topics/${topic}`,
    {
      confirm: topic,
      reason: 'matrix',
    },
  );
  return res.body.id as string;
}

const cases: Case[] = [
  {
    route: 'POST /clusters/:cluster/topics',
    expected: { owner: 201, other: 403, approver: 403, none: 401 },
    run: async (api, who, topic) =>
      (
        await api(callers[who]).post('/clusters/dev-local/topics', {
          name: topic,
        })
      ).status,
    verify: async (o, topic, allowed) =>
      expect((await o.topicNames()).includes(topic)).toBe(allowed),
  },
  {
    route: 'PATCH /clusters/:cluster/topics/:topic (partitions)',
    expected: { owner: 200, other: 403, approver: 200, none: 401 },
    run: async (api, who, topic, o) => {
      await o.create(topic, {}, 2);
      return (
        await api(callers[who]).patch(`/clusters/dev-local/topics/${topic}`, {
          partitions: 4,
        })
      ).status;
    },
    verify: async (o, topic, allowed) =>
      expect(await o.partitions(topic)).toBe(allowed ? 4 : 2),
  },
  {
    route: 'PATCH /clusters/:cluster/topics/:topic (retention)',
    expected: { owner: 200, other: 403, approver: 200, none: 401 },
    run: async (api, who, topic, o) => {
      await o.create(topic, {
        'retention.ms': '86400000',
        'cleanup.policy': 'compact',
      });
      return (
        await api(callers[who]).patch(`/clusters/dev-local/topics/${topic}`, {
          retentionMs: 172800000,
        })
      ).status;
    },
    verify: async (o, topic, allowed) =>
      expect(await o.dynamicConfigs(topic)).toEqual({
        'retention.ms': allowed ? '172800000' : '86400000',
        'cleanup.policy': 'compact',
      }),
  },
  {
    route: 'DELETE /clusters/:cluster/topics/:topic',
    expected: { owner: 202, other: 403, approver: 202, none: 401 },
    run: async (api, who, topic, o) => {
      await o.create(topic);
      return (
        await api(callers[who]).delete(`/clusters/dev-local/topics/${topic}`, {
          confirm: topic,
          reason: 'matrix',
        })
      ).status;
    },
    // A deletion request never deletes by itself.
    verify: async (o, topic) =>
      expect((await o.topicNames()).includes(topic)).toBe(true),
  },
  {
    route: 'POST /approvals/:id/approve',
    expected: { owner: 403, other: 403, approver: 200, none: 401 },
    run: async (api, who, topic, o) => {
      const id = await pendingDeletion(api, o, topic);
      return (await api(callers[who]).post(`/approvals/${id}/approve`, {}))
        .status;
    },
    verify: async (o, topic, allowed) =>
      expect((await o.topicNames()).includes(topic)).toBe(!allowed),
  },
  {
    route: 'POST /approvals/:id/reject',
    expected: { owner: 403, other: 403, approver: 200, none: 401 },
    run: async (api, who, topic, o) => {
      const id = await pendingDeletion(api, o, topic);
      return (
        await api(callers[who]).post(`/approvals/${id}/reject`, {
          comment: 'no',
        })
      ).status;
    },
    verify: async (o, topic) =>
      expect((await o.topicNames()).includes(topic)).toBe(true),
  },
  {
    route: 'POST /approvals/:id/cancel',
    // The requester (owner2 here) and the members of the topic's owner group
    // (owner) cancel; an approver sees it but may not cancel it; another
    // team does not see it (404).
    expected: { owner: 200, other: 404, approver: 403, none: 401 },
    run: async (api, who, topic, o) => {
      const id = await pendingDeletion(api, o, topic);
      return (await api(callers[who]).post(`/approvals/${id}/cancel`)).status;
    },
    verify: async (o, topic) =>
      expect((await o.topicNames()).includes(topic)).toBe(true),
  },
];

describe.each(TEST_MATRIX)(
  'authorization matrix on %s with %s Kafka',
  (databaseId, kind) => {
    const t = useRouteFixture(databaseId, kind);
    let n = 0;

    describe.each(cases.map(c => [c.route, c] as const))('%s', (_route, c) => {
      it.each(Object.keys(callers) as Who[])('as %s', async who => {
        const topic = `team-a.matrix-${++n}`;
        const status = await c.run(t.api, who, topic, t.observer);
        expect(status).toBe(c.expected[who]);
        await c.verify(
          t.observer,
          topic,
          status < 300 && c.expected[who] < 300,
        );
      });
    });
  },
);

describe.each(TEST_KAFKA_KINDS)(
  'a permission policy that denies, with %s Kafka',
  kind => {
    const databases = testDatabases();
    let kafka: TestKafka;
    let observer: Observer;

    beforeAll(async () => {
      kafka = await startTestKafka(kind, { brokers: 3 });
      observer = await brokerAdmin(kafka);
    }, KAFKA_START_TIMEOUT_MS);
    afterAll(async () => {
      await observer?.close();
      await kafka?.close();
    });

    it('restricts even what the built-in rules allow', async () => {
      const { api, backend } = await startBackend({
        knex: await databases.init('SQLITE_3'),
        kafka,
        permissionResult: AuthorizeResult.DENY,
      });
      const res = await api(USERS.owner).post('/clusters/dev-local/topics', {
        name: 'team-a.denied',
      });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(
        /permission policy does not allow event-streaming.topic.create/,
      );
      expect(await observer.topicNames()).not.toContain('team-a.denied');
      const list = await api(USERS.owner).get('/clusters/dev-local/topics');
      expect(list.body.totalCount).toBe(0);
      await backend.stop();
    });
  },
);
