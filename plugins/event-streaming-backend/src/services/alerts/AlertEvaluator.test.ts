import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { readMonitoringConfig } from '@eventport/plugin-event-streaming-node';
import { Kafka, logLevel } from 'kafkajs';
import { Knex } from 'knex';
import net from 'node:net';
import request from 'supertest';
import {
  eventStreamingConfig,
  KAFKA_START_TIMEOUT_MS,
  KafkaKind,
  startTestKafka,
  TEST_DATABASE_IDS,
  TEST_KAFKA_KINDS,
  TestKafka,
  testDatabases,
  USERS,
} from '../../__testUtils__/harness';
import { brokerAdmin } from '../../__testUtils__/kafkaAdmin';
import { startBackendWithNotifications } from '../../__testUtils__/notificationsBackend';
import { ClusterRegistry } from '../ClusterRegistry';
import type { EventStreamingServices } from '../EventStreamingServices';
import { GroupIndex } from '../monitoring/GroupIndex';
import { GroupOwners } from '../monitoring/GroupOwners';
import { LagReader } from '../monitoring/LagReader';
import { MonitoringService } from '../monitoring/MonitoringService';
import { SampleStore } from '../monitoring/SampleStore';
import { AlertEvaluator } from './AlertEvaluator';
import { AlertRuleStore } from './AlertRuleStore';

jest.setTimeout(120_000);

const TOPIC = 'team-a.evaluated';
const GROUP = 'team-a.payments';
const TEAM_A = 'group:default/team-a';
const SECOND = 1000;

// The evaluator's logic does not depend on the broker: the real one where
// the suite runs it, the embedded one where Java is missing.
const KIND: KafkaKind = TEST_KAFKA_KINDS.includes('apache')
  ? 'apache'
  : TEST_KAFKA_KINDS[0];

async function closedPort() {
  const server = net.createServer();
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise(r => server.close(r));
  return port;
}

/**
 * The evaluator with everything real: Kafka, the plugin's database, the
 * sampler and lag model, and Backstage's notifications backend (with its
 * own database) resolving the owner group through an in-memory catalog.
 * What the owners received is read back through the notifications REST API.
 */
describe.each(TEST_DATABASE_IDS)(
  `alert evaluator on %s with ${KIND} Kafka`,
  databaseId => {
    const databases = testDatabases();
    let kafka: TestKafka;
    let observer: Awaited<ReturnType<typeof brokerAdmin>>;
    let started: Awaited<ReturnType<typeof startBackendWithNotifications>>;
    let services: EventStreamingServices;
    let knex: Knex;

    const inbox = (user: string) => started.inbox(user);
    const server = () => started.backend.server;

    async function createRule(body: object) {
      const res = await request(server())
        .post('/api/event-streaming/clusters/dev-local/alert-rules')
        .set('Authorization', started.as(USERS.owner))
        .send(body);
      expect(res.status).toBe(201);
      return res.body as { id: string };
    }

    async function instancesOf(ruleId: string) {
      const res = await request(server())
        .get('/api/event-streaming/clusters/dev-local/alert-rules')
        .set('Authorization', started.as(USERS.owner));
      return res.body.items.find((r: { id: string }) => r.id === ruleId)
        .instances;
    }

    async function produce(
      topic: string,
      perPartition: number,
      partitions: number,
    ) {
      const producer = new Kafka({
        brokers: kafka.bootstrapServers,
        logLevel: logLevel.NOTHING,
      }).producer();
      await producer.connect();
      for (let partition = 0; partition < partitions; partition++) {
        await producer.send({
          topic,
          messages: Array.from({ length: perPartition }, (_, i) => ({
            partition,
            value: `payment-${i}`,
          })),
        });
      }
      await producer.disconnect();
    }

    beforeAll(async () => {
      kafka = await startTestKafka(KIND, { brokers: 3 });
      observer = await brokerAdmin(kafka);
      await observer.create(TOPIC, {}, 3, 1);
      await produce(TOPIC, 10, 3);
      // The group has read nothing yet: 30 messages behind.
      await observer.commit(GROUP, TOPIC, [0, 0, 0]);
      knex = await databases.init(databaseId);
      started = await startBackendWithNotifications({
        knex,
        notificationsKnex: await databases.init(databaseId),
        kafka,
        overrides: { exposeServices: s => (services = s) },
      });
    }, KAFKA_START_TIMEOUT_MS);

    afterAll(async () => {
      await started?.backend.stop();
      await observer?.close();
      await kafka?.close();
    });

    it('fires once and resolves once, after the pending period where one is set', async () => {
      const onGroup = await createRule({
        target: { type: 'group', group: GROUP },
        kind: 'lag-messages',
        threshold: 20,
        forSeconds: 0,
        severity: 'high',
      });
      const onTopic = await createRule({
        target: { type: 'topic', topic: TOPIC },
        kind: 'lag-messages',
        threshold: 5,
        forSeconds: 120,
        severity: 'critical',
      });
      const t0 = Date.now();
      // The rules make the sampler watch the group and the topic's readers.
      expect(await services.alertStore.watched('dev-local')).toEqual({
        groups: [GROUP],
        topics: [TOPIC],
      });
      await services.sampler.runCycle(t0);
      expect(
        await services.samples.groupSamples('dev-local', GROUP, 0),
      ).toHaveLength(1);

      const [first] = await services.alertEvaluator.evaluate(t0);
      expect(first).toMatchObject({
        cluster: 'dev-local',
        rules: 2,
        groups: 1,
        fired: 1,
        resolved: 0,
      });
      const fired = await inbox(USERS.owner);
      expect(fired).toEqual([
        expect.objectContaining({
          updated: null,
          payload: expect.objectContaining({
            title: `Consumer group ${GROUP} lags 30 messages on dev-local (threshold 20)`,
            link: `/event-streaming/clusters/dev-local/consumer-groups/${GROUP}`,
            topic: 'event-streaming-lag-alerts',
            severity: 'high',
            scope: `event-streaming-alert:${onGroup.id}:${GROUP}`,
          }),
        }),
      ]);
      expect(fired[0].payload.description).toMatch(
        /more than 20 messages of lag/,
      );
      // Every member of the owner group, and nobody else.
      expect((await inbox(USERS.owner2)).map(n => n.payload.title)).toEqual([
        fired[0].payload.title,
      ]);
      expect(await inbox(USERS.other)).toEqual([]);
      expect(await instancesOf(onTopic.id)).toEqual([
        {
          groupId: GROUP,
          state: 'pending',
          since: new Date(t0).toISOString(),
          value: 30,
        },
      ]);

      // Still above the thresholds: no new notification, none sent again (a
      // resend under the same scope would set `updated`).
      for (const at of [t0 + 1 * SECOND, t0 + 60 * SECOND, t0 + 119 * SECOND]) {
        const [report] = await services.alertEvaluator.evaluate(at);
        expect(report.fired).toBe(0);
      }
      expect(await inbox(USERS.owner)).toEqual(fired);

      // The topic rule's 2 minutes are up.
      const [late] = await services.alertEvaluator.evaluate(t0 + 120 * SECOND);
      expect(late.fired).toBe(1);
      for (const at of [t0 + 121 * SECOND, t0 + 180 * SECOND]) {
        expect((await services.alertEvaluator.evaluate(at))[0].fired).toBe(0);
      }
      const both = await inbox(USERS.owner);
      expect(
        both.map(n => [n.payload.title, n.payload.severity, n.updated]),
      ).toEqual([
        [fired[0].payload.title, 'high', null],
        [
          `Consumer group ${GROUP} lags 30 messages on topic ${TOPIC} in dev-local (threshold 5)`,
          'critical',
          null,
        ],
      ]);
      expect(await instancesOf(onTopic.id)).toEqual([
        {
          groupId: GROUP,
          state: 'firing',
          since: new Date(t0).toISOString(),
          value: 30,
        },
      ]);

      // A real consumer reads to the end and commits.
      const consumer = new Kafka({
        brokers: kafka.bootstrapServers,
        logLevel: logLevel.NOTHING,
      }).consumer({ groupId: GROUP });
      await consumer.connect();
      await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
      let read = 0;
      const done = new Promise<void>(resolve => {
        consumer.run({
          eachMessage: async () => {
            if (++read === 30) resolve();
          },
        });
      });
      await done;
      await consumer.disconnect();
      const committed = await observer.admin.fetchOffsets({
        groupId: GROUP,
        topics: [TOPIC],
      });
      expect(committed[0].partitions.map(p => p.offset)).toEqual([
        '10',
        '10',
        '10',
      ]);

      const [resolved] = await services.alertEvaluator.evaluate(
        t0 + 200 * SECOND,
      );
      expect(resolved).toMatchObject({ fired: 0, resolved: 2 });
      const after = await inbox(USERS.owner);
      // The same two notifications, replaced by their resolution.
      expect(after.map(n => n.id)).toEqual(both.map(n => n.id));
      expect(after.map(n => [n.payload.title, n.payload.severity])).toEqual([
        [
          `Resolved: consumer group ${GROUP} lags 0 messages on dev-local, within the threshold of 20`,
          'low',
        ],
        [
          `Resolved: consumer group ${GROUP} lags 0 messages on topic ${TOPIC} in dev-local, within the threshold of 5`,
          'low',
        ],
      ]);
      expect(after.every(n => n.updated !== null)).toBe(true);
      expect(await instancesOf(onGroup.id)).toEqual([
        { groupId: GROUP, state: 'ok', since: null, value: 0 },
      ]);
      expect(await instancesOf(onTopic.id)).toEqual([]);

      // Nothing more to say.
      for (const at of [t0 + 230 * SECOND, t0 + 260 * SECOND]) {
        expect((await services.alertEvaluator.evaluate(at))[0]).toMatchObject({
          fired: 0,
          resolved: 0,
        });
      }
      expect(await inbox(USERS.owner)).toEqual(after);
    });

    it("a flood from another team's user leaves the sampling cycle's work and this team's alert on time", async () => {
      const as = (user: string) => ({
        get: (path: string) =>
          request(server())
            .get(`/api/event-streaming${path}`)
            .set('Authorization', started.as(user)),
        post: (path: string, body: object) =>
          request(server())
            .post(`/api/event-streaming${path}`)
            .set('Authorization', started.as(user))
            .send(body),
      });
      const VICTIM = 'team-a.flood-victim';
      const FLOODER = 'team-b.flood';
      for (const groupId of [VICTIM, FLOODER]) {
        await observer.commit(groupId, TOPIC, [0, 0, 0]);
      }
      const t1 = Date.now() + 300 * SECOND;
      const baseline = await services.sampler.groupsToWatch('dev-local', t1);
      const [before] = await services.sampler.runCycle(t1);

      // alice (team-b): 2,000 made-up group ids for entity lag, 20 group
      // histories of made-up groups, and alert rules past her limit.
      const lag = await Promise.all(
        Array.from({ length: 40 }, (_, r) =>
          as(USERS.other).get(
            `/consumer-lag?groups=${Array.from(
              { length: 50 },
              (_unused, i) => `dev-local/made-up-${r}-${i}`,
            ).join(',')}`,
          ),
        ),
      );
      expect(lag.map(res => res.status)).toEqual(lag.map(() => 200));
      for (let i = 0; i < 20; i++) {
        const res = await as(USERS.other).get(
          `/clusters/dev-local/consumer-groups/made-up-history-${i}/history?minutes=5`,
        );
        // An empty history, and nothing watched (below).
        expect(res.status).toBe(200);
      }
      const statuses: number[] = [];
      for (let i = 0; i < 52; i++) {
        const res = await as(USERS.other).post(
          '/clusters/dev-local/alert-rules',
          {
            target: { type: 'group', group: FLOODER },
            kind: 'lag-messages',
            threshold: 1000 + i,
            forSeconds: 0,
            severity: 'low',
          },
        );
        statuses.push(res.status);
      }
      expect(statuses.filter(x => x === 201)).toHaveLength(50);
      expect(statuses.slice(50)).toEqual([429, 429]);

      // guest (team-a) asks for an alert on a group 30 messages behind.
      const victimRule = await createRule({
        target: { type: 'group', group: VICTIM },
        kind: 'lag-messages',
        threshold: 10,
        forSeconds: 0,
        severity: 'high',
      });

      // The next cycle samples the groups it sampled before, plus the two
      // real groups with new rules: none of the made-up ones.
      const t2 = t1 + 30 * SECOND;
      const watched = await services.sampler.groupsToWatch('dev-local', t2);
      expect(watched.filter(g => g.startsWith('made-up'))).toEqual([]);
      expect(watched).toEqual(
        [...new Set([...baseline, VICTIM, FLOODER])].sort(),
      );
      const [after] = await services.sampler.runCycle(t2);
      expect(after.groups).toBe(
        before.groups + watched.length - baseline.length,
      );

      // The first evaluation after that cycle fires guest's alert.
      const [evaluated] = await services.alertEvaluator.evaluate(t2);
      expect(evaluated.fired).toBeGreaterThanOrEqual(1);
      const mine = (await inbox(USERS.owner)).filter(
        n =>
          n.payload.scope ===
          `event-streaming-alert:${victimRule.id}:${VICTIM}`,
      );
      expect(mine).toHaveLength(1);
      expect(mine[0].payload.title).toMatch(
        new RegExp(`Consumer group ${VICTIM} lags \\d+ messages`),
      );
      process.stdout.write(
        `flood: cycle before ${before.groups} groups in ${before.durationMs} ms, after ${after.groups} groups in ${after.durationMs} ms; rules evaluated ${evaluated.rules}\n`,
      );
    });

    it('keeps evaluating past a cluster that is down and a notification service that fails', async () => {
      await produce(TOPIC, 5, 1);
      const downPort = await closedPort();
      const config = new ConfigReader(
        (() => {
          const c = eventStreamingConfig(kafka.bootstrapServers);
          c.eventStreaming.clusters.unshift({
            name: 'down',
            environment: 'dev',
            brokers: [`127.0.0.1:${downPort}`],
          });
          return c;
        })(),
      );
      const logger = mockServices.logger.mock();
      const clusters = ClusterRegistry.fromConfig(config, {
        logger,
        timeouts: { connectionMs: 1000, requestMs: 2000, operationMs: 3000 },
      });
      const store = new AlertRuleStore(knex);
      const index = new GroupIndex(clusters, logger);
      const samples = new SampleStore(knex);
      const monitoringConfig = readMonitoringConfig(config);
      const monitoring = new MonitoringService(
        clusters,
        services.policy,
        samples,
        index,
        monitoringConfig,
        new GroupOwners(services.policy),
        new LagReader(clusters, samples, monitoringConfig),
      );
      await store.create({
        cluster: 'down',
        target: { type: 'group', group: GROUP },
        settings: {
          kind: 'stalled',
          threshold: null,
          forSeconds: 0,
          severity: 'low',
          enabled: true,
        },
        owner: TEAM_A,
        createdBy: USERS.owner,
      });
      const rule = await store.create({
        cluster: 'dev-local',
        target: { type: 'group', group: GROUP },
        settings: {
          kind: 'lag-messages',
          threshold: 1,
          forSeconds: 0,
          severity: 'normal',
          enabled: true,
        },
        owner: TEAM_A,
        createdBy: USERS.owner,
      });
      const evaluator = new AlertEvaluator(
        clusters,
        store,
        monitoring,
        index,
        {
          send: async () => {
            throw new Error('notifications backend unreachable');
          },
        },
        logger,
      );
      const reports = await evaluator.evaluate();
      await clusters.close();
      expect(reports.map(r => r.cluster)).toEqual(['dev-local']);
      expect(reports[0].fired).toBe(1);
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringMatching(
          /Evaluating the alert rules of cluster 'down' failed/,
        ),
      );
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringMatching(
          new RegExp(
            `Could not send notification 'Consumer group ${GROUP} lags 5 messages.*notifications backend unreachable`,
          ),
        ),
      );
      const [state] = (await store.statesOf([rule.id])).get(rule.id) ?? [];
      expect(state).toMatchObject({ state: 'firing', value: 5 });
    });
  },
);
