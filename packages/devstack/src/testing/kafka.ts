/**
 * Kafka for integration tests, as a matrix: every suite runs against Apache
 * Kafka (the real stack) and against the embedded in-memory broker, as it
 * runs against PostgreSQL and SQLite.
 *
 *   describe.each(testKafkaKinds())('topic routes with %s Kafka', kind => {
 *     let kafka: TestKafka;
 *     beforeAll(async () => { kafka = await startTestKafka(kind, { brokers: 3 }); }, 240_000);
 *     afterAll(() => kafka.close());
 *   });
 *
 * Apache clusters are expensive to start (10 s for 3 brokers on 2 cores), so
 * each test process keeps one per shape (brokers, SASL) and hands it to the
 * next suite after a reset that deletes every topic and consumer group the
 * previous suite left: each suite starts on an empty cluster, as with a new
 * one. `EVENTPORT_TEST_KAFKA_REUSE=0` starts a new cluster for every suite.
 */
import { Kafka, logLevel } from 'kafkajs';
import { KafkaBrokerHandle, startKafkaBroker } from '../kafka/broker/server';
import { handOverUse, StackHandle, startStack } from '../stack';
import { kafkaInUse, KafkaUseKind } from './kafkaUse';
import { workerState } from './workerState';

// One definition, in the import-free module every test file loads.
export type KafkaKind = KafkaUseKind;

export interface TestKafka {
  kind: KafkaKind;
  /** For test names and messages: "Apache Kafka 4.3.0" or "embedded broker". */
  label: string;
  bootstrapServers: string[];
  brokers: Array<{ nodeId: number; host: string; port: number }>;
  sasl?: { username: string; password: string };
  /** The embedded broker's in-process state (embedded only). */
  embedded?: KafkaBrokerHandle;
  /** The real stack (apache only). */
  apache?: StackHandle;
  close(): Promise<void>;
}

export interface TestKafkaOptions {
  brokers?: number;
  sasl?: { username: string; password: string };
  /** Apache only: heap of each Kafka node in MB (see StackOptions). */
  kafkaHeapMb?: number;
  /**
   * Apache only: a cluster of the suite's own, started for it and stopped
   * with it, never leased from the worker's pool nor handed on: for suites
   * that stop or restart brokers.
   */
  exclusive?: boolean;
}

const KINDS: KafkaKind[] = ['apache', 'embedded'];

/**
 * The kinds to test against: `EVENTPORT_TEST_KAFKA` (a comma list), or both.
 * A kind that cannot start fails its suites with the reason; it is never
 * skipped.
 */
export function testKafkaKinds(): KafkaKind[] {
  const raw = process.env.EVENTPORT_TEST_KAFKA;
  if (!raw) return [...KINDS];
  const kinds = raw
    .split(',')
    .map(s => s.trim())
    .filter(Boolean);
  const unknown = kinds.filter(k => !KINDS.includes(k as KafkaKind));
  if (unknown.length || kinds.length === 0) {
    throw new Error(
      `EVENTPORT_TEST_KAFKA takes a comma list of ${KINDS.join(
        ', ',
      )}, got '${raw}'`,
    );
  }
  return kinds as KafkaKind[];
}

interface Pooled {
  stack: StackHandle;
  leased: boolean;
}

// One pool per test process, for every test file it runs (see workerState).
function pool(): Map<string, Pooled> {
  return workerState('testKafkaPool', () => new Map<string, Pooled>());
}

function adminFor(bootstrapServers: string[], sasl?: TestKafkaOptions['sasl']) {
  return new Kafka({
    clientId: 'eventport-test-reset',
    brokers: bootstrapServers,
    logLevel: logLevel.NOTHING,
    ...(sasl ? { sasl: { mechanism: 'plain' as const, ...sasl } } : {}),
  }).admin();
}

/** Deletes every topic (but Kafka's and Connect's own) and every consumer group. */
export async function resetCluster(
  bootstrapServers: string[],
  sasl?: TestKafkaOptions['sasl'],
): Promise<void> {
  const admin = adminFor(bootstrapServers, sasl);
  await admin.connect();
  try {
    const { groups } = await admin.listGroups();
    if (groups.length) {
      await admin.deleteGroups(groups.map(g => g.groupId)).catch(() => {});
    }
    const userTopics = (await admin.listTopics()).filter(
      t => !t.startsWith('_'),
    );
    if (userTopics.length) {
      await admin.deleteTopics({ topics: userTopics, timeout: 30_000 });
      // Brokers learn of deletions asynchronously: wait until several
      // answers in a row (from random brokers) no longer list them.
      const deadline = Date.now() + 30_000;
      let clean = 0;
      while (Date.now() < deadline && clean < 5) {
        const left = (await admin.listTopics()).filter(t =>
          userTopics.includes(t),
        );
        clean = left.length === 0 ? clean + 1 : 0;
        await new Promise(r => setTimeout(r, 50));
      }
    }
  } finally {
    await admin.disconnect();
  }
}

async function apacheKafka(options: TestKafkaOptions): Promise<TestKafka> {
  const brokers = options.brokers ?? 1;
  const key = `${brokers}:${
    options.sasl ? `${options.sasl.username}:${options.sasl.password}` : ''
  }:${options.kafkaHeapMb ?? ''}`;
  const reuse =
    process.env.EVENTPORT_TEST_KAFKA_REUSE !== '0' && !options.exclusive;
  let entry = reuse ? pool().get(key) : undefined;
  if (entry && entry.leased) entry = undefined;
  if (entry) {
    try {
      await resetCluster(entry.stack.kafka.bootstrapServers, options.sasl);
    } catch (error) {
      // A cluster that cannot be emptied is replaced, not handed on.
      process.stderr.write(
        `reset of the pooled Kafka cluster failed (${
          (error as Error).message
        }); starting a new one\n`,
      );
      pool().delete(key);
      await entry.stack.stop();
      entry = undefined;
    }
  }
  if (!entry) {
    // Keep one idle cluster per test process: 2 cores do not carry several.
    // (A suite's exclusive cluster is gone with the suite.)
    for (const [otherKey, other] of reuse ? pool() : []) {
      if (!other.leased) {
        pool().delete(otherKey);
        await other.stack.stop();
      }
    }
    const stack = await startStack({
      brokers,
      sasl: options.sasl,
      kafkaHeapMb: options.kafkaHeapMb,
    });
    // In use while leased, not while pooled (see kafkaUse).
    handOverUse(stack);
    entry = { stack, leased: false };
    if (reuse && !pool().has(key)) {
      pool().set(key, entry);
      // Kept until the test process exits, which must not wait for it.
      stack.unref();
    }
  }
  entry.leased = true;
  const leased = entry;
  const pooled = pool().get(key) === leased;
  const endUse = kafkaInUse('apache');
  return {
    kind: 'apache',
    label: `Apache Kafka ${leased.stack.versions.kafka}`,
    bootstrapServers: leased.stack.kafka.bootstrapServers,
    brokers: leased.stack.kafka.brokers,
    sasl: options.sasl,
    apache: leased.stack,
    async close() {
      endUse();
      leased.leased = false;
      // A pooled cluster stays up for the next suite; the process's exit ends it.
      if (!pooled) await leased.stack.stop();
    },
  };
}

async function embeddedKafka(options: TestKafkaOptions): Promise<TestKafka> {
  const broker = await startKafkaBroker({
    port: 0,
    brokers: options.brokers ?? 1,
    sasl: options.sasl,
    // As on the Apache test brokers (group.initial.rebalance.delay.ms=0).
    groupInitialRebalanceDelayMs: 0,
  });
  return {
    kind: 'embedded',
    label: 'embedded broker',
    bootstrapServers: broker.bootstrapServers,
    brokers: broker.brokers,
    sasl: options.sasl,
    embedded: broker,
    close: () => broker.close(),
  };
}

/** A Kafka cluster of the given kind, empty, with `brokers` brokers (default 1). */
export function startTestKafka(
  kind: KafkaKind,
  options: TestKafkaOptions = {},
): Promise<TestKafka> {
  return kind === 'apache' ? apacheKafka(options) : embeddedKafka(options);
}

/** How long a `beforeAll` that starts Kafka may take: a cold Apache cluster on 2 busy cores. */
export const KAFKA_START_TIMEOUT_MS = 240_000;
