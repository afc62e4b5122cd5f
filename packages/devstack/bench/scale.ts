/**
 * Scale benchmark (prints figures; not a timed test):
 *  - 10,000 topics / 30,000 partitions created through CreateTopics (raw client, batches of 500)
 *  - 50,000 consumer groups with a committed offset each, through OffsetCommit
 *    sent to each group's coordinator (raw client, pipelined)
 *  - RSS, then Metadata for all topics vs. for one topic (raw client and kafkajs), median of several runs
 *
 *   tsx bench/scale.ts
 */
import { Kafka, logLevel } from 'kafkajs';
import { startKafkaBroker } from '../src/kafka/broker/server';
import { RawKafkaClient } from '../src/kafka/client/rawClient';
import { ApiKeys } from '../src/kafka/protocol/generated';

const TOPICS = 10_000;
const PARTITIONS_PER_TOPIC = 3;
const GROUPS = 50_000;
const RUNS = 7;

const mb = (n: number) => (n / 1024 / 1024).toFixed(0);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timeRuns(label: string, fn: () => Promise<unknown>): Promise<void> {
  const times: number[] = [];
  await fn(); // warm-up
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  process.stdout.write(`${label.padEnd(44)} runs(ms): ${times.map(t => t.toFixed(1)).join(', ')}  median: ${median(times).toFixed(1)} ms\n`);
}

async function main() {
  const broker = await startKafkaBroker({ port: 0 });
  const clients = new Map<number, RawKafkaClient>();
  for (const b of broker.brokers) clients.set(b.nodeId, await RawKafkaClient.connect('127.0.0.1', b.port));
  const controller = clients.get(broker.cluster.controllerId)!;

  let t = performance.now();
  for (let start = 0; start < TOPICS; start += 500) {
    const topics = [];
    for (let i = start; i < Math.min(TOPICS, start + 500); i++) {
      topics.push({ name: `bench.topic-${i}`, numPartitions: PARTITIONS_PER_TOPIC, replicationFactor: 2, assignments: [], configs: [] });
    }
    const res = await controller.request(ApiKeys.CreateTopics, 7, { topics, timeoutMs: 30000, validateOnly: false });
    if (res.topics.some((x: { errorCode: number }) => x.errorCode !== 0)) throw new Error('topic creation failed');
  }
  const partitions = [...broker.cluster.topics.values()].reduce((n, x) => n + x.partitions.length, 0);
  process.stdout.write(`created ${broker.cluster.topics.size} topics / ${partitions} partitions via CreateTopics in ${(performance.now() - t).toFixed(0)} ms\n`);

  t = performance.now();
  const pending: Promise<{ topics: { partitions: { errorCode: number }[] }[] }>[] = [];
  for (let g = 0; g < GROUPS; g++) {
    const groupId = `bench.group-${g}`;
    const client = clients.get(broker.cluster.groups.coordinatorFor(groupId))!;
    pending.push(
      client.request(ApiKeys.OffsetCommit, 8, {
        groupId,
        generationIdOrMemberEpoch: -1,
        memberId: '',
        groupInstanceId: null,
        topics: [{ name: `bench.topic-${g % TOPICS}`, partitions: [{ partitionIndex: g % PARTITIONS_PER_TOPIC, committedOffset: g, committedLeaderEpoch: -1, committedMetadata: '' }] }],
      }),
    );
    if (pending.length >= 2000) {
      for (const r of await Promise.all(pending.splice(0))) if (r.topics[0].partitions[0].errorCode) throw new Error('commit failed');
    }
  }
  for (const r of await Promise.all(pending)) if (r.topics[0].partitions[0].errorCode) throw new Error('commit failed');
  process.stdout.write(`committed offsets for ${broker.cluster.groups.groups.size} groups via OffsetCommit in ${(performance.now() - t).toFixed(0)} ms\n`);

  global.gc?.();
  const mem = process.memoryUsage();
  process.stdout.write(`RSS: ${mb(mem.rss)} MB (heap used ${mb(mem.heapUsed)} MB)\n`);

  const raw = clients.get(1)!;
  await timeRuns('raw client Metadata v12, 1 topic (baseline)', () =>
    raw.request(ApiKeys.Metadata, 12, { topics: [{ topicId: '00000000000000000000000000000000', name: 'bench.topic-1' }], allowAutoTopicCreation: false, includeTopicAuthorizedOperations: false }),
  );
  await timeRuns('raw client Metadata v12, all topics', async () => {
    const res = await raw.request(ApiKeys.Metadata, 12, { topics: null, allowAutoTopicCreation: false, includeTopicAuthorizedOperations: false });
    if (res.topics.length !== TOPICS) throw new Error(`got ${res.topics.length} topics`);
  });
  const admin = new Kafka({ brokers: broker.bootstrapServers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  await timeRuns('kafkajs fetchTopicMetadata, 1 topic (baseline)', () => admin.fetchTopicMetadata({ topics: ['bench.topic-1'] }));
  await timeRuns('kafkajs fetchTopicMetadata, all topics', async () => {
    const res = await admin.fetchTopicMetadata();
    if (res.topics.length !== TOPICS) throw new Error(`got ${res.topics.length} topics`);
  });
  process.stdout.write(`RSS after metadata runs: ${mb(process.memoryUsage().rss)} MB\n`);
  await admin.disconnect();
  for (const c of clients.values()) c.close();
  await broker.close();
}

main().catch(e => {
  process.stderr.write(`${e.stack ?? e}\n`);
  process.exit(1);
});
