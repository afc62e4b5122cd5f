import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  ClusterDescription,
  CreateTopicOptions,
  KafkaAdmin,
  KafkaClusterConfig,
  PartitionOffsets,
  TopicConfigValue,
  TopicMetadata,
} from '@eventport/plugin-event-streaming-node';
import {
  Admin,
  ConfigResourceTypes,
  Kafka,
  logLevel,
  PartitionMetadata as KafkajsPartition,
  SASLOptions,
} from 'kafkajs';
import { toBackstageError, withTimeout } from './kafkaErrors';

/** Timeouts for every call towards Kafka. */
export interface KafkaTimeouts {
  /** TCP connect timeout per broker. */
  connectionMs: number;
  /** Timeout of a single request. */
  requestMs: number;
  /** Upper bound for a whole operation, retries included. */
  operationMs: number;
}

export const DEFAULT_KAFKA_TIMEOUTS: KafkaTimeouts = {
  connectionMs: 3000,
  requestMs: 10000,
  operationMs: 15000,
};

function kafkajsLogLevel(level: logLevel) {
  switch (level) {
    case logLevel.ERROR:
    case logLevel.NOTHING:
      return 'error' as const;
    case logLevel.WARN:
      return 'warn' as const;
    default:
      return 'debug' as const;
  }
}

/** Kafka's DescribeConfigs source of a dynamic topic config. */
const DYNAMIC_TOPIC_CONFIG = 1;

function toPartitions(partitions: KafkajsPartition[]) {
  return partitions
    .map(p => ({
      partition: p.partitionId,
      leader: p.leader,
      replicas: p.replicas,
      isr: p.isr,
    }))
    .sort((a, b) => a.partition - b.partition);
}

/** True when the topic has (at least) `count` partitions, each with a leader. */
function hasLeaders(
  partitions: KafkajsPartition[] | undefined,
  count: number,
): boolean {
  return (
    !!partitions &&
    partitions.length >= count &&
    partitions.every(p => p.leader >= 0)
  );
}

/**
 * `KafkaAdmin` over kafkajs. One admin client per cluster is connected lazily
 * and reused across requests; after a failed connect the next call tries again.
 */
export class KafkajsAdmin implements KafkaAdmin {
  private connected?: Promise<Admin>;

  static create(options: {
    cluster: KafkaClusterConfig;
    logger: LoggerService;
    timeouts?: Partial<KafkaTimeouts>;
  }): KafkajsAdmin {
    const timeouts = { ...DEFAULT_KAFKA_TIMEOUTS, ...options.timeouts };
    const { cluster, logger } = options;
    const kafka = new Kafka({
      clientId: `eventport-${cluster.name}`,
      brokers: cluster.brokers,
      ssl: cluster.ssl,
      sasl: cluster.sasl as SASLOptions | undefined,
      connectionTimeout: timeouts.connectionMs,
      requestTimeout: timeouts.requestMs,
      retry: { retries: 2, initialRetryTime: 200, maxRetryTime: 2000 },
      logLevel: logLevel.WARN,
      logCreator:
        () =>
        ({ level, log }) => {
          const { message, ...meta } = log;
          logger[kafkajsLogLevel(level)](`kafkajs: ${message}`, {
            broker: meta.broker,
            clientId: meta.clientId,
          });
        },
    });
    return new KafkajsAdmin(cluster.name, kafka.admin(), timeouts);
  }

  private constructor(
    private readonly clusterName: string,
    private readonly admin: Admin,
    private readonly timeouts: KafkaTimeouts,
  ) {}

  private async connectedAdmin(): Promise<Admin> {
    if (!this.connected) {
      this.connected = this.admin.connect().then(
        () => this.admin,
        error => {
          // Whatever kafkajs throws while connecting means "cannot reach it".
          throw new ServiceUnavailableError(
            `Kafka cluster '${this.clusterName}' is unavailable: ${
              error?.message ?? error
            }`,
          );
        },
      );
      this.connected.catch(() => {
        this.connected = undefined;
      });
    }
    return this.connected;
  }

  /** Runs one operation with the operation timeout and error mapping. */
  private async run<T>(what: string, op: (admin: Admin) => Promise<T>) {
    try {
      return await withTimeout(
        this.connectedAdmin().then(op),
        this.timeouts.operationMs,
        what,
      );
    } catch (error) {
      throw toBackstageError(this.clusterName, error);
    }
  }

  async describeCluster(): Promise<ClusterDescription> {
    const description = await this.run('describe cluster', admin =>
      admin.describeCluster(),
    );
    return {
      clusterId: description.clusterId ?? null,
      controllerId: description.controller ?? null,
      brokers: description.brokers
        .map(b => ({ nodeId: b.nodeId, host: b.host, port: b.port }))
        .sort((a, b) => a.nodeId - b.nodeId),
    };
  }

  async listTopics(): Promise<TopicMetadata[]> {
    const { topics } = await this.run('list topics', admin =>
      admin.fetchTopicMetadata(),
    );
    return topics
      .filter(t => !t.name.startsWith('__'))
      .map(t => ({ name: t.name, partitions: toPartitions(t.partitions) }));
  }

  async describeTopic(topic: string): Promise<TopicMetadata> {
    const { topics } = await this.run(`describe topic ${topic}`, admin =>
      admin.fetchTopicMetadata({ topics: [topic] }),
    );
    const found = topics.find(t => t.name === topic);
    if (!found) {
      throw new NotFoundError(
        `Topic '${topic}' does not exist in cluster '${this.clusterName}'`,
      );
    }
    return { name: found.name, partitions: toPartitions(found.partitions) };
  }

  async describeTopicConfigs(
    topics: string[],
  ): Promise<Map<string, TopicConfigValue[]>> {
    const result = new Map<string, TopicConfigValue[]>();
    if (topics.length === 0) return result;
    const { resources } = await this.run('describe topic configs', admin =>
      admin.describeConfigs({
        includeSynonyms: false,
        resources: topics.map(name => ({
          type: ConfigResourceTypes.TOPIC,
          name,
        })),
      }),
    );
    for (const resource of resources) {
      if (resource.errorCode !== 0) continue;
      result.set(
        resource.resourceName,
        resource.configEntries
          .map(entry => ({
            name: entry.configName,
            value: entry.isSensitive ? null : entry.configValue,
            isSet:
              (entry as { configSource?: number }).configSource ===
              DYNAMIC_TOPIC_CONFIG,
            readOnly: entry.readOnly,
            sensitive: entry.isSensitive,
          }))
          .sort((a, b) => a.name.localeCompare(b.name)),
      );
    }
    return result;
  }

  async createTopic(options: CreateTopicOptions): Promise<void> {
    const created = await this.run(`create topic ${options.name}`, admin =>
      // Not kafkajs's waitForLeaders: it gives up on the brokers' metadata lag
      // with UNKNOWN_TOPIC_OR_PARTITION. awaitMetadata below waits for it.
      admin.createTopics({
        waitForLeaders: false,
        timeout: this.timeouts.requestMs,
        topics: [
          {
            topic: options.name,
            numPartitions: options.partitions,
            replicationFactor: options.replicationFactor,
            configEntries: Object.entries(options.configs).map(
              ([name, value]) => ({ name, value }),
            ),
          },
        ],
      }),
    );
    // kafkajs answers false instead of failing when the topic exists.
    if (!created) {
      throw new ConflictError(
        `Topic '${options.name}' already exists in cluster '${this.clusterName}'`,
      );
    }
    await this.awaitMetadata(options.name, partitions =>
      hasLeaders(partitions, options.partitions),
    );
  }

  /**
   * Waits until the brokers' metadata shows a change the controller accepted.
   * Apache Kafka propagates metadata to brokers asynchronously: for a moment
   * after CreateTopics or CreatePartitions succeeds, a broker may still answer
   * UNKNOWN_TOPIC_OR_PARTITION, the old partition count or a deleted topic, and kafkajs asks a
   * random broker. So that a request reads its own write, the change must be
   * seen in as many consecutive answers as there are brokers (at least 3).
   */
  private async awaitMetadata(
    topic: string,
    done: (partitions: KafkajsPartition[] | undefined) => boolean,
  ): Promise<void> {
    const deadline = Date.now() + this.timeouts.operationMs;
    let seen = 0;
    let needed = 3;
    while (Date.now() < deadline) {
      const partitions = await this.currentPartitions(topic);
      if (done(partitions)) {
        if (seen === 0) {
          needed = Math.max(3, (await this.describeCluster()).brokers.length);
        }
        seen += 1;
        if (seen >= needed) return;
      } else {
        seen = 0;
      }
      await new Promise(resolve => setTimeout(resolve, 50));
    }
    throw new ServiceUnavailableError(
      `Kafka cluster '${this.clusterName}' accepted the change to topic '${topic}', ` +
        `but its brokers did not show it within ${
          this.timeouts.operationMs / 1000
        } s`,
    );
  }

  /**
   * The topic's partitions as one broker sees them, or undefined when that
   * broker does not know the topic. Asks for the metadata of all topics: a
   * request for one topic that no broker knows makes kafkajs 2.2 fail with a
   * TypeError (its broker pool swallows every broker's
   * UNKNOWN_TOPIC_OR_PARTITION and returns null) when the topic is still in
   * its metadata cache, as right after a deletion.
   */
  private async currentPartitions(
    topic: string,
  ): Promise<KafkajsPartition[] | undefined> {
    const { topics } = await this.run(`describe topic ${topic}`, admin =>
      admin.fetchTopicMetadata(),
    );
    return topics.find(t => t.name === topic)?.partitions;
  }

  async createPartitions(topic: string, count: number): Promise<void> {
    await this.run(`add partitions to ${topic}`, admin =>
      admin.createPartitions({
        timeout: this.timeouts.requestMs,
        topicPartitions: [{ topic, count }],
      }),
    );
    await this.awaitMetadata(topic, partitions =>
      hasLeaders(partitions, count),
    );
  }

  async replaceTopicConfigs(
    topic: string,
    configs: Record<string, string>,
  ): Promise<void> {
    await this.run(`alter configs of ${topic}`, admin =>
      admin.alterConfigs({
        validateOnly: false,
        resources: [
          {
            type: ConfigResourceTypes.TOPIC,
            name: topic,
            configEntries: Object.entries(configs).map(([name, value]) => ({
              name,
              value,
            })),
          },
        ],
      }),
    );
    // Brokers apply config changes from the metadata log asynchronously, and
    // DescribeConfigs answers from one broker's view: wait until the new set
    // shows, so that the caller reads its write and the next read-merge-write
    // starts from it.
    await this.awaitConfigs(topic, configs);
  }

  private async awaitConfigs(
    topic: string,
    configs: Record<string, string>,
  ): Promise<void> {
    const deadline = Date.now() + this.timeouts.operationMs;
    const wanted = JSON.stringify(Object.entries(configs).sort());
    let seen = 0;
    while (Date.now() < deadline) {
      const entries =
        (await this.describeTopicConfigs([topic])).get(topic) ?? [];
      const dynamic = entries
        .filter(e => e.isSet && !e.sensitive)
        .map(e => [e.name, e.value ?? '']);
      seen = JSON.stringify(dynamic.sort()) === wanted ? seen + 1 : 0;
      if (seen >= 3) return;
      await new Promise(resolve => setTimeout(resolve, 50));
    }
    throw new ServiceUnavailableError(
      `Kafka cluster '${this.clusterName}' accepted the new configs of topic '${topic}', ` +
        `but its brokers did not show them within ${
          this.timeouts.operationMs / 1000
        } s`,
    );
  }

  async deleteTopic(topic: string): Promise<void> {
    await this.run(`delete topic ${topic}`, admin =>
      admin.deleteTopics({ topics: [topic], timeout: this.timeouts.requestMs }),
    );
    await this.awaitMetadata(topic, partitions => partitions === undefined);
  }

  async fetchTopicOffsets(topic: string): Promise<PartitionOffsets[]> {
    const offsets = await this.run(`fetch offsets of ${topic}`, admin =>
      admin.fetchTopicOffsets(topic),
    );
    return offsets
      .map(o => ({ partition: o.partition, earliest: o.low, latest: o.high }))
      .sort((a, b) => a.partition - b.partition);
  }

  async close(): Promise<void> {
    const connected = this.connected;
    this.connected = undefined;
    if (connected) {
      await connected.then(admin => admin.disconnect()).catch(() => {});
    }
  }
}
