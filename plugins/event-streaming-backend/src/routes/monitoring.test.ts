import { Kafka, logLevel } from 'kafkajs';
import { brokerAdmin } from '../__testUtils__/kafkaAdmin';
import {
  KAFKA_START_TIMEOUT_MS,
  startBackend,
  startTestKafka,
  TEST_DATABASE_IDS,
  TEST_KAFKA_KINDS,
  TestKafka,
  testDatabases,
  USERS,
} from '../__testUtils__/harness';
import type { EventStreamingServices } from '../services/EventStreamingServices';

jest.setTimeout(120_000);

const TOPIC = 'team-a.lag-orders';
const BASE = '/clusters/dev-local';
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/**
 * Consumer groups, lag, throughput and distribution through the routes,
 * against real brokers with real producers and consumers. The sampler is
 * driven by hand (monitoring.enabled: false), so that the samples fall at
 * known moments.
 */
describe.each(TEST_KAFKA_KINDS)('monitoring routes with %s Kafka', kind => {
  const databases = testDatabases();
  let kafka: TestKafka;
  let observer: Awaited<ReturnType<typeof brokerAdmin>>;
  let api: Awaited<ReturnType<typeof startBackend>>['api'];
  let knex: Awaited<ReturnType<ReturnType<typeof testDatabases>['init']>>;
  let services: EventStreamingServices;
  let stop: () => Promise<void>;
  let client: Kafka;
  /** The times of the two sampler cycles of the first test. */
  const cycles: number[] = [];

  /** Sends `count` messages to each partition. */
  async function produce(count: number) {
    const producer = client.producer();
    await producer.connect();
    for (const partition of [0, 1, 2]) {
      await producer.send({
        topic: TOPIC,
        messages: Array.from({ length: count }, (_, i) => ({
          partition,
          value: `m${i}`,
        })),
      });
    }
    await producer.disconnect();
  }

  /** Commits these offsets for an empty group, as a consumer would. */
  async function commit(groupId: string, offsets: number[]) {
    await observer.commit(groupId, TOPIC, offsets);
  }

  beforeAll(async () => {
    kafka = await startTestKafka(kind, { brokers: 3 });
    observer = await brokerAdmin(kafka);
    client = new Kafka({
      clientId: 'monitoring-test',
      brokers: kafka.bootstrapServers,
      logLevel: logLevel.NOTHING,
    });
    knex = await databases.init(TEST_DATABASE_IDS[0]);
    const started = await startBackend({
      knex,
      kafka,
      monitoring: { enabled: false, window: { minutes: 5 } },
      cluster: {
        links: {
          grafana: {
            topic:
              'https://grafana.example/d/eventport-kafka?var-topic={topic}',
            group:
              'https://grafana.example/d/eventport-kafka?var-consumergroup={group}',
          },
        },
      },
      overrides: { exposeServices: s => (services = s) },
    });
    api = started.api;
    stop = () => started.backend.stop();
    await observer.create(TOPIC, {}, 3, 3);
  }, KAFKA_START_TIMEOUT_MS);

  afterAll(async () => {
    await stop?.();
    await observer?.close();
    await kafka?.close();
  });

  it('answers exact offset lag, interpolated time lag, ETA and status from real samples', async () => {
    await produce(10);
    await commit('team-a.billing', [10, 10, 10]);
    await commit('team-a.audit', [4, 10, 0]);
    // The group page marks the group as watched, so the sampler records it.
    expect(
      (await api(USERS.owner).get(`${BASE}/consumer-groups/team-a.audit`))
        .status,
    ).toBe(200);
    const firstCycle = Date.now();
    await services.sampler.runCycle(firstCycle);
    cycles.push(firstCycle);
    await sleep(1500);
    await produce(10);
    const secondCycle = Date.now();
    await services.sampler.runCycle(secondCycle);
    cycles.push(secondCycle);

    const res = await api(USERS.owner).get(
      `${BASE}/consumer-groups/team-a.audit`,
    );
    expect(res.status).toBe(200);
    const partitions = res.body.partitions.map((p: any) => ({
      partition: p.partition,
      committed: p.committedOffset,
      end: p.endOffset,
      lag: p.lag,
    }));
    expect(partitions).toEqual([
      { partition: 0, committed: '4', end: '20', lag: 16 },
      { partition: 1, committed: '10', end: '20', lag: 10 },
      { partition: 2, committed: '0', end: '20', lag: 20 },
    ]);
    expect(res.body.totalLag).toBe(46);
    expect(res.body.state).toBe('Empty');
    expect(res.body.status).toBe('EMPTY');
    expect(res.body.members).toEqual([]);
    expect(res.body.links).toEqual({
      grafana:
        'https://grafana.example/d/eventport-kafka?var-consumergroup=team-a.audit',
    });
    expect(res.body.canManageAlerts).toBe(true);
    // Partition 1 committed 10, which was the end offset at the first
    // sample: its time lag is the time since then (within the 1.5 s between
    // samples plus the test's own latency).
    const p1 = res.body.partitions[1];
    const since = Date.now() - firstCycle;
    expect(p1.timeLagAtLeast).toBe(false);
    expect(p1.timeLagMs).toBeGreaterThanOrEqual(since - 2000);
    expect(p1.timeLagMs).toBeLessThanOrEqual(since + 500);
    // Partitions 0 and 2 are behind the oldest sample: a lower bound.
    expect(res.body.partitions[0].timeLagAtLeast).toBe(true);
    expect(res.body.sampledAt).not.toBeNull();
  });

  it('lists groups by name first and describes only the page, with totalCount', async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        commit(`team-b.page-${String(i).padStart(2, '0')}`, [1, 1, 1]),
      ),
    );
    const page = await api(USERS.other).get(
      `${BASE}/consumer-groups?q=team-b.page&limit=5&offset=5`,
    );
    expect(page.status).toBe(200);
    expect(page.body.totalCount).toBe(12);
    expect(page.body.items.map((g: any) => g.groupId)).toEqual([
      'team-b.page-05',
      'team-b.page-06',
      'team-b.page-07',
      'team-b.page-08',
      'team-b.page-09',
    ]);
    expect(page.body.items[0]).toMatchObject({
      state: 'Empty',
      members: 0,
      topics: [TOPIC],
      totalLag: 57,
      status: 'EMPTY',
      owner: 'group:default/team-b',
    });
    expect(page.body.unreachableBrokers).toEqual([]);
    const byState = await api(USERS.other).get(
      `${BASE}/consumer-groups?q=team-&state=Empty&limit=100`,
    );
    expect(byState.body.totalCount).toBe(14);
    const stable = await api(USERS.other).get(
      `${BASE}/consumer-groups?q=team-&state=Stable`,
    );
    expect(stable.body.totalCount).toBe(0);
    // Owned only: each caller sees its team's groups, before paging.
    const mine = await api(USERS.other).get(
      `${BASE}/consumer-groups?q=team-&owned=true&limit=100`,
    );
    expect(mine.body.totalCount).toBe(12);
    expect(new Set(mine.body.items.map((g: any) => g.owner))).toEqual(
      new Set(['group:default/team-b']),
    );
    const theirs = await api(USERS.owner).get(
      `${BASE}/consumer-groups?q=team-&owned=true&limit=100`,
    );
    expect(theirs.body.items.map((g: any) => g.groupId).sort()).toEqual([
      'team-a.audit',
      'team-a.billing',
    ]);
    // With a state filter too; its cache (every group matching q) is not
    // narrowed by one caller's ownership for the next.
    const ownedEmpty = await api(USERS.other).get(
      `${BASE}/consumer-groups?q=team-&state=Empty&owned=true&limit=100`,
    );
    expect(ownedEmpty.body.totalCount).toBe(12);
    const allEmpty = await api(USERS.owner).get(
      `${BASE}/consumer-groups?q=team-&state=Empty&limit=100`,
    );
    expect(allEmpty.body.totalCount).toBe(14);
  });

  it('shows a live consumer as a member with its assignment, and the topic’s readers', async () => {
    const consumer = client.consumer({ groupId: 'team-a.live' });
    await consumer.connect();
    await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
    let seen = 0;
    await consumer.run({
      autoCommitInterval: 100,
      eachMessage: async () => {
        seen++;
      },
    });
    try {
      for (let i = 0; i < 100 && seen < 60; i++) await sleep(200);
      expect(seen).toBe(60);
      let detail: any;
      for (let i = 0; i < 50; i++) {
        detail = (
          await api(USERS.owner).get(`${BASE}/consumer-groups/team-a.live`)
        ).body;
        if (detail.state === 'Stable' && detail.totalLag === 0) break;
        await sleep(200);
      }
      expect(detail.state).toBe('Stable');
      expect(detail.totalLag).toBe(0);
      expect(detail.members).toHaveLength(1);
      expect(detail.members[0].assignments).toEqual([
        { topic: TOPIC, partitions: [0, 1, 2] },
      ]);
      expect(
        detail.partitions.every(
          (p: any) => p.memberId === detail.members[0].memberId,
        ),
      ).toBe(true);
      expect(detail.catchUp).toEqual({ kind: 'caught-up' });

      services.groupIndex.invalidate('dev-local');
      const readers = await api(USERS.owner).get(
        `${BASE}/topics/${TOPIC}/consumer-groups`,
      );
      expect(readers.status).toBe(200);
      const byId = Object.fromEntries(
        readers.body.items.map((g: any) => [g.groupId, g]),
      );
      expect(byId['team-a.live']).toMatchObject({
        lag: 0,
        members: 1,
        status: 'OK',
      });
      expect(byId['team-a.audit']).toMatchObject({
        lag: 46,
        members: 0,
        status: 'EMPTY',
      });
      expect(readers.body.items).toHaveLength(15);
    } finally {
      await consumer.disconnect();
    }
  });

  it('derives throughput from end-offset deltas between samples', async () => {
    const res = await api(USERS.owner).get(
      `${BASE}/topics/${TOPIC}/throughput?minutes=60`,
    );
    expect(res.status).toBe(200);
    // Two samples: 30 messages (10 per partition) were produced between them.
    const seconds = (cycles[1] - cycles[0]) / 1000;
    expect(res.body.points).toEqual([
      {
        at: new Date(cycles[1]).toISOString(),
        messagesPerSecond: expect.closeTo(30 / seconds, 6),
      },
    ]);
    expect(res.body.current).toBeCloseTo(30 / seconds, 6);
    expect(res.body.links.grafana).toBe(
      `https://grafana.example/d/eventport-kafka?var-topic=${TOPIC}`,
    );
    expect(res.body.partitions).toEqual(
      [0, 1, 2].map(partition => ({
        partition,
        messagesPerSecond: expect.closeTo(10 / seconds, 6),
      })),
    );
  });

  it('answers an entity’s groups in one call, by topic and partition, with unknown groups and clusters apart', async () => {
    const res = await api(USERS.other).get(
      `/consumer-lag?groups=${encodeURIComponent(
        'dev-local/team-a.audit, dev-local/team-a.billing,dev-local/team-a.nobody,nope/x,dev-local/team-a.audit',
      )}`,
    );
    expect(res.status).toBe(200);
    const [audit, billing, nobody, nope] = res.body.items;
    expect(res.body.items).toHaveLength(4);
    expect(audit).toMatchObject({
      cluster: 'dev-local',
      groupId: 'team-a.audit',
      found: true,
      state: 'Empty',
      members: 0,
      totalLag: 46,
      status: 'EMPTY',
    });
    expect(audit.topics).toHaveLength(1);
    expect(audit.topics[0].topic).toBe(TOPIC);
    expect(audit.topics[0].lag).toBe(46);
    expect(
      audit.topics[0].partitions.map((p: any) => [
        p.partition,
        p.committedOffset,
        p.endOffset,
        p.lag,
      ]),
    ).toEqual([
      [0, '4', '20', 16],
      [1, '10', '20', 10],
      [2, '0', '20', 20],
    ]);
    // Partition 1's committed offset was the end offset at the first cycle.
    expect(audit.topics[0].partitions[1].timeLagMs).toBeGreaterThanOrEqual(
      Date.now() - cycles[0] - 2000,
    );
    expect(audit.maxTimeLagMs).toBeGreaterThanOrEqual(
      audit.topics[0].partitions[1].timeLagMs,
    );
    expect(billing).toMatchObject({ groupId: 'team-a.billing', totalLag: 30 });
    expect(nobody).toMatchObject({
      groupId: 'team-a.nobody',
      found: false,
      status: null,
      topics: [],
    });
    expect(nobody.statusReason).toMatch(
      /does not exist in cluster 'dev-local'/,
    );
    expect(nope.error).toMatch(/^Cluster 'nope': /);

    const bad = await api(USERS.other).get('/consumer-lag?groups=no-slash');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(
      /expected cluster\/group entries separated by commas; not of that form: no-slash/,
    );
    const many = Array.from({ length: 51 }, (_, i) => `dev-local/g${i}`);
    const tooMany = await api(USERS.other).get(
      `/consumer-lag?groups=${many.join(',')}`,
    );
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toMatch(
      /at most 50 groups per request, got 51/,
    );
    const none = await api(USERS.other).get('/consumer-lag');
    expect(none.status).toBe(400);
  });

  it('a flood of made-up group ids puts nothing on the watch list; real groups viewed are watched', async () => {
    const flood = Array.from({ length: 40 }, (_, r) =>
      api(USERS.other).get(
        `/consumer-lag?groups=${Array.from(
          { length: 50 },
          (_unused, i) => `dev-local/made-up-${r}-${i}`,
        ).join(',')}`,
      ),
    );
    for (const res of await Promise.all(flood)) expect(res.status).toBe(200);
    for (let i = 0; i < 20; i++) {
      await api(USERS.other).get(
        `/clusters/dev-local/consumer-groups/made-up-history-${i}/history?minutes=5`,
      );
    }
    const watched = await knex('event_streaming_watched_groups')
      .where({ cluster: 'dev-local' })
      .select('group_id');
    const ids = watched.map(w => w.group_id as string);
    expect(ids.filter(id => id.startsWith('made-up'))).toEqual([]);
    expect(ids).toContain('team-a.audit');
  });

  it('shows leaders and replicas per broker', async () => {
    const res = await api(USERS.owner).get(
      `${BASE}/distribution?topic=${TOPIC}`,
    );
    expect(res.status).toBe(200);
    expect(res.body.totalPartitions).toBe(3);
    expect(res.body.brokers.map((b: any) => b.nodeId)).toEqual(
      kafka.brokers.map(b => b.nodeId),
    );
    expect(
      res.body.brokers.reduce((n: number, b: any) => n + b.replicas, 0),
    ).toBe(9);
    expect(
      res.body.brokers.reduce((n: number, b: any) => n + b.leaders, 0),
    ).toBe(3);
    expect(res.body.underReplicated).toEqual([]);
    expect(res.body.offline).toBe(0);
  });

  it('answers clear 4xx for bad input and unknown names', async () => {
    const unknown = await api(USERS.owner).get(
      `${BASE}/consumer-groups/no-such-group`,
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe(
      "Consumer group 'no-such-group' does not exist in cluster 'dev-local'",
    );
    const badLimit = await api(USERS.owner).get(
      `${BASE}/consumer-groups?limit=5000`,
    );
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.error.message).toMatch(/^Invalid query: limit/);
    const badWindow = await api(USERS.owner).get(
      `${BASE}/topics/${TOPIC}/throughput?minutes=abc`,
    );
    expect(badWindow.status).toBe(400);
    const noTopic = await api(USERS.owner).get(
      `${BASE}/topics/team-a.nope/throughput`,
    );
    expect(noTopic.status).toBe(404);
    const noCluster = await api(USERS.owner).get(
      '/clusters/nope/consumer-groups',
    );
    expect(noCluster.status).toBe(404);
  });
});
