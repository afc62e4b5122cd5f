import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { readMonitoringConfig } from '@eventport/plugin-event-streaming-node';
import { Kafka, logLevel } from 'kafkajs';
import { eventStreamingConfig } from '../../__testUtils__/config';
import {
  KAFKA_START_TIMEOUT_MS,
  startTestKafka,
  TEST_DATABASE_IDS,
  TestKafka,
  testDatabases,
} from '../../__testUtils__/harness';
import { brokerAdmin } from '../../__testUtils__/kafkaAdmin';
import { ClusterRegistry } from '../ClusterRegistry';
import { GroupIndex } from './GroupIndex';
import { OffsetSampler } from './OffsetSampler';
import { SampleStore } from './SampleStore';

const migrationsDir = `${__dirname}/../../../migrations`;
const MINUTE = 60_000;

/**
 * The sampler against the embedded broker (the sampler's own logic does not
 * depend on the broker; the route tests cover Apache Kafka) on every test
 * database: what one cycle records, and that retention and thinning keep
 * the tables bounded over a simulated day.
 */
describe.each(TEST_DATABASE_IDS)('offset sampler on %s', databaseId => {
  const databases = testDatabases();
  let kafka: TestKafka;
  let clusters: ClusterRegistry;
  let store: SampleStore;
  let sampler: OffsetSampler;

  beforeAll(async () => {
    kafka = await startTestKafka('embedded', { brokers: 1 });
    const observer = await brokerAdmin(kafka);
    await observer.create('team-a.sampled', {}, 4, 1);
    await observer.create('team-b.other', {}, 2, 1);
    const producer = new Kafka({
      brokers: kafka.bootstrapServers,
      logLevel: logLevel.NOTHING,
    }).producer();
    await producer.connect();
    await producer.send({
      topic: 'team-a.sampled',
      messages: [0, 0, 0, 1, 3].map(partition => ({ partition, value: 'x' })),
    });
    await producer.disconnect();
    await observer.commit('team-a.watched', 'team-a.sampled', [2]);
    await observer.commit('team-a.ignored', 'team-a.sampled', [1]);
    await observer.close();

    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: migrationsDir });
    const config = new ConfigReader({
      ...eventStreamingConfig(kafka.bootstrapServers),
    });
    clusters = ClusterRegistry.fromConfig(config, {
      logger: mockServices.logger.mock(),
    });
    store = new SampleStore(knex);
    sampler = new OffsetSampler(
      clusters,
      store,
      new GroupIndex(clusters, mockServices.logger.mock()),
      [{ watched: async () => ({ groups: ['team-a.watched'], topics: [] }) }],
      readMonitoringConfig(
        new ConfigReader({
          eventStreaming: {
            monitoring: {
              retention: { hours: 24 },
              fullResolution: { hours: 1 },
              downsampleBucket: { minutes: 5 },
            },
          },
        }),
      ),
      mockServices.logger.mock(),
    );
  }, KAFKA_START_TIMEOUT_MS);

  afterAll(async () => {
    await clusters?.close();
    await kafka?.close();
  });

  it('records every partition’s end offset and the watched groups’ committed offsets in one cycle', async () => {
    const now = Date.now();
    const [report] = await sampler.runCycle(now);
    expect(report).toMatchObject({
      cluster: 'dev-local',
      topics: 2,
      partitions: 6,
      missingPartitions: 0,
      groups: 1,
      connectors: 0,
    });
    expect(await store.topicSamples('dev-local', 'team-a.sampled', 0)).toEqual([
      { at: now, ends: [3, 1, 0, 1] },
    ]);
    const [group] = await store.groupSamples('dev-local', 'team-a.watched', 0);
    expect(group.at).toBe(now);
    expect(group.state).toBe('Empty');
    expect([...group.offsets.get('team-a.sampled')!]).toEqual([[0, 2]]);
    expect(await store.groupSamples('dev-local', 'team-a.ignored', 0)).toEqual(
      [],
    );
    // The sampled readers of a topic, as a schema deletion's evidence: by
    // the exact name ('_' and '%' are no wildcards, a prefix is no match).
    expect(
      await store.lastReadersOf('dev-local', 'team-a.sampled', 10),
    ).toEqual({
      readers: [{ groupId: 'team-a.watched', lastSeenAt: now }],
      since: now,
    });
    for (const other of ['team_a.sampled', 'team-a.%', 'team-a', 'sampled']) {
      expect(
        (await store.lastReadersOf('dev-local', other, 10)).readers,
      ).toEqual([]);
    }
    expect(
      await store.lastReadersOf('elsewhere', 'team-a.sampled', 10),
    ).toEqual({ readers: [], since: null });
  });

  it('keeps the tables bounded over a simulated day: full resolution for an hour, one cycle per 5 minutes after, nothing past 24 hours', async () => {
    const start = Math.floor(Date.now() / MINUTE) * MINUTE - 36 * 60 * MINUTE;
    // 36 hours of cycles every 30 s, as the default schedule would run.
    for (let at = start; at <= start + 36 * 60 * MINUTE; at += 30_000) {
      // Only the database work matters here: reuse one cycle's samples.
      await store.addTopicSamples(
        'dev-local',
        at,
        new Map([['team-a.sampled', [3, 1, 0, 1]]]),
      );
      if ((at - start) % (30 * MINUTE) === 0) {
        await sampler.runCycle(at);
      }
    }
    const end = start + 36 * 60 * MINUTE;
    await sampler.runCycle(end);
    const cycles = await store.cycles('dev-local', 0, Number.MAX_SAFE_INTEGER);
    expect(Math.min(...cycles)).toBeGreaterThanOrEqual(end - 24 * 60 * MINUTE);
    const recent = cycles.filter(at => at >= end - 60 * MINUTE);
    const old = cycles.filter(at => at < end - 60 * MINUTE);
    // The last hour at full resolution (121 cycles of 30 s, give or take
    // the cycle at the boundary)...
    expect(recent.length).toBeGreaterThanOrEqual(120);
    expect(recent.length).toBeLessThanOrEqual(122);
    // ...and at most one cycle per 5-minute bucket before it.
    const buckets = new Set(old.map(at => Math.floor(at / (5 * MINUTE))));
    expect(buckets.size).toBe(old.length);
    expect(old.length).toBeGreaterThanOrEqual(23 * 12 - 1);
    expect(old.length).toBeLessThanOrEqual(23 * 12 + 1);
    // 4,320 cycles against a real database: slow on 2 busy cores.
  }, 180_000);
});
