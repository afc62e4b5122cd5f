import { ConfigResourceTypes } from 'kafkajs';
import { BrokerMetadata, KafkaBrokers } from './kafkajsBrokers';

/**
 * Read-your-writes for `KafkajsAdmin`. Apache Kafka propagates metadata and
 * configs to brokers asynchronously: for a moment after CreateTopics,
 * CreatePartitions, DeleteTopics or AlterConfigs succeeds, a broker may
 * still answer UNKNOWN_TOPIC_OR_PARTITION, the old partition count, a
 * deleted topic or the old configs. These checks ask every broker once, so
 * that a write can wait until any later read, whichever broker answers it,
 * sees it. Brokers that cannot be reached are skipped: they serve no reads
 * either.
 */

export type Partition =
  BrokerMetadata['topicMetadata'][number]['partitionMetadata'][number];

/** Kafka's DescribeConfigs source of a dynamic topic config. */
export const DYNAMIC_TOPIC_CONFIG = 1;

/** True when the topic has (at least) `count` partitions, each with a leader. */
export function hasLeaders(partitions: Partition[] | undefined, count: number) {
  return (
    !!partitions &&
    partitions.length >= count &&
    partitions.every(p => p.leader >= 0)
  );
}

/**
 * Whether every reachable broker's view of the topic's partitions (undefined
 * where the broker does not know the topic) satisfies `done`.
 */
export async function everyBrokerShows(
  brokers: KafkaBrokers,
  topic: string,
  done: (partitions: Partition[] | undefined) => boolean,
): Promise<boolean> {
  const answers = await brokers.metadataOfEach([topic]);
  return answers
    .filter(answer => answer !== 'unreachable')
    .map(answer =>
      answer === 'unknown-topic'
        ? undefined
        : answer.topicMetadata.find(t => t.topic === topic)?.partitionMetadata,
    )
    .every(done);
}

/** Whether every reachable broker shows exactly these dynamic configs. */
export async function everyBrokerHasConfigs(
  brokers: KafkaBrokers,
  topic: string,
  configs: Record<string, string>,
): Promise<boolean> {
  const wanted = JSON.stringify(Object.entries(configs).sort());
  const answers = await brokers.eachBroker(broker =>
    broker.describeConfigs({
      resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }],
      includeSynonyms: false,
    }),
  );
  return answers.every(answer => {
    if (answer === 'unreachable') return true;
    const entries =
      answer.resources.find(r => r.resourceName === topic)?.configEntries ?? [];
    const dynamic = entries
      .filter(e => e.configSource === DYNAMIC_TOPIC_CONFIG && !e.isSensitive)
      .map(e => [e.configName, e.configValue ?? '']);
    return JSON.stringify(dynamic.sort()) === wanted;
  });
}
