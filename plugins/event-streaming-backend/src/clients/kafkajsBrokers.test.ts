import {
  KAFKA_START_TIMEOUT_MS,
  startTestKafka,
  TestKafka,
  testKafkaKinds,
} from '@eventport/devstack';
import { ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import { brokerAdmin } from '../__testUtils__/kafkaAdmin';
import { EARLIEST, KafkaBrokers, LATEST } from './kafkajsBrokers';

jest.setTimeout(30_000);

/**
 * KafkaBrokers reaches into kafkajs 2.2.4's private createCluster; these
 * tests pin what it relies on, against a real 3-broker cluster of each kind.
 */
describe.each(testKafkaKinds())('KafkaBrokers, with %s Kafka', kind => {
  let kafka: TestKafka;
  let brokers: KafkaBrokers;
  beforeAll(async () => {
    kafka = await startTestKafka(kind, { brokers: 3 });
    const observer = await brokerAdmin(kafka);
    await observer.create(
      'team-a.offsets',
      { 'retention.ms': '3600000' },
      3,
      3,
    );
    await observer.close();
    const producer = new Kafka({
      clientId: 'test-producer',
      brokers: kafka.bootstrapServers,
      logLevel: logLevel.NOTHING,
    }).producer();
    await producer.connect();
    await producer.send({
      topic: 'team-a.offsets',
      messages: [0, 0, 0, 1, 2, 2].map(partition => ({
        partition,
        value: 'x',
      })),
    });
    await producer.disconnect();
    brokers = new KafkaBrokers(
      new Kafka({
        clientId: 'test-brokers',
        brokers: kafka.bootstrapServers,
        logLevel: logLevel.NOTHING,
      }),
    );
  }, KAFKA_START_TIMEOUT_MS);
  afterAll(async () => {
    await brokers?.close();
    await kafka?.close();
  });

  it('knows every broker and asks each one for metadata', async () => {
    expect(await brokers.nodeIds()).toHaveLength(3);
    const answers = await brokers.metadataOfEach(['team-a.offsets']);
    expect(answers).toHaveLength(3);
    for (const answer of answers) {
      expect(answer).not.toBe('unknown-topic');
      const [topic] = (answer as Exclude<typeof answer, string>).topicMetadata;
      expect(topic.topic).toBe('team-a.offsets');
      expect(topic.partitionMetadata.map(p => p.partitionId).sort()).toEqual([
        0, 1, 2,
      ]);
    }
    expect(await brokers.metadataOfEach(['team-a.never'])).toEqual([
      'unknown-topic',
      'unknown-topic',
      'unknown-topic',
    ]);
  });

  it('reads offsets from each partition leader', async () => {
    const { topicMetadata } = await brokers.metadata(['team-a.offsets']);
    const partitions = topicMetadata[0].partitionMetadata;
    const latest = await brokers.listOffsets(
      'team-a.offsets',
      partitions,
      LATEST,
    );
    const earliest = await brokers.listOffsets(
      'team-a.offsets',
      partitions,
      EARLIEST,
    );
    expect(Object.fromEntries(latest)).toEqual({ 0: '3', 1: '1', 2: '2' });
    expect(Object.fromEntries(earliest)).toEqual({ 0: '0', 1: '0', 2: '0' });
  });

  it('describes topic configs from any broker, with their source', async () => {
    for (const nodeId of await brokers.nodeIds()) {
      const { resources } = await brokers.describeConfigs(
        [{ type: ConfigResourceTypes.TOPIC, name: 'team-a.offsets' }],
        nodeId,
      );
      const retention = resources[0].configEntries.find(
        e => e.configName === 'retention.ms',
      );
      expect([retention?.configValue, retention?.configSource]).toEqual([
        '3600000',
        1,
      ]);
    }
  });
});
