/**
 * Demo traffic over real sockets with kafkajs: a producer writing a few JSON
 * messages per second, one consumer group that keeps up and one that lags.
 */
import { Kafka, logLevel, Producer, Consumer, SASLOptions } from 'kafkajs';
import { awaitTopics } from '../metadata';
import { SEED_TOPICS } from './topics';

export interface SeedOptions {
  bootstrapServers: string[];
  sasl?: { username: string; password: string };
  /** messages per second across all demo topics (default 4) */
  rate?: number;
  log?: (message: string) => void;
}

export interface SeedHandle {
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/**
 * Runs one setup step, again when Kafka answers with an error it marks
 * retriable (UNKNOWN_TOPIC_OR_PARTITION, LEADER_NOT_AVAILABLE, ...): on Apache
 * Kafka a broker can lag behind the metadata log for a moment after topics
 * are created, more so while other JVMs start beside it. A failure names the
 * step.
 */
async function step<T>(what: string, fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      const retriable = (e as { retriable?: boolean }).retriable === true;
      if (!retriable || attempt >= 5) {
        throw new Error(`${what}: ${(e as Error).message}`);
      }
      await sleep(500 * attempt);
    }
  }
}

function message(topic: string, n: number) {
  if (topic.startsWith('team-a.payments')) {
    const id = `pay-${n}`;
    return {
      key: id,
      value: JSON.stringify({
        paymentId: id,
        amountCents: 100 + ((n * 37) % 9000),
        currency: 'EUR',
        status: 'AUTHORIZED',
      }),
    };
  }
  if (topic.startsWith('team-b.shipments')) {
    const id = `shp-${n % 500}`;
    return {
      key: id,
      value: JSON.stringify({
        shipmentId: id,
        carrier: ['DHL', 'UPS', 'PostNL'][n % 3],
        status: ['CREATED', 'IN_TRANSIT', 'DELIVERED'][n % 3],
      }),
    };
  }
  const id = `cust-${n % 50}`;
  return {
    key: id,
    value: JSON.stringify({
      customerId: id,
      tier: ['bronze', 'silver', 'gold'][n % 3],
      updatedAt: new Date().toISOString(),
    }),
  };
}

export async function startSeedTraffic(
  options: SeedOptions,
): Promise<SeedHandle> {
  process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
  const sasl: SASLOptions | undefined = options.sasl
    ? { mechanism: 'plain', ...options.sasl }
    : undefined;
  const kafka = new Kafka({
    clientId: 'devstack-seed',
    brokers: options.bootstrapServers,
    sasl,
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await step('connecting the seed admin', () => admin.connect());
  const existing = new Set(
    await step('listing topics', () => admin.listTopics()),
  );
  const brokerCount = (
    await step('describing the cluster', () => admin.describeCluster())
  ).brokers.length;
  const missing = SEED_TOPICS.filter(t => !existing.has(t.name));
  if (missing.length) {
    await step('creating the demo topics', () =>
      admin.createTopics({
        topics: missing.map(t => ({
          topic: t.name,
          numPartitions: t.partitions,
          replicationFactor: Math.min(t.replicationFactor, brokerCount),
          configEntries: Object.entries(t.configs ?? {}).map(
            ([name, value]) => ({ name, value }),
          ),
        })),
      }),
    );
    await awaitTopics(
      options.bootstrapServers,
      missing.map(t => t.name),
      { sasl: options.sasl },
    );
  }
  await admin.disconnect();

  const state = { running: true };
  const producer: Producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
  });
  await step('connecting the demo producer', () => producer.connect());
  const targets = [
    'team-a.payments-v1',
    'team-b.shipments-v1',
    'team-a.customer-profiles',
  ];
  const interval = 1000 / (options.rate ?? 4);
  const produceLoop = (async () => {
    let n = 0;
    while (state.running) {
      const topic = targets[n % targets.length];
      try {
        await producer.send({ topic, messages: [message(topic, n)] });
      } catch (e) {
        options.log?.(`seed producer: ${(e as Error).message}`);
      }
      n++;
      await sleep(interval);
    }
  })();

  const consumers: Consumer[] = [];
  // keeps up with team-a.payments-v1
  const fast = kafka.consumer({ groupId: 'team-a.payments-processor' });
  // reads team-b.shipments-v1 at a fraction of the produce rate, so its lag grows steadily
  const slow = kafka.consumer({ groupId: 'team-b.shipments-analytics' });
  for (const [consumer, group, topic, delayMs] of [
    [fast, 'team-a.payments-processor', 'team-a.payments-v1', 0],
    [
      slow,
      'team-b.shipments-analytics',
      'team-b.shipments-v1',
      interval * targets.length * 2,
    ],
  ] as const) {
    await step(`connecting consumer group ${group}`, () => consumer.connect());
    await step(`subscribing ${group} to ${topic}`, () =>
      consumer.subscribe({ topics: [topic], fromBeginning: true }),
    );
    await step(`starting ${group}`, () =>
      consumer.run({
        eachMessage: async () => {
          if (delayMs && state.running) await sleep(delayMs);
        },
      }),
    );
    consumers.push(consumer);
  }
  options.log?.(
    `seed: ${SEED_TOPICS.length} topics, producing ~${options.rate ?? 4} msg/s`,
  );
  return {
    async stop() {
      state.running = false;
      await produceLoop;
      await Promise.all(consumers.map(c => c.disconnect().catch(() => {})));
      await producer.disconnect().catch(() => {});
    },
  };
}
