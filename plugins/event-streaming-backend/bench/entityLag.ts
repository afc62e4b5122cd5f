/* eslint-disable no-console */
/**
 * Benchmark of one entity's consumer lag: BENCH_LAG_GROUPS groups (20),
 * each with committed offsets on BENCH_LAG_PARTITIONS partitions (1,000, in
 * 4 topics), on Apache Kafka from the real stack. Both answers come from the
 * same backend, broker and groups in the same run:
 *
 * - Eventport: one `GET /api/event-streaming/consumer-lag?groups=...` with
 *   the entity's `kafka.apache.org/consumer-groups` list, after two sampler
 *   cycles so that time lag is computed too;
 * - `@backstage-community/plugin-kafka-backend` (a dev dependency of this
 *   package, used by this benchmark only): its
 *   `GET /api/kafka/consumers/:cluster/:group/offsets` once per group, all
 *   at once, as its entity card does.
 *
 * It prints figures; it asserts nothing.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import communityKafkaPlugin from '@backstage-community/plugin-kafka-backend/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { startTestKafka } from '@eventport/devstack';
import { Kafka, logLevel } from 'kafkajs';
import request from 'supertest';
import { KafkaBrokers } from '../src/clients/kafkajsBrokers';
import { createEventStreamingPlugin } from '../src/plugin';
import { eventStreamingConfig } from '../src/__testUtils__/config';
import type { EventStreamingServices } from '../src/services/EventStreamingServices';
import { commitOffsets } from '../src/__testUtils__/commitOffsets';

const GROUPS = Number(process.env.BENCH_LAG_GROUPS ?? 20);
const PARTITIONS = Number(process.env.BENCH_LAG_PARTITIONS ?? 1_000);
const TOPICS = 4;
const RUNS = Number(process.env.BENCH_RUNS ?? 9);

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function time<T>(fn: () => Promise<T>) {
  const start = process.hrtime.bigint();
  const result = await fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
}

export async function entityLag() {
  const kafka = await startTestKafka('apache', { brokers: 1 });
  const client = new Kafka({
    brokers: kafka.bootstrapServers,
    logLevel: logLevel.NOTHING,
  });
  const admin = client.admin();
  await admin.connect();
  const perTopic = Math.ceil(PARTITIONS / TOPICS);
  const topics = Array.from(
    { length: TOPICS },
    (_, i) => `team-a.bench-lag-${i}`,
  );
  await admin.createTopics({
    waitForLeaders: true,
    topics: topics.map(topic => ({
      topic,
      numPartitions: perTopic,
      replicationFactor: 1,
    })),
  });
  // Ten messages on every partition, so that every group has lag.
  const producer = client.producer();
  await producer.connect();
  for (const topic of topics) {
    await producer.send({
      topic,
      messages: Array.from({ length: perTopic * 10 }, (_, i) => ({
        partition: i % perTopic,
        value: `m${i}`,
      })),
    });
  }
  await producer.disconnect();
  const groups = Array.from(
    { length: GROUPS },
    (_, i) => `team-a.bench-reader-${String(i).padStart(2, '0')}`,
  );
  const brokers = new KafkaBrokers(
    new Kafka({ brokers: kafka.bootstrapServers, logLevel: logLevel.NOTHING }),
  );
  for (const [i, groupId] of groups.entries()) {
    await commitOffsets(
      brokers,
      groupId,
      topics.map(topic => ({
        topic,
        partitions: Array.from({ length: perTopic }, (_, partition) => ({
          partition,
          offset: String((i + partition) % 10),
        })),
      })),
    );
    process.stdout.write(`\r  committed offsets for ${i + 1}/${GROUPS} groups`);
  }
  await brokers.close();
  process.stdout.write('\n');
  await admin.disconnect();

  const config = eventStreamingConfig(kafka.bootstrapServers);
  Object.assign(config.eventStreaming, { monitoring: { enabled: false } });
  let services: EventStreamingServices | undefined;
  const backend = await startTestBackend({
    features: [
      createEventStreamingPlugin({
        exposeServices: s => {
          services = s;
        },
      }),
      communityKafkaPlugin,
      mockServices.rootConfig.factory({
        data: {
          ...config,
          kafka: {
            clientId: 'bench',
            clusters: [{ name: 'dev-local', brokers: kafka.bootstrapServers }],
          },
        },
      }),
      mockServices.rootLogger.factory({ level: 'warn' }),
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
    ],
  });
  const auth = mockCredentials.user.header('user:default/guest');
  // Two sampler cycles a second apart: the groups are on an entity, so the
  // sampler records them, and time lag has a history to interpolate.
  for (let i = 0; i < 2; i++) {
    await services!.sampler.runCycle(Date.now());
    await new Promise(r => setTimeout(r, 1000));
  }

  const list = groups.map(g => `dev-local/${g}`).join(',');
  const ours = async () => {
    const res = await request(backend.server)
      .get(
        `/api/event-streaming/consumer-lag?groups=${encodeURIComponent(list)}`,
      )
      .set('Authorization', auth);
    if (res.status !== 200) {
      throw new Error(
        `consumer-lag: ${res.status} ${JSON.stringify(res.body)}`,
      );
    }
    return res.body.items.reduce(
      (sum: number, g: { totalLag: number }) => sum + g.totalLag,
      0,
    ) as number;
  };
  const community = async () => {
    const answers = await Promise.all(
      groups.map(async g => {
        const res = await request(backend.server)
          .get(`/api/kafka/consumers/dev-local/${g}/offsets`)
          .set('Authorization', auth);
        if (res.status !== 200) {
          throw new Error(`community offsets: ${res.status} ${res.text}`);
        }
        return res.body.offsets as Array<{
          groupOffset: string;
          topicOffset: string;
        }>;
      }),
    );
    return answers
      .flat()
      .reduce(
        (sum, o) => sum + Number(o.topicOffset) - Number(o.groupOffset),
        0,
      );
  };
  // Both must see the same lag, or the comparison means nothing.
  const [a, b] = [await ours(), await community()];
  if (a !== b) throw new Error(`lag differs: eventport ${a}, community ${b}`);
  const oursMs: number[] = [];
  const communityMs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    // Alternating, so that noise on the machine falls on both.
    communityMs.push((await time(community)).ms);
    oursMs.push((await time(ours)).ms);
  }
  await backend.stop();
  await kafka.close();
  const o = median(oursMs);
  const c = median(communityMs);
  console.log('');
  console.log(
    `${kafka.label}: one entity's lag, ${GROUPS} groups x ${
      perTopic * TOPICS
    } partitions (${TOPICS} topics), total lag ${a}, median of ${RUNS} runs:`,
  );
  console.log(
    `  community plugin-kafka-backend, ${GROUPS} offsets calls at once : ${c.toFixed(
      1,
    )} ms`,
  );
  console.log(
    `  Eventport GET /consumer-lag, one call, with time lag     : ${o.toFixed(
      1,
    )} ms = ${(c / o).toFixed(1)}x faster`,
  );
  console.log(
    `  target: under 500 ms and at least 3x faster -> ${
      o < 500 && c / o >= 3 ? 'met' : 'NOT met'
    }`,
  );
}
