import { mockServices } from '@backstage/backend-test-utils';
import { ServiceUnavailableError } from '@backstage/errors';
import {
  KAFKA_START_TIMEOUT_MS,
  startTestKafka,
  TestKafka,
  testKafkaKinds,
} from '@eventport/devstack';
import { brokerAdmin } from '../__testUtils__/kafkaAdmin';
import { readFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { KafkajsAdmin } from './KafkajsAdmin';

function cluster(brokers: string[]) {
  return { name: 'dev-local', environment: 'dev' as const, brokers, links: {} };
}

/** A TCP proxy in front of one broker that counts the connections it carries. */
async function countingProxy(target: number) {
  let connections = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer(client => {
    connections += 1;
    const upstream = net.connect(target, '127.0.0.1');
    sockets.add(client).add(upstream);
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as net.AddressInfo).port,
    connections: () => connections,
    close: async () => {
      sockets.forEach(s => s.destroy());
      await new Promise(r => server.close(r));
    },
  };
}

/**
 * A TCP proxy in front of one broker that can stall: while stalled, it
 * accepts connections and never answers (as a broker too busy to finish the
 * handshake); afterwards it passes new connections through.
 */
async function stallingProxy(target: number) {
  let stalled = true;
  const sockets = new Set<net.Socket>();
  const server = net.createServer(client => {
    sockets.add(client);
    client.on('error', () => {});
    if (stalled) return;
    const upstream = net.connect(target, '127.0.0.1');
    sockets.add(upstream);
    client.pipe(upstream).pipe(client);
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as net.AddressInfo).port,
    recover: () => {
      stalled = false;
    },
    close: async () => {
      sockets.forEach(s => s.destroy());
      await new Promise(r => server.close(r));
    },
  };
}

jest.setTimeout(30_000);

/**
 * The topic's ID as the broker itself stores it, read without Eventport's
 * client: Apache Kafka writes it to `partition.metadata` in each partition's
 * log directory; the embedded broker keeps it (hex) in its state.
 */
async function storedTopicId(kafka: TestKafka, topic: string) {
  if (kafka.embedded) {
    const hex = kafka.embedded.cluster.topics.get(topic)?.id;
    return hex && Buffer.from(hex, 'hex').toString('base64url');
  }
  const file = path.join(
    kafka.apache!.runDir,
    `kafka-${kafka.brokers[0].nodeId}`,
    'data',
    `${topic}-0`,
    'partition.metadata',
  );
  // The broker writes the file shortly after it creates the partition.
  for (let i = 0; i < 150; i++) {
    const text = await readFile(file, 'utf8').catch(error => {
      if (error?.code === 'ENOENT') return '';
      throw error;
    });
    const id = /topic_id: (\S+)/.exec(text)?.[1];
    if (id) return id;
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error(`${file} holds no topic_id after 15 s`);
}

describe.each(testKafkaKinds())('KafkajsAdmin, with %s Kafka', kind => {
  let kafka: TestKafka;
  beforeAll(async () => {
    kafka = await startTestKafka(kind, { brokers: 1 });
  }, KAFKA_START_TIMEOUT_MS);
  afterAll(async () => {
    await kafka?.close();
  });

  it('reads topic IDs as the broker stores them, and deletes by ID only the topic that has it', async () => {
    const observer = await brokerAdmin(kafka);
    const admin = KafkajsAdmin.create({
      cluster: cluster(kafka.bootstrapServers),
      logger: mockServices.logger.mock(),
    });
    try {
      await observer.create('team-a.reborn', {}, 1, 1);
      const first = await admin.topicId('team-a.reborn');
      expect(first).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(await storedTopicId(kafka, 'team-a.reborn')).toBe(first);

      // Deleted and created again under the same name: a new topic, a new ID.
      await admin.deleteTopic('team-a.reborn');
      await observer.create('team-a.reborn', {}, 1, 1);
      const second = await admin.topicId('team-a.reborn');
      expect(second).not.toBe(first);
      expect(await storedTopicId(kafka, 'team-a.reborn')).toBe(second);

      await expect(
        admin.deleteTopic('team-a.reborn', { topicId: first }),
      ).rejects.toMatchObject({
        name: 'ConflictError',
        message: expect.stringMatching(/its ID is .* not .*it was not deleted/),
      });
      expect(await observer.topicNames()).toContain('team-a.reborn');

      await admin.deleteTopic('team-a.reborn', { topicId: second });
      expect(await observer.topicNames()).not.toContain('team-a.reborn');
      await expect(admin.topicId('team-a.reborn')).rejects.toMatchObject({
        name: 'NotFoundError',
      });
      await expect(
        admin.deleteTopic('team-a.reborn', { topicId: second }),
      ).rejects.toMatchObject({ name: 'NotFoundError' });
    } finally {
      await admin.close();
      await observer.close();
    }
  });

  it('reuses its connections across requests', async () => {
    // With one broker the proxy carries every connection the admin opens.
    const observer = await brokerAdmin(kafka);
    await observer.create('team-a.reuse', {}, 1, 1);
    await observer.close();
    const proxy = await countingProxy(kafka.brokers[0].port);
    const admin = KafkajsAdmin.create({
      cluster: cluster([`localhost:${proxy.port}`]),
      logger: mockServices.logger.mock(),
    });
    try {
      await admin.listTopics();
      await admin.describeTopic('team-a.reuse');
      const afterWarmUp = proxy.connections();
      for (let i = 0; i < 10; i++) {
        await admin.listTopics();
        await admin.describeTopicConfigs(['team-a.reuse']);
        await admin.fetchTopicOffsets('team-a.reuse');
      }
      expect(afterWarmUp).toBeGreaterThan(0);
      expect(proxy.connections()).toBe(afterWarmUp);
    } finally {
      await admin.close();
      await proxy.close();
    }
  });

  it('recovers once a broker that stalled during the handshake answers again', async () => {
    // kafkajs 2.2 would keep such a broker "connected" without its request
    // versions and fail every later request with "Broker not connected".
    const proxy = await stallingProxy(kafka.brokers[0].port);
    const admin = KafkajsAdmin.create({
      cluster: cluster([`127.0.0.1:${proxy.port}`]),
      logger: mockServices.logger.mock(),
      timeouts: { connectionMs: 500, requestMs: 500, operationMs: 3000 },
    });
    try {
      const stalled = await admin.listTopics().catch(e => e);
      expect(stalled).toBeInstanceOf(ServiceUnavailableError);
      const stalledWrite = await admin
        .createTopic({
          name: 'team-a.after-stall',
          partitions: 1,
          replicationFactor: 1,
          configs: {},
        })
        .catch(e => e);
      expect(stalledWrite).toBeInstanceOf(ServiceUnavailableError);

      proxy.recover();
      expect((await admin.listTopics()).map(t => t.name)).toContain(
        'team-a.reuse',
      );
      await admin.createTopic({
        name: 'team-a.after-stall',
        partitions: 1,
        replicationFactor: 1,
        configs: {},
      });
      expect((await admin.describeTopic('team-a.after-stall')).name).toBe(
        'team-a.after-stall',
      );
    } finally {
      await admin.close();
      await proxy.close();
    }
  });

  it('gives up with 503 when a broker accepts connections but never answers', async () => {
    const sockets = new Set<net.Socket>();
    const blackhole = net.createServer(s => void sockets.add(s));
    await new Promise<void>(r => blackhole.listen(0, '127.0.0.1', r));
    const port = (blackhole.address() as net.AddressInfo).port;
    const admin = KafkajsAdmin.create({
      cluster: cluster([`127.0.0.1:${port}`]),
      logger: mockServices.logger.mock(),
      timeouts: { connectionMs: 300, requestMs: 300, operationMs: 1500 },
    });
    const started = Date.now();
    const error = await admin.listTopics().catch(e => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.message).toMatch(/dev-local' is unavailable/);
    expect(Date.now() - started).toBeLessThan(10_000);
    await admin.close();
    sockets.forEach(s => s.destroy());
    await new Promise(r => blackhole.close(r));
  });
});
