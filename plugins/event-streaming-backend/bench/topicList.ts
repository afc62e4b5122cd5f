/* eslint-disable no-console */
/**
 * Benchmark: the first page of the topic list against many topics, beside a
 * bare kafkajs fetchTopicMetadata in the same run, on both kinds of Kafka:
 *
 * - the embedded broker with 10,000 topics / 30,000 partitions (BENCH_TOPICS);
 * - Apache Kafka 4 from the real stack, one broker, with 2,000 topics / 6,000
 *   partitions (BENCH_APACHE_TOPICS): every partition is a folder of log and
 *   index files on disk. Tried with 10,000: the single broker (256 MB heap, 2
 *   cores) stopped showing new topics within 120 s after about 3,500 topics.
 *
 *   npm run bench                              (from the repo root)
 *   BENCH_KAFKA=apache npm run bench           (one kind only)
 *
 * It prints figures; it is not a test and asserts nothing. Target: a warm
 * first page under 300 ms and within 5x of the bare call.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  awaitTopics,
  KafkaKind,
  startTestKafka,
  TestKafka,
} from '@eventport/devstack';
import { Kafka, logLevel } from 'kafkajs';
import request from 'supertest';
import { eventStreamingPlugin } from '../src/plugin';
import { eventStreamingConfig } from '../src/__testUtils__/config';

const EMBEDDED_TOPICS = Number(process.env.BENCH_TOPICS ?? 10_000);
const APACHE_TOPICS = Number(process.env.BENCH_APACHE_TOPICS ?? 2_000);
const KINDS = (process.env.BENCH_KAFKA ?? 'embedded,apache').split(
  ',',
) as KafkaKind[];
const PARTITIONS = 3;
// Each benchmark gets its own cluster, stopped when it is done.
process.env.EVENTPORT_TEST_KAFKA_REUSE = '0';
const RUNS = Number(process.env.BENCH_RUNS ?? 15);

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function time<T>(fn: () => Promise<T>) {
  const start = process.hrtime.bigint();
  const result = await fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
}

function topicName(i: number) {
  return `${i % 2 === 0 ? 'team-a' : 'team-b'}.topic-${String(i).padStart(
    5,
    '0',
  )}`;
}

/** Creates the topics: in-process for the embedded broker, with CreateTopics in batches for Apache Kafka. */
async function seed(kafka: TestKafka, count: number) {
  const started = Date.now();
  if (kafka.embedded) {
    for (let i = 0; i < count; i++) {
      kafka.embedded.cluster.createTopic({
        name: topicName(i),
        numPartitions: PARTITIONS,
        replicationFactor: 3,
        configs: [['retention.ms', '86400000']],
      });
    }
  } else {
    const admin = new Kafka({
      brokers: kafka.bootstrapServers,
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
    for (let i = 0; i < count; i += 250) {
      const names = Array.from({ length: Math.min(250, count - i) }, (_, j) =>
        topicName(i + j),
      );
      await admin.createTopics({
        // kafkajs's waitForLeaders fails on Kafka 4's metadata lag; awaitTopics waits instead.
        waitForLeaders: false,
        timeout: 120_000,
        topics: names.map(topic => ({
          topic,
          numPartitions: PARTITIONS,
          replicationFactor: 1,
          configEntries: [{ name: 'retention.ms', value: '86400000' }],
        })),
      });
      await awaitTopics(kafka.bootstrapServers, names, { timeoutMs: 120_000 });
      process.stdout.write(`\r  created ${i + names.length}/${count} topics`);
    }
    process.stdout.write('\n');
    await admin.disconnect();
  }
  console.log(
    `seeded ${count} topics / ${count * PARTITIONS} partitions in ${
      kafka.label
    } in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
}

async function benchmark(kind: KafkaKind) {
  const TOPICS = kind === 'apache' ? APACHE_TOPICS : EMBEDDED_TOPICS;
  // One Apache broker: partitions on disk are what costs, replication adds nothing to the list.
  const kafka = await startTestKafka(kind, {
    brokers: kind === 'apache' ? 1 : 3,
  });
  await seed(kafka, TOPICS);

  // Baseline: a bare kafkajs admin asking for the metadata of every topic.
  const bare = new Kafka({
    brokers: kafka.bootstrapServers,
    logLevel: logLevel.NOTHING,
  }).admin();
  await bare.connect();
  const bareRuns: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const { ms, result } = await time(() => bare.fetchTopicMetadata());
    if (result.topics.length < TOPICS)
      throw new Error('bare call saw too few topics');
    bareRuns.push(ms);
  }
  await bare.disconnect();

  const backend = await startTestBackend({
    features: [
      eventStreamingPlugin,
      mockServices.rootConfig.factory({
        data: eventStreamingConfig(kafka.bootstrapServers),
      }),
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
    ],
  });
  const firstPage = () =>
    request(backend.server)
      .get('/api/event-streaming/clusters/dev-local/topics?limit=25')
      .set('Authorization', mockCredentials.user.header('user:default/guest'));

  const cold = await time(firstPage);
  if (cold.result.status !== 200 || cold.result.body.totalCount < TOPICS) {
    throw new Error(
      `unexpected answer: ${cold.result.status} ${JSON.stringify(
        cold.result.body,
      ).slice(0, 200)}`,
    );
  }
  const warm: number[] = [];
  for (let i = 0; i < RUNS; i++) warm.push((await time(firstPage)).ms);
  // Past the metadata cache's lifetime: the connection is warm, the list is refetched.
  const uncached: number[] = [];
  for (let i = 0; i < Math.min(RUNS, 5); i++) {
    await new Promise(r => setTimeout(r, 5100));
    uncached.push((await time(firstPage)).ms);
  }
  await backend.stop();
  await kafka.close();

  const b = median(bareRuns);
  const w = median(warm);
  const u = median(uncached);
  const rss = process.memoryUsage().rss / 1024 / 1024;
  console.log('');
  console.log(
    `${kafka.label}: topic list, first page (25 of ${TOPICS} topics), median of runs:`,
  );
  console.log(
    `  bare kafkajs fetchTopicMetadata (all topics) : ${b.toFixed(
      1,
    )} ms  (${RUNS} runs)`,
  );
  console.log(
    `  GET /topics cold (first request, new client)  : ${cold.ms.toFixed(
      1,
    )} ms`,
  );
  console.log(
    `  GET /topics warm (cached metadata)            : ${w.toFixed(
      1,
    )} ms  (${RUNS} runs)  = ${(w / b).toFixed(2)}x bare`,
  );
  console.log(
    `  GET /topics warm, cache expired               : ${u.toFixed(1)} ms  (${
      uncached.length
    } runs)  = ${(u / b).toFixed(2)}x bare`,
  );
  console.log(
    `  process RSS                                   : ${rss.toFixed(0)} MB`,
  );
  console.log(
    `target: warm < 300 ms and < 5x bare -> ${
      w < 300 && w / b < 5 ? 'met' : 'NOT met'
    } (cache expired: ${u < 300 && u / b < 5 ? 'met' : 'NOT met'})`,
  );
}

async function main() {
  for (const kind of KINDS) await benchmark(kind);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
