import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  ClusterDescription,
  CommittedOffset,
  ConsumerGroupDescription,
  ConsumerGroupListResult,
  CreateTopicOptions,
  EndOffsets,
  KafkaAdmin,
  KafkaClusterConfig,
  PartitionOffsets,
  TopicConfigValue,
  TopicMetadata,
} from '@eventport/plugin-event-streaming-node';
import { ConfigResourceTypes, Kafka, logLevel, SASLOptions } from 'kafkajs';
import {
  DescribeConfigsResponse,
  EARLIEST,
  KafkaBrokers,
  LATEST,
} from './kafkajsBrokers';
import { KafkajsGroups } from './kafkajsGroups';
import { toBackstageError, withTimeout } from './kafkaErrors';
import {
  DYNAMIC_TOPIC_CONFIG,
  everyBrokerHasConfigs,
  everyBrokerShows,
  hasLeaders,
  Partition,
} from './readYourWrites';

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

function toPartitions(partitions: Partition[]) {
  return partitions
    .map(p => ({
      partition: p.partitionId,
      leader: p.leader,
      replicas: p.replicas,
      isr: p.isr,
    }))
    .sort((a, b) => a.partition - b.partition);
}

/**
 * Kafka errors that a partition's leader answers while it moves or while
 * the broker catches up with a change; Kafka's own clients retry them with
 * fresh metadata.
 */
const LEADER_MOVED = new Set([
  'NOT_LEADER_FOR_PARTITION',
  'LEADER_NOT_AVAILABLE',
  'UNKNOWN_TOPIC_OR_PARTITION',
]);
const LEADER_MOVED_ATTEMPTS = 4;

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/**
 * `KafkaAdmin` over kafkajs, safe for many concurrent requests.
 *
 * Every call goes through `KafkaBrokers`: it takes its metadata from an
 * answer fetched for that request alone, never from kafkajs's shared
 * metadata cache (see kafkajsBrokers.ts for why), and sends its request
 * straight to a broker. The connections are set up lazily and reused across
 * requests; after a failed connect the next call tries again.
 */
export class KafkajsAdmin implements KafkaAdmin {
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
    return new KafkajsAdmin(
      cluster.name,
      new KafkaBrokers(kafka),
      timeouts,
      logger,
    );
  }

  private readonly groups: KafkajsGroups;

  private constructor(
    private readonly clusterName: string,
    private readonly brokers: KafkaBrokers,
    private readonly timeouts: KafkaTimeouts,
    private readonly logger: LoggerService,
  ) {
    this.groups = new KafkajsGroups(brokers);
  }

  /** Runs one operation with the operation timeout and error mapping. */
  private async run<T>(what: string, op: () => Promise<T>): Promise<T> {
    try {
      return await withTimeout(op(), this.timeouts.operationMs, what);
    } catch (error) {
      const mapped = toBackstageError(this.clusterName, what, error);
      if (mapped.name === 'KafkaClientError') {
        this.logger.error(mapped.message, error as Error);
      }
      throw mapped;
    }
  }

  /** Sends one write to a broker, which passes it on to the controller. */
  private write(what: string, send: Parameters<KafkaBrokers['anyBroker']>[0]) {
    return this.run(what, () => this.brokers.anyBroker(send, { write: true }));
  }

  async describeCluster(): Promise<ClusterDescription> {
    const metadata = await this.run('describe the cluster', () =>
      this.brokers.metadata([]),
    );
    return {
      clusterId: metadata.clusterId ?? null,
      controllerId:
        metadata.controllerId === undefined || metadata.controllerId < 0
          ? null
          : metadata.controllerId,
      brokers: metadata.brokers
        .map(b => ({ nodeId: b.nodeId, host: b.host, port: b.port }))
        .sort((a, b) => a.nodeId - b.nodeId),
    };
  }

  async listTopics(): Promise<TopicMetadata[]> {
    const { topicMetadata } = await this.run('list topics', () =>
      this.brokers.metadata([]),
    );
    return topicMetadata
      .filter(t => !t.topic.startsWith('__'))
      .map(t => ({
        name: t.topic,
        partitions: toPartitions(t.partitionMetadata),
      }));
  }

  private async partitionsOf(topic: string): Promise<Partition[]> {
    const notFound = () =>
      new NotFoundError(
        `Topic '${topic}' does not exist in cluster '${this.clusterName}'`,
      );
    const { topicMetadata } = await this.brokers
      .metadata([topic])
      .catch(error => {
        if (error?.type === 'UNKNOWN_TOPIC_OR_PARTITION') throw notFound();
        throw error;
      });
    const found = topicMetadata.find(t => t.topic === topic);
    if (!found) throw notFound();
    return found.partitionMetadata;
  }

  async describeTopic(topic: string): Promise<TopicMetadata> {
    const partitions = await this.run(`describe topic ${topic}`, () =>
      this.partitionsOf(topic),
    );
    return { name: topic, partitions: toPartitions(partitions) };
  }

  async describeTopicConfigs(
    topics: string[],
  ): Promise<Map<string, TopicConfigValue[]>> {
    return this.run('describe topic configs', () => this.configsOf(topics));
  }

  /**
   * Configs of these topics from one broker. Kafka fails
   * the whole DescribeConfigs when one topic is unknown, as when it was
   * deleted since the caller listed it: then each topic is asked alone and
   * the missing ones are left out.
   */
  private async configsOf(
    topics: string[],
  ): Promise<Map<string, TopicConfigValue[]>> {
    const result = new Map<string, TopicConfigValue[]>();
    if (topics.length === 0) return result;
    const resources = topics.map(name => ({
      type: ConfigResourceTypes.TOPIC,
      name,
    }));
    let answer: DescribeConfigsResponse;
    try {
      answer = await this.brokers.describeConfigs(resources);
    } catch (error) {
      if ((error as any)?.type !== 'UNKNOWN_TOPIC_OR_PARTITION') throw error;
      if (topics.length === 1) {
        throw new NotFoundError(
          `Topic '${topics[0]}' does not exist in cluster '${this.clusterName}'`,
        );
      }
      for (const topic of topics) {
        const one = await this.configsOf([topic]).catch(e => {
          if (e instanceof NotFoundError) return undefined;
          throw e;
        });
        one?.forEach((configs, name) => result.set(name, configs));
      }
      return result;
    }
    for (const resource of answer.resources) {
      result.set(
        resource.resourceName,
        resource.configEntries
          .map(entry => ({
            name: entry.configName,
            value: entry.isSensitive ? null : entry.configValue,
            isSet: entry.configSource === DYNAMIC_TOPIC_CONFIG,
            readOnly: entry.readOnly,
            sensitive: entry.isSensitive,
          }))
          .sort((a, b) => a.name.localeCompare(b.name)),
      );
    }
    return result;
  }

  async createTopic(options: CreateTopicOptions): Promise<void> {
    await this.write(`create topic ${options.name}`, broker =>
      broker.createTopics({
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
    await this.awaitMetadata(options.name, partitions =>
      hasLeaders(partitions, options.partitions),
    );
  }

  /**
   * Waits until every broker shows a write the controller accepted (see
   * readYourWrites.ts), asking each broker once per round.
   */
  private async awaitEveryBroker(
    what: string,
    shows: () => Promise<boolean>,
    notShown: string,
  ): Promise<void> {
    const deadline = Date.now() + this.timeouts.operationMs;
    while (Date.now() < deadline) {
      if (await this.run(what, shows)) return;
      await sleep(50);
    }
    throw new ServiceUnavailableError(
      `Kafka cluster '${this.clusterName}' accepted ${notShown}, ` +
        `but its brokers did not show it within ${
          this.timeouts.operationMs / 1000
        } s`,
    );
  }

  private awaitMetadata(
    topic: string,
    done: (partitions: Partition[] | undefined) => boolean,
  ): Promise<void> {
    return this.awaitEveryBroker(
      `describe topic ${topic}`,
      () => everyBrokerShows(this.brokers, topic, done),
      `the change to topic '${topic}'`,
    );
  }

  async createPartitions(topic: string, count: number): Promise<void> {
    await this.write(`add partitions to ${topic}`, broker =>
      broker.createPartitions({
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
    await this.write(`alter configs of ${topic}`, broker =>
      broker.alterConfigs({
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
    // DescribeConfigs answers from one broker's view: wait until every broker
    // shows the new set, so that the caller reads its write and the next
    // read-merge-write starts from it.
    await this.awaitEveryBroker(
      `describe configs of ${topic}`,
      () => everyBrokerHasConfigs(this.brokers, topic, configs),
      `the new configs of topic '${topic}'`,
    );
  }

  async topicId(topic: string): Promise<string> {
    const [answer] = await this.run(`read the ID of topic ${topic}`, () =>
      this.brokers.topicIds([topic]),
    );
    if (!answer || !('topicId' in answer)) {
      throw new NotFoundError(
        `Topic '${topic}' does not exist in cluster '${this.clusterName}'`,
      );
    }
    return answer.topicId;
  }

  async deleteTopic(
    topic: string,
    options: { topicId?: string } = {},
  ): Promise<void> {
    const { topicId } = options;
    if (topicId === undefined) {
      await this.write(`delete topic ${topic}`, broker =>
        broker.deleteTopics({
          topics: [topic],
          timeout: this.timeouts.requestMs,
        }),
      );
    } else {
      // Only the topic with this ID: the name alone may by now belong to a
      // topic that was deleted and created again.
      const current = await this.topicId(topic);
      if (current !== topicId) throw this.replaced(topic, topicId, current);
      const answer = await this.run(`delete topic ${topic}`, () =>
        this.brokers.deleteTopicById(topicId, this.timeouts.requestMs),
      );
      if (answer === 'unknown-topic-id') {
        const now = await this.topicId(topic).catch(() => undefined);
        throw this.replaced(topic, topicId, now);
      }
    }
    await this.awaitMetadata(topic, partitions => partitions === undefined);
  }

  private replaced(topic: string, expected: string, current?: string) {
    const where = `in cluster '${this.clusterName}'`;
    return current === undefined
      ? new NotFoundError(
          `Topic '${topic}' (ID ${expected}) no longer exists ${where}`,
        )
      : new ConflictError(
          `Topic '${topic}' ${where} is not the one asked for: its ID is ${current}, not ${expected}. It was deleted and created again; it was not deleted now.`,
        );
  }

  /**
   * The earliest and latest offsets of each partition: metadata from one
   * broker, then ListOffsets to each partition's leader. When a leader has
   * moved or not yet caught up with the topic, the read starts again from
   * fresh metadata, a few times at most.
   */
  async fetchTopicOffsets(topic: string): Promise<PartitionOffsets[]> {
    return this.run(`fetch offsets of ${topic}`, async () => {
      for (let attempt = 1; ; attempt++) {
        const partitions = await this.partitionsOf(topic);
        try {
          const [earliest, latest] = await Promise.all([
            this.brokers.listOffsets(topic, partitions, EARLIEST),
            this.brokers.listOffsets(topic, partitions, LATEST),
          ]);
          return partitions
            .map(p => ({
              partition: p.partitionId,
              earliest: earliest.get(p.partitionId) ?? '0',
              latest: latest.get(p.partitionId) ?? '0',
            }))
            .sort((a, b) => a.partition - b.partition);
        } catch (error) {
          const type = (error as { type?: string })?.type;
          const moved =
            LEADER_MOVED.has(type ?? '') ||
            (error as Error)?.name === 'KafkaJSBrokerNotFound';
          if (!moved || attempt >= LEADER_MOVED_ATTEMPTS) throw error;
          await sleep(50 * 2 ** attempt);
        }
      }
    });
  }

  async fetchEndOffsets(topics: TopicMetadata[]): Promise<EndOffsets> {
    return this.run('fetch end offsets', async () => {
      const { offsets, failed } = await this.groups.fetchEndOffsets(topics);
      if (failed.length > 0) {
        this.logger.warn(
          `Kafka cluster '${this.clusterName}': brokers ${failed.join(
            ', ',
          )} did not answer ListOffsets; their partitions have no end offsets in this read`,
        );
      }
      return offsets;
    });
  }

  listGroups(): Promise<ConsumerGroupListResult> {
    return this.run('list consumer groups', () => this.groups.listGroups());
  }

  describeGroups(groupIds: string[]): Promise<ConsumerGroupDescription[]> {
    return this.run('describe consumer groups', () =>
      this.groups.describeGroups(groupIds),
    );
  }

  fetchCommittedOffsets(groupId: string): Promise<CommittedOffset[]> {
    return this.run(`fetch committed offsets of ${groupId}`, () =>
      this.groups.fetchCommittedOffsets(groupId),
    );
  }

  async close(): Promise<void> {
    await this.brokers.close();
  }
}
