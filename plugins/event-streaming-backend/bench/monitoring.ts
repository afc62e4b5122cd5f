/* eslint-disable no-console */
/**
 * Benchmark of issue 12, each figure beside a baseline measured in the same run:
 *
 * 1. The first page of the consumer-groups list with 50,000 groups on the
 *    embedded broker (BENCH_GROUPS), and with 5,000 on Apache Kafka
 *    (BENCH_APACHE_GROUPS): creating 50,000 groups on one Apache broker on 2
 *    cores is too heavy for a benchmark run. Baseline: a bare kafkajs
 *    `admin.listGroups()`, the least any tool has to do to list groups.
 * 2. One sampler cycle on the embedded broker, into SQLite, against kafkajs
 *    `fetchTopicOffsets`, one call per topic as tools without a sampler do,
 *    on the same 1,000 topics (BENCH_BASELINE_TOPICS) holding records; the
 *    two answers are compared (equal end offsets for every partition) before
 *    either is timed. Then the sampler alone on 10,000 topics
 *    (BENCH_SAMPLER_TOPICS), a size at which the baseline is not run.
 *
 *   npm run bench:monitoring
 *
 * 3. One entity's lag, 20 groups over 1,000 partitions on Apache Kafka,
 *    against @backstage-community/plugin-kafka-backend (entityLag.ts).
 *
 * It prints figures; it asserts nothing.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { KafkaKind, startTestKafka, TestKafka } from '@eventport/devstack';
import { readMonitoringConfig } from '@eventport/plugin-event-streaming-node';
import { Kafka, logLevel } from 'kafkajs';
import knexFactory from 'knex';
import path from 'node:path';
import request from 'supertest';
import { createEventStreamingPlugin } from '../src/plugin';
import { commitOffsets } from '../src/__testUtils__/commitOffsets';
import { entityLag } from './entityLag';
import { eventStreamingConfig } from '../src/__testUtils__/config';
import { KafkaBrokers } from '../src/clients/kafkajsBrokers';
import { ClusterRegistry } from '../src/services/ClusterRegistry';
import { inBatches } from '../src/services/monitoring/batches';
import { GroupIndex } from '../src/services/monitoring/GroupIndex';
import { OffsetSampler } from '../src/services/monitoring/OffsetSampler';
import { SampleStore } from '../src/services/monitoring/SampleStore';

process.env.EVENTPORT_TEST_KAFKA_REUSE = '0';
const GROUPS = Number(process.env.BENCH_GROUPS ?? 50_000);
const APACHE_GROUPS = Number(process.env.BENCH_APACHE_GROUPS ?? 5_000);
const SAMPLER_TOPICS = Number(process.env.BENCH_SAMPLER_TOPICS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const BASELINE_TOPICS = Number(process.env.BENCH_BASELINE_TOPICS ?? 1_000);
const TOPIC = 'team-a.bench-orders';

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function time<T>(fn: () => Promise<T>) {
  const start = process.hrtime.bigint();
  const result = await fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
}

/** Commits an offset for `count` new groups with plain OffsetCommit requests (generation -1), as a simple consumer does. */
async function createGroups(kafka: TestKafka, count: number) {
  const started = Date.now();
  const brokers = new KafkaBrokers(
    new Kafka({ brokers: kafka.bootstrapServers, logLevel: logLevel.NOTHING }),
  );
  let done = 0;
  const ids = Array.from(
    { length: count },
    (_, i) => `team-${i % 2 ? 'a' : 'b'}.group-${String(i).padStart(6, '0')}`,
  );
  await inBatches(ids, 64, async groupId => {
    await commitOffsets(brokers, groupId, [
      { topic: TOPIC, partitions: [{ partition: 0, offset: '0' }] },
    ]);
    if (++done % 1000 === 0) {
      process.stdout.write(`\r  committed offsets for ${done}/${count} groups`);
    }
  });
  process.stdout.write('\n');
  await brokers.close();
  console.log(
    `created ${count} groups in ${kafka.label} in ${(
      (Date.now() - started) /
      1000
    ).toFixed(0)} s`,
  );
}

async function groupList(kind: KafkaKind, count: number) {
  const kafka = await startTestKafka(kind, { brokers: 1 });
  const admin = new Kafka({
    brokers: kafka.bootstrapServers,
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  await admin.createTopics({
    waitForLeaders: false,
    topics: [{ topic: TOPIC, numPartitions: 6, replicationFactor: 1 }],
  });
  await new Promise(r => setTimeout(r, 2000));
  await createGroups(kafka, count);

  const bare: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const { ms, result } = await time(() => admin.listGroups());
    if (result.groups.length < count)
      throw new Error('bare list saw too few groups');
    bare.push(ms);
  }
  await admin.disconnect();

  const config = eventStreamingConfig(kafka.bootstrapServers);
  Object.assign(config.eventStreaming, { monitoring: { enabled: false } });
  const backend = await startTestBackend({
    features: [
      createEventStreamingPlugin(),
      mockServices.rootConfig.factory({ data: config }),
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
    ],
  });
  const firstPage = () =>
    request(backend.server)
      .get('/api/event-streaming/clusters/dev-local/consumer-groups?limit=25')
      .set('Authorization', mockCredentials.user.header('user:default/guest'));
  const cold = await time(firstPage);
  if (cold.result.status !== 200 || cold.result.body.totalCount < count) {
    throw new Error(
      `unexpected answer: ${cold.result.status} ${JSON.stringify(
        cold.result.body,
      ).slice(0, 300)}`,
    );
  }
  // Past the 3 s list cache: every run lists the groups again.
  const uncached: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await new Promise(r => setTimeout(r, 3100));
    uncached.push((await time(firstPage)).ms);
  }
  const cached: number[] = [];
  for (let i = 0; i < RUNS; i++) cached.push((await time(firstPage)).ms);
  await backend.stop();
  await kafka.close();
  const b = median(bare);
  const u = median(uncached);
  console.log('');
  console.log(
    `${kafka.label}: consumer groups, first page (25 of ${count}), median of ${RUNS} runs:`,
  );
  console.log(
    `  bare kafkajs admin.listGroups()            : ${b.toFixed(1)} ms`,
  );
  console.log(
    `  GET /consumer-groups cold (new clients)    : ${cold.ms.toFixed(1)} ms`,
  );
  console.log(
    `  GET /consumer-groups, list read afresh     : ${u.toFixed(1)} ms = ${(
      u / b
    ).toFixed(2)}x bare`,
  );
  console.log(
    `  GET /consumer-groups, list cached (3 s)    : ${median(cached).toFixed(
      1,
    )} ms`,
  );
  console.log(`  target: under 1 s -> ${u < 1000 ? 'met' : 'NOT met'}`);
}

function sampledTopic(i: number) {
  return `team-a.sampled-${String(i).padStart(5, '0')}`;
}

async function samplerCycle() {
  const kafka = await startTestKafka('embedded', { brokers: 3 });
  const createTopics = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      kafka.embedded!.cluster.createTopic({
        name: sampledTopic(i),
        numPartitions: 3,
        replicationFactor: 3,
        configs: [],
      });
    }
  };
  // Part one: the sampler and the baseline on the same BASELINE_TOPICS
  // topics, holding records (1 to 5 per topic, on one partition each), and
  // their answers compared before either is timed.
  createTopics(0, BASELINE_TOPICS);
  const client = new Kafka({
    brokers: kafka.bootstrapServers,
    logLevel: logLevel.NOTHING,
  });
  const producer = client.producer();
  await producer.connect();
  await producer.sendBatch({
    topicMessages: Array.from({ length: BASELINE_TOPICS }, (_, i) => ({
      topic: sampledTopic(i),
      messages: Array.from({ length: (i % 5) + 1 }, () => ({
        partition: i % 3,
        value: 'x',
      })),
    })),
  });
  await producer.disconnect();
  const admin = client.admin();
  await admin.connect();
  // One call per topic, one after another: kafkajs's admin fails when these
  // calls run concurrently (its shared metadata cache, see
  // kafkajsBrokers.ts), and each call grows the topics it refreshes, so the
  // baseline is not run on the SAMPLER_TOPICS of part two.
  const topics = (await admin.listTopics())
    .filter(t => t.startsWith('team-a.sampled-'))
    .sort();
  if (topics.length !== BASELINE_TOPICS) {
    throw new Error(`expected ${BASELINE_TOPICS} topics, saw ${topics.length}`);
  }
  const baselineEnds = new Map<string, number[]>();
  const baseline = await time(() =>
    inBatches(topics, 1, async t => {
      const offsets = await admin.fetchTopicOffsets(t);
      const ends: number[] = [];
      for (const o of offsets) ends[o.partition] = Number(o.high);
      baselineEnds.set(t, ends);
    }),
  );
  await admin.disconnect();

  const db = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  await db.migrate.latest({
    directory: path.resolve(__dirname, '../migrations'),
  });
  // Warnings and errors only; the benchmark's own lines are the output.
  const logger = mockServices.rootLogger({ level: 'warn' });
  const clusters = ClusterRegistry.fromConfig(
    new ConfigReader(eventStreamingConfig(kafka.bootstrapServers)),
    { logger },
  );
  const store = new SampleStore(db);
  const sampler = new OffsetSampler(
    clusters,
    store,
    new GroupIndex(clusters, logger),
    [],
    readMonitoringConfig(new ConfigReader({})),
    logger,
  );
  const cycle = async () => {
    const cycles: number[] = [];
    let partitions = 0;
    for (let i = 0; i < 5; i++) {
      const { ms, result } = await time(() => sampler.runCycle(Date.now()));
      partitions = result[0].partitions;
      if (result[0].missingPartitions > 0)
        throw new Error('partitions missing');
      cycles.push(ms);
    }
    return { ms: median(cycles), partitions };
  };

  // The same answer first: the sampler's stored end offsets of every topic
  // equal what the baseline read.
  const started = Date.now();
  await sampler.runCycle(started);
  const stored = await store.topicSamplesOf('dev-local', topics, started);
  let records = 0;
  for (const topic of topics) {
    const expected = baselineEnds.get(topic)!;
    const got = stored.get(topic)?.at(-1)?.ends;
    if (JSON.stringify(got) !== JSON.stringify(expected)) {
      throw new Error(
        `the sampler and the baseline disagree on ${topic}: ${JSON.stringify(
          got,
        )} against ${JSON.stringify(expected)}`,
      );
    }
    records += expected.reduce((a, b) => a + b, 0);
  }
  const same = await cycle();

  // Part two: the sampler alone on SAMPLER_TOPICS topics.
  createTopics(BASELINE_TOPICS, SAMPLER_TOPICS);
  const scale = await cycle();
  await clusters.close();
  await db.destroy();
  await kafka.close();

  const perTopicBaseline = baseline.ms / BASELINE_TOPICS;
  const perTopicSame = same.ms / BASELINE_TOPICS;
  console.log('');
  console.log(
    `${kafka.label}: end offsets of ${BASELINE_TOPICS} topics (${same.partitions} partitions, ${records} records); both answers equal:`,
  );
  console.log(
    `  baseline, kafkajs fetchTopicOffsets, one call per topic: ${baseline.ms.toFixed(
      0,
    )} ms (${perTopicBaseline.toFixed(2)} ms per topic)`,
  );
  console.log(
    `  sampler cycle into SQLite, median of 5               : ${same.ms.toFixed(
      0,
    )} ms (${perTopicSame.toFixed(3)} ms per topic, ${(
      baseline.ms / same.ms
    ).toFixed(1)}x less)`,
  );
  console.log(
    `${kafka.label}: the sampler alone on ${SAMPLER_TOPICS} topics (${scale.partitions} partitions); the baseline's calls grow its metadata with every topic, so it is not run at this size:`,
  );
  console.log(
    `  sampler cycle into SQLite, median of 5               : ${scale.ms.toFixed(
      0,
    )} ms (${(scale.ms / SAMPLER_TOPICS).toFixed(3)} ms per topic)`,
  );
  console.log(
    `  process RSS                                          : ${(
      process.memoryUsage().rss /
      1024 /
      1024
    ).toFixed(0)} MB`,
  );
}

/** BENCH_ONLY=groups-embedded,groups-apache,sampler,entity-lag picks parts; all by default. */
const ONLY = (
  process.env.BENCH_ONLY ?? 'groups-embedded,groups-apache,sampler,entity-lag'
).split(',');

async function main() {
  if (ONLY.includes('groups-embedded')) await groupList('embedded', GROUPS);
  if (ONLY.includes('groups-apache')) await groupList('apache', APACHE_GROUPS);
  if (ONLY.includes('sampler')) await samplerCycle();
  if (ONLY.includes('entity-lag')) await entityLag();
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
