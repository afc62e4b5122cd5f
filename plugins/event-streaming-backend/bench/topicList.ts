/* eslint-disable no-console */
/**
 * Benchmark: the first page of the topic list against 10,000 topics with
 * 30,000 partitions, beside a bare kafkajs fetchTopicMetadata in the same run.
 *
 *   npm run bench            (from the repo root)
 *
 * It prints figures; it is not a test and asserts nothing. Target: a warm
 * first page under 300 ms and within 5x of the bare call. The broker is the
 * devstack's, in this process, so both sides share the same CPU and noise.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { startKafkaBroker } from '@eventport/devstack';
import { Kafka, logLevel } from 'kafkajs';
import request from 'supertest';
import { eventStreamingPlugin } from '../src/plugin';
import { eventStreamingConfig } from '../src/__testUtils__/config';

const TOPICS = Number(process.env.BENCH_TOPICS ?? 10_000);
const PARTITIONS = 3;
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

async function main() {
  const kafka = await startKafkaBroker({ port: 0, brokers: 3 });
  for (let i = 0; i < TOPICS; i++) {
    const team = i % 2 === 0 ? 'team-a' : 'team-b';
    kafka.cluster.createTopic({
      name: `${team}.topic-${String(i).padStart(5, '0')}`,
      numPartitions: PARTITIONS,
      replicationFactor: 3,
      configs: [['retention.ms', '86400000']],
    });
  }
  console.log(`seeded ${TOPICS} topics / ${TOPICS * PARTITIONS} partitions in the devstack broker`);

  // Baseline: a bare kafkajs admin asking for the metadata of every topic.
  const bare = new Kafka({ brokers: kafka.bootstrapServers, logLevel: logLevel.NOTHING }).admin();
  await bare.connect();
  const bareRuns: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const { ms, result } = await time(() => bare.fetchTopicMetadata());
    if (result.topics.length < TOPICS) throw new Error('bare call saw too few topics');
    bareRuns.push(ms);
  }
  await bare.disconnect();

  const backend = await startTestBackend({
    features: [
      eventStreamingPlugin,
      mockServices.rootConfig.factory({ data: eventStreamingConfig(kafka.bootstrapServers) }),
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
    ],
  });
  const firstPage = () =>
    request(backend.server)
      .get('/api/event-streaming/clusters/dev-local/topics?limit=25')
      .set('Authorization', mockCredentials.user.header('user:default/guest'));

  const cold = await time(firstPage);
  if (cold.result.status !== 200 || cold.result.body.totalCount < TOPICS) {
    throw new Error(`unexpected answer: ${cold.result.status} ${JSON.stringify(cold.result.body).slice(0, 200)}`);
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
  console.log(`topic list, first page (25 of ${TOPICS} topics), median of runs:`);
  console.log(`  bare kafkajs fetchTopicMetadata (all topics) : ${b.toFixed(1)} ms  (${RUNS} runs)`);
  console.log(`  GET /topics cold (first request, new client)  : ${cold.ms.toFixed(1)} ms`);
  console.log(`  GET /topics warm (cached metadata)            : ${w.toFixed(1)} ms  (${RUNS} runs)  = ${(w / b).toFixed(2)}x bare`);
  console.log(`  GET /topics warm, cache expired               : ${u.toFixed(1)} ms  (${uncached.length} runs)  = ${(u / b).toFixed(2)}x bare`);
  console.log(`  process RSS                                   : ${rss.toFixed(0)} MB`);
  console.log(`target: warm < 300 ms and < 5x bare -> ${w < 300 && w / b < 5 ? 'met' : 'NOT met'} (cache expired: ${u < 300 && u / b < 5 ? 'met' : 'NOT met'})`);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
