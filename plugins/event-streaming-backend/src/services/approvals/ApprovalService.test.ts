import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { brokerAdmin } from '../../__testUtils__/kafkaAdmin';
import {
  eventStreamingConfig,
  KAFKA_START_TIMEOUT_MS,
  startTestKafka,
  TEST_MATRIX,
  TestKafka,
  testDatabases,
  USERS,
} from '../../__testUtils__/harness';
import { createEventStreamingServices } from '../EventStreamingServices';
import { DEFAULT_EXECUTION_GRACE_MS } from './ApprovalService';
import { topicDeleteExecutor } from './executors';

const owner = {
  userEntityRef: USERS.owner,
  ownershipEntityRefs: [USERS.owner, 'group:default/team-a'],
};
const approver = {
  userEntityRef: USERS.approver,
  ownershipEntityRefs: [USERS.approver, 'group:default/platform-team'],
};

describe.each(TEST_MATRIX)(
  'approval engine on %s with %s Kafka',
  (databaseId, kind) => {
    const databases = testDatabases();
    let kafka: TestKafka;
    let observer: Awaited<ReturnType<typeof brokerAdmin>>;

    beforeAll(async () => {
      kafka = await startTestKafka(kind, { brokers: 3 });
      observer = await brokerAdmin(kafka);
    }, KAFKA_START_TIMEOUT_MS);
    afterAll(async () => {
      await observer?.close();
      await kafka?.close();
    });

    /** What the notifications service was asked to send. */
    const notified: Array<{
      recipients: any;
      payload: { title: string };
    }> = [];

    /** One "backend process": the plugin's services on a shared database. */
    async function boot(knex: Knex, crashAfterExecuting?: { calls: number }) {
      const services = await createEventStreamingServices({
        config: mockServices.rootConfig({
          data: eventStreamingConfig(kafka.bootstrapServers),
        }),
        logger: mockServices.logger.mock(),
        database: { getClient: async () => knex },
        auditor: mockServices.auditor.mock({
          createEvent: async () => ({
            success: async () => {},
            fail: async () => {},
          }),
        }),
        permissions: mockServices.permissions(),
        permissionsRegistry: mockServices.permissionsRegistry.mock(),
        notifications: {
          send: async notification => {
            notified.push(notification);
          },
        },
        catalog: catalogServiceMock(),
        events: mockServices.events(),
        overrides: crashAfterExecuting
          ? {
              executors: {
                'topic.delete': (() => {
                  return {
                    describe: (p: any) => `delete ${p.topic}`,
                    isDone: async () => false,
                    // Deletes for real, then the process "dies": never returns.
                    execute: async (p: any) => {
                      crashAfterExecuting.calls += 1;
                      await observer.admin.deleteTopics({ topics: [p.topic] });
                      await new Promise(() => {});
                    },
                  };
                })(),
              },
            }
          : undefined,
      });
      return services;
    }

    /** The payload of a deletion of this topic, bound to its ID as the route binds it. */
    async function deletionOf(
      services: Awaited<ReturnType<typeof boot>>,
      topic: string,
    ) {
      const topicId = await services.topics.idOf('dev-local', topic);
      return { cluster: 'dev-local', topic, topicId };
    }

    it('finishes a request that a crash left executing, without running it twice', async () => {
      const knex = await databases.init(databaseId);
      await observer.create('team-a.crash');
      const executions = { calls: 0 };

      const first = await boot(knex, executions);
      const request = await first.approvals.request({
        kind: 'topic.delete',
        payload: await deletionOf(first, 'team-a.crash'),
        reason: 'test',
        caller: owner,
      });
      // The approval runs the executor, which deletes and then hangs: the
      // record stays 'executing', as if the process died at that moment.
      void first.approvals.approve(request.id, approver);
      await waitFor(
        async () =>
          executions.calls === 1 &&
          !(await observer.topicNames()).includes('team-a.crash'),
      );
      const stuck = await first.approvals.get(request.id, approver);
      expect(stuck.status).toBe('executing');

      // "Restart": a new process on the same database reconciles at start-up.
      const second = await boot(knex);
      const realExecutor = topicDeleteExecutor(second.topics);
      const spy = jest.spyOn(realExecutor, 'execute');
      // Right after the restart the first process still holds the lease: it
      // could still be running (a GitOps publish takes minutes), so it is
      // left alone, even when the request has not changed for long.
      await second.approvals.reconcile();
      expect((await second.approvals.get(request.id, approver)).status).toBe(
        'executing',
      );
      await knex('event_streaming_approvals')
        .where({ id: request.id })
        .update({ updated_at: new Date(0).toISOString() });
      await second.approvals.reconcile();
      expect((await second.approvals.get(request.id, approver)).status).toBe(
        'executing',
      );
      await pastGracePeriod(knex, request.id);
      await second.approvals.reconcile();
      const done = await second.approvals.get(request.id, approver);
      expect(done.status).toBe('executed');
      expect(done.history.at(-1)).toMatchObject({
        action: 'reconciled',
        actor: 'system',
      });
      expect(executions.calls).toBe(1);
      expect(spy).not.toHaveBeenCalled();

      // Reconciling again changes nothing.
      await second.approvals.reconcile();
      expect(
        (await second.approvals.get(request.id, approver)).history,
      ).toHaveLength(done.history.length);
    });

    it('marks an interrupted request failed, not retried, when the operation did not happen', async () => {
      const knex = await databases.init(databaseId);
      await observer.create('team-a.interrupted');
      const first = await boot(knex);
      const request = await first.approvals.request({
        kind: 'topic.delete',
        payload: await deletionOf(first, 'team-a.interrupted'),
        reason: 'test',
        caller: owner,
      });
      // Simulate a crash between 'executing' and the delete call itself.
      await knex('event_streaming_approvals')
        .where({ id: request.id })
        .update({ status: 'executing' });
      await pastGracePeriod(knex, request.id);

      const second = await boot(knex);
      await second.approvals.reconcile();
      const settled = await second.approvals.get(request.id, approver);
      expect(settled.status).toBe('failed');
      expect(settled.error).toMatch(/not retried/);
      expect(await observer.topicNames()).toContain('team-a.interrupted');
    });

    it('stores one of two requests for the same resource made at once; the other is refused (409)', async () => {
      const knex = await databases.init(databaseId);
      const a = await boot(knex);
      const b = await boot(knex);
      const ask = (services: typeof a) =>
        services.approvals.request({
          kind: 'topic.delete',
          payload: { cluster: 'dev-local', topic: 'team-a.twice' },
          reason: 'test',
          caller: owner,
        });
      const results = await Promise.allSettled([ask(a), ask(b), ask(a)]);
      expect(results.filter(r => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.filter(
        (r): r is PromiseRejectedResult => r.status === 'rejected',
      );
      expect(refused).toHaveLength(2);
      for (const r of refused) {
        expect(r.reason.name).toBe('ConflictError');
        expect(r.reason.message).toMatch(/already open \(topic\.delete, /);
      }
      const [{ count }] = await knex('event_streaming_approvals')
        .where({ status: 'pending' })
        .count({ count: '*' });
      expect(Number(count)).toBe(1);
    });

    it('expires a pending request past its expiry: it cannot be approved, and frees its resource', async () => {
      const knex = await databases.init(databaseId);
      await observer.create('team-a.expiring');
      const services = await boot(knex);
      const ask = () =>
        services.approvals.request({
          kind: 'topic.delete',
          payload: { cluster: 'dev-local', topic: 'team-a.expiring' },
          reason: 'test',
          caller: owner,
        });
      const request = await ask();
      // The default expiry is 7 days from the request.
      const days =
        (Date.parse(request.expiresAt!) - Date.parse(request.createdAt)) /
        86_400_000;
      expect(Math.round(days)).toBe(7);
      await knex('event_streaming_approvals')
        .where({ id: request.id })
        .update({ expires_at: new Date(Date.now() - 1000).toISOString() });
      await expect(
        services.approvals.approve(request.id, approver),
      ).rejects.toThrow(/expired/);
      const expired = await services.approvals.get(request.id, approver);
      expect(expired.status).toBe('expired');
      expect(expired.history.at(-1)).toMatchObject({
        action: 'expired',
        actor: 'system',
      });
      // The requester and the topic's team hear of it.
      expect(notified.at(-1)).toMatchObject({
        recipients: {
          entityRef: [USERS.owner, 'group:default/team-a'],
          excludeEntityRef: 'system',
        },
        payload: {
          title: expect.stringMatching(
            /^The request to delete topic 'team-a\.expiring'.* expired without a decision$/,
          ),
        },
      });
      // The topic is untouched, and a new request may be made.
      expect(await observer.topicNames()).toContain('team-a.expiring');
      expect((await ask()).status).toBe('pending');
    });

    it('runs an approved request once when two processes race to execute it', async () => {
      const knex = await databases.init(databaseId);
      await observer.create('team-a.race');
      const a = await boot(knex);
      const b = await boot(knex);
      const request = await a.approvals.request({
        kind: 'topic.delete',
        payload: await deletionOf(a, 'team-a.race'),
        reason: 'test',
        caller: owner,
      });
      await knex('event_streaming_approvals')
        .where({ id: request.id })
        .update({ status: 'approved' });
      await Promise.all([a.approvals.reconcile(), b.approvals.reconcile()]);
      const done = await a.approvals.get(request.id, approver);
      expect(done.status).toBe('executed');
      expect(done.history.filter(h => h.action === 'executing')).toHaveLength(
        1,
      );
    });
  },
);

/** As if the process that held the execution lease had died long ago. */
async function pastGracePeriod(knex: Knex, id: string) {
  const then = new Date(Date.now() - DEFAULT_EXECUTION_GRACE_MS - 1000);
  await knex('event_streaming_approvals').where({ id }).update({
    updated_at: then.toISOString(),
    lease_until: then.toISOString(),
  });
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise(r => setTimeout(r, 50));
  }
}
