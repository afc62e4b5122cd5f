import { CompressionTypes } from 'kafkajs';
import { ApiKeys } from './protocol/generated';
import { ErrorCode } from './protocol/errors';
import { startTestCluster } from './testUtils';

describe('kafka broker core path (kafkajs over real sockets)', () => {
  let ctx: Awaited<ReturnType<typeof startTestCluster>>;
  beforeAll(async () => {
    ctx = await startTestCluster();
  });
  afterAll(async () => {
    await ctx.broker.close();
  });

  it('starts 3 brokers with node ids 1..3 and a controller', async () => {
    expect(ctx.broker.brokers.map(b => b.nodeId)).toEqual([1, 2, 3]);
    expect(ctx.broker.bootstrapServers).toHaveLength(3);
    const admin = ctx.kafka().admin();
    await admin.connect();
    const cluster = await admin.describeCluster();
    expect(cluster.brokers.map(b => b.nodeId).sort()).toEqual([1, 2, 3]);
    expect(cluster.controller).toBe(1);
    expect(cluster.clusterId).toBe(ctx.broker.cluster.clusterId);
    await admin.disconnect();
  });

  it('creates topics with round-robin replica assignment and validates requests', async () => {
    const admin = ctx.kafka().admin();
    await admin.connect();
    expect(await admin.createTopics({ topics: [{ topic: 'core.t1', numPartitions: 6, replicationFactor: 2 }] })).toBe(true);
    const md = await admin.fetchTopicMetadata({ topics: ['core.t1'] });
    const parts = md.topics[0].partitions.sort((a, b) => a.partitionId - b.partitionId);
    expect(parts).toHaveLength(6);
    const leaders = parts.map(p => p.leader);
    expect(new Set(leaders)).toEqual(new Set([1, 2, 3]));
    for (const p of parts) {
      expect(p.replicas).toHaveLength(2);
      expect(new Set(p.replicas).size).toBe(2);
      expect(p.replicas[0]).toBe(p.leader);
    }
    // already exists: kafkajs returns false when the only error is TOPIC_ALREADY_EXISTS
    expect(await admin.createTopics({ topics: [{ topic: 'core.t1' }] })).toBe(false);
    await expect(admin.createTopics({ topics: [{ topic: 'bad/name' }] })).rejects.toMatchObject({
      errors: [expect.objectContaining({ type: 'INVALID_TOPIC_EXCEPTION' })],
    });
    await expect(admin.createTopics({ topics: [{ topic: 'x'.repeat(250) }] })).rejects.toMatchObject({
      errors: [expect.objectContaining({ type: 'INVALID_TOPIC_EXCEPTION' })],
    });
    await expect(admin.createTopics({ topics: [{ topic: '..' }] })).rejects.toMatchObject({
      errors: [expect.objectContaining({ type: 'INVALID_TOPIC_EXCEPTION' })],
    });
    await expect(
      admin.createTopics({ topics: [{ topic: 'core.rf', replicationFactor: 4 }] }),
    ).rejects.toMatchObject({ errors: [expect.objectContaining({ type: 'INVALID_REPLICATION_FACTOR' })] });
    await expect(
      admin.createTopics({ topics: [{ topic: 'core.cfg', configEntries: [{ name: 'retention.ms', value: 'soon' }] }] }),
    ).rejects.toMatchObject({ errors: [expect.objectContaining({ type: 'INVALID_CONFIG' })] });
    await expect(
      admin.createTopics({ topics: [{ topic: 'core.cfg', configEntries: [{ name: 'no.such.config', value: '1' }] }] }),
    ).rejects.toMatchObject({ errors: [expect.objectContaining({ type: 'INVALID_CONFIG' })] });
    // validateOnly creates nothing
    expect(await admin.createTopics({ validateOnly: true, waitForLeaders: false, topics: [{ topic: 'core.validate', numPartitions: 2 }] })).toBe(true);
    expect(ctx.broker.cluster.topics.has('core.validate')).toBe(false);
    // manual assignment
    await admin.createTopics({ topics: [{ topic: 'core.manual', replicaAssignment: [{ partition: 0, replicas: [3, 1] }, { partition: 1, replicas: [2, 3] }] }] });
    const manual = ctx.broker.cluster.topics.get('core.manual')!;
    expect(manual.partitions.map(p => p.replicas)).toEqual([[3, 1], [2, 3]]);
    await admin.disconnect();
  });

  it('deletes topics and grows partitions only upwards', async () => {
    const admin = ctx.kafka().admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'core.grow', numPartitions: 2, replicationFactor: 3 }, { topic: 'core.del' }] });
    await admin.createPartitions({ topicPartitions: [{ topic: 'core.grow', count: 5 }] });
    expect(ctx.broker.cluster.topics.get('core.grow')!.partitions).toHaveLength(5);
    await expect(admin.createPartitions({ topicPartitions: [{ topic: 'core.grow', count: 3 }] })).rejects.toMatchObject({
      type: 'INVALID_PARTITIONS',
    });
    await expect(
      admin.createPartitions({ topicPartitions: [{ topic: 'core.grow', count: 6, assignments: [[1, 1, 2]] }] }),
    ).rejects.toMatchObject({ type: 'INVALID_REPLICA_ASSIGNMENT' });
    await admin.createPartitions({ topicPartitions: [{ topic: 'core.grow', count: 6, assignments: [[2, 3, 1]] }] });
    expect(ctx.broker.cluster.topics.get('core.grow')!.partitions[5].replicas).toEqual([2, 3, 1]);
    await admin.deleteTopics({ topics: ['core.del'] });
    expect((await admin.listTopics()).includes('core.del')).toBe(false);
    await expect(admin.deleteTopics({ topics: ['core.del'] })).rejects.toBeDefined();
    await admin.disconnect();
  });

  it('produces (gzip, idempotent) and consumes, with offsets and timestamps', async () => {
    const kafka = ctx.kafka();
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'core.data', numPartitions: 1, replicationFactor: 3 }] });
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const t0 = Date.now() - 10_000;
    const r1 = await producer.send({
      topic: 'core.data',
      compression: CompressionTypes.GZIP,
      messages: [0, 1, 2].map(i => ({ key: `k${i}`, value: JSON.stringify({ i }), timestamp: String(t0 + i * 1000) })),
    });
    expect(r1[0]).toMatchObject({ errorCode: 0, baseOffset: '0' });
    const r2 = await producer.send({
      topic: 'core.data',
      messages: [3, 4].map(i => ({ key: `k${i}`, value: JSON.stringify({ i }), timestamp: String(t0 + i * 1000) })),
    });
    expect(r2[0]).toMatchObject({ errorCode: 0, baseOffset: '3' });
    expect(await admin.fetchTopicOffsets('core.data')).toEqual([{ partition: 0, offset: '5', high: '5', low: '0' }]);
    // by timestamp: uncompressed batch gives the exact record; compressed gives its batch start
    expect(await admin.fetchTopicOffsetsByTimestamp('core.data', t0 + 3500)).toEqual([{ partition: 0, offset: '4' }]);
    expect(await admin.fetchTopicOffsetsByTimestamp('core.data', t0 - 1)).toEqual([{ partition: 0, offset: '0' }]);
    // no record that late: the broker answers -1 and kafkajs substitutes the latest offset
    expect(await admin.fetchTopicOffsetsByTimestamp('core.data', Date.now() + 60_000)).toEqual([{ partition: 0, offset: '5' }]);

    const consumer = kafka.consumer({ groupId: 'core.reader', maxWaitTimeInMs: 200 });
    await consumer.connect();
    await consumer.subscribe({ topics: ['core.data'], fromBeginning: true });
    const seen: string[] = [];
    await new Promise<void>(resolve => {
      consumer.run({
        eachMessage: async ({ message }) => {
          seen.push(`${message.offset}:${message.key}:${message.value}`);
          if (seen.length === 5) resolve();
        },
      });
    });
    expect(seen).toEqual([0, 1, 2, 3, 4].map(i => `${i}:k${i}:{"i":${i}}`));
    await consumer.disconnect();
    await producer.disconnect();
    await admin.disconnect();
  });

  it('detects duplicate idempotent batches and rejects oversized ones', async () => {
    const cluster = ctx.broker.cluster;
    cluster.createTopic({ name: 'core.dup', numPartitions: 1, replicationFactor: 1, configs: [['max.message.bytes', '2000']] });
    const leader = cluster.topics.get('core.dup')!.partitions[0].leader;
    const producer = ctx.kafka().producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    await producer.send({ topic: 'core.dup', messages: [{ value: 'a' }] });
    const log = cluster.topics.get('core.dup')!.partitions[0].log;
    const stored = log.batches[0];
    // replay the exact stored batch (same producer id/epoch/sequence) through the raw client
    const client = await ctx.raw(leader);
    const batch = Buffer.from(stored.data);
    const res = await client.request(ApiKeys.Produce, 7, {
      transactionalId: null,
      acks: -1,
      timeoutMs: 1000,
      topicData: [{ name: 'core.dup', partitionData: [{ index: 0, records: batch }] }],
    });
    expect(res.responses[0].partitionResponses[0]).toMatchObject({ errorCode: 0, baseOffset: 0 });
    expect(log.nextOffset).toBe(1);
    await expect(
      producer.send({ topic: 'core.dup', messages: [{ value: 'x'.repeat(5000) }] }),
    ).rejects.toMatchObject({ type: 'MESSAGE_TOO_LARGE' });
    client.close();
    await producer.disconnect();
  });

  it('answers NOT_LEADER_OR_FOLLOWER from a broker that does not lead the partition', async () => {
    const cluster = ctx.broker.cluster;
    cluster.createTopic({ name: 'core.leader', numPartitions: 1, replicationFactor: 1 });
    const leader = cluster.topics.get('core.leader')!.partitions[0].leader;
    const other = cluster.brokers.find(b => b.nodeId !== leader)!.nodeId;
    const client = await ctx.raw(other);
    const produce = await client.request(ApiKeys.Produce, 9, {
      transactionalId: null,
      acks: 1,
      timeoutMs: 1000,
      topicData: [{ name: 'core.leader', partitionData: [{ index: 0, records: null }] }],
    });
    expect(produce.responses[0].partitionResponses[0].errorCode).toBe(ErrorCode.NOT_LEADER_OR_FOLLOWER);
    const fetch = await client.request(ApiKeys.Fetch, 11, {
      replicaId: -1,
      maxWaitMs: 0,
      minBytes: 1,
      topics: [{ topic: 'core.leader', partitions: [{ partition: 0, fetchOffset: 0, partitionMaxBytes: 1024 }] }],
      forgottenTopicsData: [],
    });
    expect(fetch.responses[0].partitions[0].errorCode).toBe(ErrorCode.NOT_LEADER_OR_FOLLOWER);
    const offsets = await client.request(ApiKeys.ListOffsets, 5, {
      replicaId: -1,
      topics: [{ name: 'core.leader', partitions: [{ partitionIndex: 0, timestamp: -1 }] }],
    });
    expect(offsets.topics[0].partitions[0].errorCode).toBe(ErrorCode.NOT_LEADER_OR_FOLLOWER);
    client.close();
  });

  it('fetch long-polls until data arrives and reports OFFSET_OUT_OF_RANGE', async () => {
    const cluster = ctx.broker.cluster;
    cluster.createTopic({ name: 'core.poll', numPartitions: 1, replicationFactor: 1 });
    const leader = cluster.topics.get('core.poll')!.partitions[0].leader;
    const client = await ctx.raw(leader);
    const fetchReq = (offset: number, maxWaitMs: number) =>
      client.request(ApiKeys.Fetch, 12, {
        replicaId: -1,
        maxWaitMs,
        minBytes: 1,
        maxBytes: 1 << 20,
        topics: [{ topic: 'core.poll', partitions: [{ partition: 0, fetchOffset: offset, partitionMaxBytes: 1 << 20 }] }],
        forgottenTopicsData: [],
      });
    const started = Date.now();
    const empty = await fetchReq(0, 300);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(empty.responses[0].partitions[0]).toMatchObject({ errorCode: 0, highWatermark: 0 });
    const pending = fetchReq(0, 5000);
    const producer = ctx.kafka().producer();
    await producer.connect();
    const sendAt = Date.now();
    await producer.send({ topic: 'core.poll', messages: [{ value: 'wake' }] });
    const res = await pending;
    expect(Date.now() - sendAt).toBeLessThan(2000);
    expect(res.responses[0].partitions[0].highWatermark).toBe(1);
    expect(res.responses[0].partitions[0].records.length).toBeGreaterThan(61);
    const oor = await fetchReq(5, 0);
    expect(oor.responses[0].partitions[0].errorCode).toBe(ErrorCode.OFFSET_OUT_OF_RANGE);
    await producer.disconnect();
    client.close();
  });

  it('does not auto-create topics unless enabled', async () => {
    const admin = ctx.kafka().admin();
    await admin.connect();
    await expect(admin.fetchTopicMetadata({ topics: ['core.nope'] })).rejects.toMatchObject({
      type: 'UNKNOWN_TOPIC_OR_PARTITION',
    });
    await admin.disconnect();
    const auto = await startTestCluster({ autoCreateTopics: true, brokers: 1 });
    const producer = auto.kafka().producer();
    await producer.connect();
    await producer.send({ topic: 'auto.created', messages: [{ value: 'v' }] });
    expect(auto.broker.cluster.topics.get('auto.created')!.partitions).toHaveLength(1);
    await producer.disconnect();
    await auto.broker.close();
  });
});
