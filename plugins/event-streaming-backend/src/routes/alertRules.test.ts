import { Kafka, logLevel } from 'kafkajs';
import { CapturingLogger } from '../__testUtils__/capturingLogger';
import {
  KAFKA_START_TIMEOUT_MS,
  startBackend,
  startTestKafka,
  TEST_MATRIX,
  TestKafka,
  testDatabases,
  USERS,
} from '../__testUtils__/harness';
import { brokerAdmin } from '../__testUtils__/kafkaAdmin';
import type { EventStreamingServices } from '../services/EventStreamingServices';

const TOPIC = 'team-a.alert-orders';
const ORPHAN_TOPIC = 'orphan.alert-events';
const BASE = '/clusters/dev-local/alert-rules';
const TEAM_A = 'group:default/team-a';

const groupRule = (group: string, extra: object = {}) => ({
  target: { type: 'group', group },
  kind: 'lag-messages',
  threshold: 10,
  forSeconds: 0,
  severity: 'high',
  ...extra,
});

/**
 * Alert rule routes against real brokers and databases: groups are real
 * (offsets committed on the broker), the evaluator runs for real to fill
 * the instances. The sampler and evaluator are driven by hand.
 */
describe.each(TEST_MATRIX)(
  'alert rule routes on %s with %s Kafka',
  (databaseId, kind) => {
    const databases = testDatabases();
    const logger = new CapturingLogger();
    let kafka: TestKafka;
    let observer: Awaited<ReturnType<typeof brokerAdmin>>;
    let api: Awaited<ReturnType<typeof startBackend>>['api'];
    let services: EventStreamingServices;
    let stop: () => Promise<void>;

    /** Commits offsets for an empty group, as a consumer would. */
    const commit = (groupId: string, topic: string, offsets: number[]) =>
      observer.commit(groupId, topic, offsets);

    /** The audit events of the backend, as the auditor logged them. */
    const auditEvents = (eventId: string) =>
      logger.lines
        .map(line => JSON.parse(line))
        .filter(e => e.eventId === eventId);

    beforeAll(async () => {
      kafka = await startTestKafka(kind, { brokers: 3 });
      observer = await brokerAdmin(kafka);
      await observer.create(TOPIC, {}, 3, 3);
      await observer.create(ORPHAN_TOPIC, {}, 1, 3);
      const producer = new Kafka({
        brokers: kafka.bootstrapServers,
        logLevel: logLevel.NOTHING,
      }).producer();
      await producer.connect();
      for (const partition of [0, 1, 2]) {
        await producer.send({
          topic: TOPIC,
          messages: Array.from({ length: 5 }, (_, i) => ({
            partition,
            value: `order-${i}`,
          })),
        });
      }
      await producer.send({
        topic: ORPHAN_TOPIC,
        messages: [{ partition: 0, value: 'x' }],
      });
      await producer.disconnect();
      // Lag 12 on team-a's own group; 15 on a group without a namespace
      // reading team-a's topic; one reading only a topic without owner.
      await commit('team-a.billing', TOPIC, [1, 1, 1]);
      await commit('plain-reader', TOPIC, [0, 0, 0]);
      await commit('orphan-reader', ORPHAN_TOPIC, [0]);
      const started = await startBackend({
        knex: await databases.init(databaseId),
        kafka,
        logger,
        monitoring: { enabled: false },
        overrides: { exposeServices: s => (services = s) },
      });
      api = started.api;
      stop = () => started.backend.stop();
    }, KAFKA_START_TIMEOUT_MS);

    afterAll(async () => {
      await stop?.();
      await observer?.close();
      await kafka?.close();
    });

    it('creates a rule on a group for its owner: 201 with the body, the owner group and canEdit, audited', async () => {
      const res = await api(USERS.owner).post(
        BASE,
        groupRule('team-a.billing'),
      );
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        cluster: 'dev-local',
        target: { type: 'group', group: 'team-a.billing' },
        kind: 'lag-messages',
        threshold: 10,
        forSeconds: 0,
        severity: 'high',
        enabled: true,
        owner: TEAM_A,
        createdBy: USERS.owner,
        createdAt: expect.any(String),
        updatedAt: res.body.createdAt,
        instances: [],
        canEdit: true,
      });
      const list = await api(USERS.owner).get(BASE);
      expect(list.status).toBe(200);
      expect(list.body.items.map((r: any) => r.id)).toContain(res.body.id);
      expect(auditEvents('event-streaming-alert-rule-create')).toContainEqual(
        expect.objectContaining({
          status: 'succeeded',
          meta: expect.objectContaining({
            target: 'team-a.billing',
            actor: USERS.owner,
          }),
        }),
      );
    });

    it('records the namespace owner of the topics a group reads when the group id has none', async () => {
      const res = await api(USERS.owner).post(
        BASE,
        groupRule('plain-reader', { kind: 'stalled', threshold: undefined }),
      );
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        owner: TEAM_A,
        kind: 'stalled',
        threshold: null,
      });
    });

    it('creates a rule on a topic for its owner, and lets platform approvers set rules on any group', async () => {
      const topic = await api(USERS.owner).post(BASE, {
        target: { type: 'topic', topic: TOPIC },
        kind: 'lag-time',
        threshold: 60_000,
        forSeconds: 300,
        severity: 'normal',
      });
      expect(topic.status).toBe(201);
      expect(topic.body).toMatchObject({
        target: { type: 'topic', topic: TOPIC },
        owner: TEAM_A,
        threshold: 60_000,
        forSeconds: 300,
      });
      const byApprover = await api(USERS.approver).post(
        BASE,
        groupRule('team-a.billing', { threshold: 1000, severity: 'critical' }),
      );
      expect(byApprover.status).toBe(201);
      // The owner notified stays the group's team, not the approver's.
      expect(byApprover.body).toMatchObject({
        owner: TEAM_A,
        createdBy: USERS.approver,
      });
    });

    it('refuses with 400 when no owner group can be found to notify', async () => {
      const group = await api(USERS.approver).post(
        BASE,
        groupRule('orphan-reader'),
      );
      expect(group.status).toBe(400);
      expect(group.body.error.message).toMatch(
        /Alerts need an owner group to notify, and consumer group 'orphan-reader' has none/,
      );
      const topic = await api(USERS.approver).post(BASE, {
        target: { type: 'topic', topic: ORPHAN_TOPIC },
        kind: 'stalled',
        forSeconds: 0,
        severity: 'low',
      });
      expect(topic.status).toBe(400);
      expect(topic.body.error.message).toMatch(/outside every namespace/);
    });

    it('caps the rules of one user (429 naming the limit) and pages the list', async () => {
      const capped = await startBackend({
        knex: await databases.init(databaseId),
        kafka,
        monitoring: { enabled: false, limits: { alertRulesPerUser: 2 } },
      });
      try {
        const mine = await capped.api(USERS.owner).get(BASE);
        const have = mine.body.items.filter(
          (r: { createdBy: string }) => r.createdBy === USERS.owner,
        ).length;
        const answers: Array<{ status: number; message?: string }> = [];
        for (let i = have; i < 3; i++) {
          const res = await capped
            .api(USERS.owner)
            .post(BASE, groupRule('team-a.billing'));
          answers.push({
            status: res.status,
            message: res.body.error?.message,
          });
        }
        expect(answers.at(-1)).toEqual({
          status: 429,
          message: expect.stringMatching(/limits\.alertRulesPerUser = 2/),
        });
        // Another user is not held back by the first one's rules.
        const other = await capped
          .api(USERS.approver)
          .post(BASE, groupRule('team-a.billing'));
        expect(other.status).toBe(201);
        const page = await capped.api(USERS.owner).get(`${BASE}?limit=1`);
        expect(page.body.items).toHaveLength(1);
        expect(page.body.totalCount).toBeGreaterThan(1);
      } finally {
        await capped.backend.stop();
      }
    });

    it('refuses bad input with 400 naming the field', async () => {
      const cases: Array<[object, RegExp]> = [
        [
          groupRule('team-a.billing', { threshold: undefined }),
          /threshold: A lag-messages rule needs a threshold/,
        ],
        [groupRule('team-a.billing', { kind: 'lag-bytes' }), /kind: /],
        [groupRule('team-a.billing', { colour: 'red' }), /colour/],
        [groupRule('team-a.billing', { forSeconds: -1 }), /forSeconds: /],
        [{ ...groupRule('x'), target: { type: 'partition' } }, /target/],
      ];
      for (const [body, message] of cases) {
        const res = await api(USERS.owner).post(BASE, body);
        expect({ status: res.status, name: res.body.error?.name }).toEqual({
          status: 400,
          name: 'InputError',
        });
        expect(res.body.error.message).toMatch(/^Invalid alert rule: /);
        expect(res.body.error.message).toMatch(message);
      }
      const query = await api(USERS.owner).get(`${BASE}?owner=me`);
      expect(query.status).toBe(400);
      expect(query.body.error.message).toMatch(/owner/);
      const update = await api(USERS.owner).put(`${BASE}/any`, {
        kind: 'lag-time',
        forSeconds: 0,
        severity: 'low',
      });
      expect(update.status).toBe(400);
      expect(update.body.error.message).toMatch(/threshold/);
    });

    it('answers 404 for an unknown cluster, group, topic or rule', async () => {
      const cluster = await api(USERS.owner).post(
        '/clusters/nowhere/alert-rules',
        groupRule('team-a.billing'),
      );
      expect(cluster.status).toBe(404);
      expect(cluster.body.error.message).toMatch(
        /No Kafka cluster named 'nowhere'/,
      );
      expect(
        (await api(USERS.owner).get('/clusters/nowhere/alert-rules')).status,
      ).toBe(404);
      const group = await api(USERS.owner).post(
        BASE,
        groupRule('team-a.nobody'),
      );
      expect(group.status).toBe(404);
      expect(group.body.error.message).toMatch(
        /Consumer group 'team-a.nobody' does not exist in cluster 'dev-local'/,
      );
      const topic = await api(USERS.owner).post(BASE, {
        target: { type: 'topic', topic: 'team-a.missing' },
        kind: 'stalled',
        forSeconds: 0,
        severity: 'low',
      });
      expect(topic.status).toBe(404);
      const settings = { kind: 'stalled', forSeconds: 0, severity: 'low' };
      const put = await api(USERS.owner).put(`${BASE}/no-such-rule`, settings);
      expect(put.status).toBe(404);
      expect(put.body.error.message).toMatch(/No alert rule 'no-such-rule'/);
      expect(
        (await api(USERS.owner).delete(`${BASE}/no-such-rule`, {})).status,
      ).toBe(404);
    });

    it('answers 403 to callers who own neither the group nor a topic it reads, and changes nothing', async () => {
      const group = await api(USERS.other).post(
        BASE,
        groupRule('team-a.billing'),
      );
      expect(group.status).toBe(403);
      expect(group.body.error.message).toMatch(
        /You may not set alert rules on consumer group 'team-a.billing': it belongs to group:default\/team-a/,
      );
      const topic = await api(USERS.other).post(BASE, {
        target: { type: 'topic', topic: TOPIC },
        kind: 'stalled',
        forSeconds: 0,
        severity: 'low',
      });
      expect(topic.status).toBe(403);
      expect(topic.body.error.message).toMatch(
        /owned by group:default\/team-a/,
      );

      const [rule] = (
        await api(USERS.owner).get(`${BASE}?group=team-a.billing`)
      ).body.items;
      const put = await api(USERS.other).put(`${BASE}/${rule.id}`, {
        kind: 'stalled',
        forSeconds: 0,
        severity: 'low',
      });
      expect(put.status).toBe(403);
      expect(
        (await api(USERS.other).delete(`${BASE}/${rule.id}`, {})).status,
      ).toBe(403);
      const after = (await api(USERS.owner).get(`${BASE}?group=team-a.billing`))
        .body.items[0];
      expect(after).toMatchObject({
        id: rule.id,
        kind: rule.kind,
        threshold: rule.threshold,
      });
    });

    it('lists with ?group= and ?topic= filters, canEdit per caller, and the evaluator’s instances', async () => {
      const all = (await api(USERS.other).get(BASE)).body.items;
      expect(all).toHaveLength(4);
      expect(all.every((r: any) => r.canEdit === false)).toBe(true);
      const byGroup = (
        await api(USERS.owner).get(`${BASE}?group=team-a.billing`)
      ).body.items;
      expect(byGroup.map((r: any) => [r.target.group, r.threshold])).toEqual([
        ['team-a.billing', 10],
        ['team-a.billing', 1000],
      ]);
      expect(byGroup.every((r: any) => r.canEdit)).toBe(true);
      const byTopic = (await api(USERS.approver).get(`${BASE}?topic=${TOPIC}`))
        .body.items;
      expect(byTopic.map((r: any) => r.target)).toEqual([
        { type: 'topic', topic: TOPIC },
      ]);
      expect(byTopic[0].canEdit).toBe(true);

      await services.sampler.runCycle();
      await services.alertEvaluator.evaluate();
      const evaluated = (
        await api(USERS.owner).get(`${BASE}?group=team-a.billing`)
      ).body.items;
      // Lag 12 is above 10 (firing at once: forSeconds 0) and below 1000.
      expect(evaluated.map((r: any) => r.instances)).toEqual([
        [
          {
            groupId: 'team-a.billing',
            state: 'firing',
            since: expect.any(String),
            value: 12,
          },
        ],
        [{ groupId: 'team-a.billing', state: 'ok', since: null, value: 12 }],
      ]);
    });

    it('updates a rule: 200 with the new settings, audited; the evaluation starts over', async () => {
      const [rule] = (
        await api(USERS.owner).get(`${BASE}?group=team-a.billing`)
      ).body.items;
      const res = await api(USERS.owner2).put(`${BASE}/${rule.id}`, {
        kind: 'lag-messages',
        threshold: 20,
        forSeconds: 60,
        severity: 'low',
        enabled: false,
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: rule.id,
        target: rule.target,
        threshold: 20,
        forSeconds: 60,
        severity: 'low',
        enabled: false,
        owner: TEAM_A,
        createdBy: USERS.owner,
        instances: [],
        canEdit: true,
      });
      const listed = (
        await api(USERS.owner).get(`${BASE}?group=team-a.billing`)
      ).body.items[0];
      expect(listed).toEqual({ ...res.body, canEdit: true });
      expect(auditEvents('event-streaming-alert-rule-update')).toContainEqual(
        expect.objectContaining({
          status: 'succeeded',
          meta: expect.objectContaining({
            ruleId: rule.id,
            actor: USERS.owner2,
          }),
        }),
      );
    });

    it('deletes a rule: 204, gone from the list with its states, then 404', async () => {
      // The rule at 1000 messages keeps the group's last value as a state.
      const rule = (await api(USERS.owner).get(`${BASE}?group=team-a.billing`))
        .body.items[1];
      expect(rule.instances).toHaveLength(1);
      expect((await services.alertStore.statesOf([rule.id])).size).toBe(1);
      const res = await api(USERS.owner).delete(`${BASE}/${rule.id}`, {});
      expect(res.status).toBe(204);
      const ids = (await api(USERS.owner).get(BASE)).body.items.map(
        (r: any) => r.id,
      );
      expect(ids).not.toContain(rule.id);
      expect((await services.alertStore.statesOf([rule.id])).size).toBe(0);
      expect(
        (await api(USERS.owner).delete(`${BASE}/${rule.id}`, {})).status,
      ).toBe(404);
      expect(auditEvents('event-streaming-alert-rule-delete')).toContainEqual(
        expect.objectContaining({
          status: 'succeeded',
          meta: expect.objectContaining({ ruleId: rule.id }),
        }),
      );
    });
  },
);
