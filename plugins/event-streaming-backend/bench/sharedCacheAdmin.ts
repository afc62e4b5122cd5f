/**
 * The baseline of `bench:load`: a `KafkaAdmin` that uses one kafkajs admin
 * client for everything, reads included, as Eventport did before issue 9.
 * Its reads depend on kafkajs's shared metadata cache
 * (`admin.fetchTopicMetadata`, `admin.describeConfigs`,
 * `admin.fetchTopicOffsets`), which concurrent requests overwrite. It exists
 * only so that the benchmark measures the old access pattern in the same run
 * as the new one; nothing in the plugin uses it.
 */
import { NotFoundError } from '@backstage/errors';
import {
  CreateTopicOptions,
  KafkaAdmin,
  KafkaClusterConfig,
  PartitionOffsets,
  TopicConfigValue,
  TopicMetadata,
} from '@eventport/plugin-event-streaming-node';
import { Admin, ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import { toBackstageError } from '../src/clients/kafkaErrors';

const toPartitions = (partitions: any[]) =>
  partitions
    .map(p => ({
      partition: p.partitionId,
      leader: p.leader,
      replicas: p.replicas,
      isr: p.isr,
    }))
    .sort((a, b) => a.partition - b.partition);

export class SharedCacheAdmin implements KafkaAdmin {
  private readonly admin: Admin;
  private connected?: Promise<void>;

  constructor(private readonly cluster: KafkaClusterConfig) {
    this.admin = new Kafka({
      clientId: `eventport-baseline-${cluster.name}`,
      brokers: cluster.brokers,
      connectionTimeout: 3000,
      requestTimeout: 10000,
      retry: { retries: 2, initialRetryTime: 200, maxRetryTime: 2000 },
      logLevel: logLevel.NOTHING,
    }).admin();
  }

  private async run<T>(what: string, op: (admin: Admin) => Promise<T>) {
    try {
      this.connected ??= this.admin.connect();
      await this.connected;
      return await op(this.admin);
    } catch (error) {
      throw toBackstageError(this.cluster.name, what, error);
    }
  }

  async describeCluster() {
    const d = await this.run('describe the cluster', a => a.describeCluster());
    return {
      clusterId: d.clusterId,
      controllerId: d.controller,
      brokers: d.brokers.map(b => ({
        nodeId: b.nodeId,
        host: b.host,
        port: b.port,
      })),
    };
  }

  async listTopics(): Promise<TopicMetadata[]> {
    const { topics } = await this.run('list topics', a =>
      a.fetchTopicMetadata(),
    );
    return topics
      .filter(t => !t.name.startsWith('__'))
      .map(t => ({ name: t.name, partitions: toPartitions(t.partitions) }));
  }

  async describeTopic(topic: string): Promise<TopicMetadata> {
    const { topics } = await this.run(`describe topic ${topic}`, a =>
      a.fetchTopicMetadata({ topics: [topic] }),
    );
    const found = topics.find(t => t.name === topic);
    if (!found) throw new NotFoundError(`Topic '${topic}' does not exist`);
    return { name: topic, partitions: toPartitions(found.partitions) };
  }

  async describeTopicConfigs(topics: string[]) {
    const result = new Map<string, TopicConfigValue[]>();
    if (topics.length === 0) return result;
    const { resources } = await this.run('describe topic configs', a =>
      a.describeConfigs({
        includeSynonyms: false,
        resources: topics.map(name => ({
          type: ConfigResourceTypes.TOPIC,
          name,
        })),
      }),
    );
    for (const r of resources) {
      result.set(
        r.resourceName,
        r.configEntries.map(e => ({
          name: e.configName,
          value: e.isSensitive ? null : e.configValue,
          isSet: (e as { configSource?: number }).configSource === 1,
          readOnly: e.readOnly,
          sensitive: e.isSensitive,
        })),
      );
    }
    return result;
  }

  /** Polls all-topic metadata until `done` holds three times in a row. */
  private async awaitMetadata(
    topic: string,
    done: (count?: number) => boolean,
  ) {
    let seen = 0;
    for (let i = 0; i < 300 && seen < 3; i++) {
      const { topics } = await this.run(`describe topic ${topic}`, a =>
        a.fetchTopicMetadata(),
      );
      seen = done(topics.find(t => t.name === topic)?.partitions.length)
        ? seen + 1
        : 0;
      await new Promise(r => setTimeout(r, 50));
    }
  }

  async createTopic(options: CreateTopicOptions) {
    await this.run(`create topic ${options.name}`, a =>
      a.createTopics({
        waitForLeaders: false,
        topics: [
          {
            topic: options.name,
            numPartitions: options.partitions,
            replicationFactor: options.replicationFactor,
            configEntries: Object.entries(options.configs).map(
              ([name, value]) => ({
                name,
                value,
              }),
            ),
          },
        ],
      }),
    );
    await this.awaitMetadata(options.name, n => n === options.partitions);
  }

  async createPartitions(topic: string, count: number) {
    await this.run(`add partitions to ${topic}`, a =>
      a.createPartitions({ topicPartitions: [{ topic, count }] }),
    );
    await this.awaitMetadata(topic, n => n === count);
  }

  async replaceTopicConfigs(topic: string, configs: Record<string, string>) {
    await this.run(`alter configs of ${topic}`, a =>
      a.alterConfigs({
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
  }

  async topicId(): Promise<string> {
    // kafkajs's admin has no request that carries topic IDs; the benchmark
    // measures reads and never deletes by ID.
    throw new Error('The load baseline cannot read topic IDs');
  }

  async deleteTopic(topic: string) {
    await this.run(`delete topic ${topic}`, a =>
      a.deleteTopics({ topics: [topic] }),
    );
    await this.awaitMetadata(topic, n => n === undefined);
  }

  async fetchTopicOffsets(topic: string): Promise<PartitionOffsets[]> {
    const offsets = await this.run(`fetch offsets of ${topic}`, a =>
      a.fetchTopicOffsets(topic),
    );
    return offsets
      .map(o => ({ partition: o.partition, earliest: o.low, latest: o.high }))
      .sort((a, b) => a.partition - b.partition);
  }

  async close() {
    await this.admin.disconnect().catch(() => {});
  }

  // The consumer-group reads are not part of the topic baseline this class
  // reproduces; the monitoring benchmark compares against the community
  // plugin instead.
  private notInBaseline(): never {
    throw new Error('Not part of the topic-list baseline');
  }

  async fetchEndOffsets(): Promise<never> {
    return this.notInBaseline();
  }

  async listGroups(): Promise<never> {
    return this.notInBaseline();
  }

  async describeGroups(): Promise<never> {
    return this.notInBaseline();
  }

  async fetchCommittedOffsets(): Promise<never> {
    return this.notInBaseline();
  }
}
