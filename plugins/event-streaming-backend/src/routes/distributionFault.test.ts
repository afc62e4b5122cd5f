import { brokerAdmin } from '../__testUtils__/kafkaAdmin';
import {
  KAFKA_START_TIMEOUT_MS,
  startBackend,
  startTestKafka,
  TEST_DATABASE_IDS,
  TestKafka,
  testDatabases,
  USERS,
} from '../__testUtils__/harness';
import type { EventStreamingServices } from '../services/EventStreamingServices';

jest.setTimeout(240_000);

const TOPIC = 'team-a.fault-orders';
const BASE = '/clusters/dev-local';
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/**
 * A real fault: one broker of a 3-broker Apache Kafka cluster is stopped.
 * The distribution view shows the under-replicated partitions and the moved
 * leaders while every view keeps answering; after the broker is started
 * again, the view recovers. Only Apache Kafka has replication to lose, so
 * this suite runs on it whatever EVENTPORT_TEST_KAFKA says.
 */
describe.each(['apache' as const])('a stopped broker with %s Kafka', kind => {
  const databases = testDatabases();
  let kafka: TestKafka;
  let api: Awaited<ReturnType<typeof startBackend>>['api'];
  let services: EventStreamingServices;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    // Its own cluster: the suite stops a broker, which must not touch the
    // cluster the worker hands to the next suite.
    kafka = await startTestKafka(kind, { brokers: 3, exclusive: true });
    const observer = await brokerAdmin(kafka);
    await observer.create(TOPIC, { 'min.insync.replicas': '1' }, 6, 3);
    await observer.commit('team-a.fault-reader', TOPIC, [0]);
    await observer.close();
    const started = await startBackend({
      knex: await databases.init(TEST_DATABASE_IDS[0]),
      kafka,
      monitoring: { enabled: false },
      overrides: { exposeServices: s => (services = s) },
    });
    api = started.api;
    stop = () => started.backend.stop();
  }, KAFKA_START_TIMEOUT_MS);

  afterAll(async () => {
    await stop?.();
    await kafka?.close();
  });

  async function distribution() {
    const res = await api(USERS.owner).get(
      `${BASE}/distribution?topic=${TOPIC}`,
    );
    expect(res.status).toBe(200);
    return res.body;
  }

  async function until<T>(
    read: () => Promise<T>,
    done: (value: T) => boolean,
    what: string,
  ): Promise<T> {
    const deadline = Date.now() + 90_000;
    let last: T;
    do {
      last = await read();
      if (done(last)) return last;
      await sleep(1000);
    } while (Date.now() < deadline);
    throw new Error(`${what} did not happen in 90 s: ${JSON.stringify(last)}`);
  }

  it('shows under-replicated partitions and moved leaders, keeps answering, and recovers', async () => {
    const healthy = await distribution();
    expect(healthy.underReplicated).toEqual([]);
    expect(healthy.brokers.map((b: any) => b.replicas)).toEqual([6, 6, 6]);
    const ledBy3 = healthy.brokers.find((b: any) => b.nodeId === 3).leaders;
    expect(ledBy3).toBeGreaterThan(0);

    await kafka.apache!.kafka.stopBroker(3);
    try {
      const degraded = await until(
        distribution,
        d =>
          d.underReplicated.length === 6 &&
          d.brokers.find((b: any) => b.nodeId === 3)?.leaders === 0,
        'broker 3 leaving the ISRs',
      );
      expect(degraded.brokers.find((b: any) => b.nodeId === 3)).toMatchObject({
        online: false,
        leaders: 0,
        replicas: 6,
      });
      expect(
        degraded.brokers
          .filter((b: any) => b.nodeId !== 3)
          .reduce((n: number, b: any) => n + b.leaders, 0),
      ).toBe(6);
      expect(degraded.offline).toBe(0);
      expect(degraded.nonPreferredLeaders).toBeGreaterThanOrEqual(ledBy3);
      for (const u of degraded.underReplicated) {
        expect(u.isr).not.toContain(3);
        expect(u.replicas).toContain(3);
      }
      // The other views keep answering while the broker is down.
      const groups = await api(USERS.owner).get(
        `${BASE}/consumer-groups?q=team-a.fault`,
      );
      expect(groups.status).toBe(200);
      expect(groups.body.items.map((g: any) => g.groupId)).toEqual([
        'team-a.fault-reader',
      ]);
      const [report] = await services.sampler.runCycle(Date.now());
      expect(report.partitions).toBeGreaterThanOrEqual(6);
      expect(report.missingPartitions).toBe(0);
      const throughput = await api(USERS.owner).get(
        `${BASE}/topics/${TOPIC}/throughput`,
      );
      expect(throughput.status).toBe(200);
    } finally {
      await kafka.apache!.kafka.startBroker(3);
    }
    const recovered = await until(
      distribution,
      d => d.underReplicated.length === 0,
      'broker 3 rejoining the ISRs',
    );
    expect(recovered.brokers.map((b: any) => b.online)).toEqual([
      true,
      true,
      true,
    ]);
  });
});
