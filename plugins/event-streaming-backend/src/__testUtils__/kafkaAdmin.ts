import { awaitTopics } from '@eventport/devstack';
import { ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import { KafkaBrokers } from '../clients/kafkajsBrokers';
import { commitOffsets } from './commitOffsets';

/**
 * An independent kafkajs admin for tests: it checks the real state on the
 * broker after a route ran, without going through the code under test.
 */
export async function brokerAdmin(kafka: {
  bootstrapServers: string[];
  sasl?: { username: string; password: string };
}) {
  const client = new Kafka({
    clientId: 'test-observer',
    brokers: kafka.bootstrapServers,
    logLevel: logLevel.NOTHING,
    ...(kafka.sasl
      ? { sasl: { mechanism: 'plain' as const, ...kafka.sasl } }
      : {}),
  });
  const admin = client.admin();
  await admin.connect();
  let brokers: KafkaBrokers | undefined;
  return {
    admin,
    async topicNames() {
      return (await admin.listTopics()).sort();
    },
    async partitions(topic: string) {
      const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
      return topics[0].partitions.length;
    },
    async dynamicConfigs(topic: string) {
      const { resources } = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }],
      });
      return Object.fromEntries(
        resources[0].configEntries
          .filter(e => (e as { configSource?: number }).configSource === 1)
          .map(e => [e.configName, e.configValue]),
      );
    },
    async create(
      topic: string,
      configs: Record<string, string> = {},
      partitions = 3,
      replicationFactor = 3,
    ) {
      await admin.createTopics({
        waitForLeaders: false,
        topics: [
          {
            topic,
            numPartitions: partitions,
            replicationFactor,
            configEntries: Object.entries(configs).map(([name, value]) => ({
              name,
              value,
            })),
          },
        ],
      });
      // Every broker must know the topic before the code under test asks.
      await awaitTopics(kafka.bootstrapServers, [topic], { sasl: kafka.sasl });
    },
    /**
     * Commits offsets (by partition, from 0) for a group without members, as
     * a simple consumer does: one OffsetCommit request. kafkajs's
     * `admin.setOffsets` runs a paused consumer and waits for its first
     * fetch, which returns after the fetch's maximum wait: 5 s per call.
     */
    async commit(groupId: string, topic: string, offsets: number[]) {
      brokers ??= new KafkaBrokers(client);
      await commitOffsets(brokers, groupId, [
        {
          topic,
          partitions: offsets.map((offset, partition) => ({
            partition,
            offset: String(offset),
          })),
        },
      ]);
    },
    async close() {
      await brokers?.close();
      await admin.disconnect();
    },
  };
}
