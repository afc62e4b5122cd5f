import { Kafka } from 'kafkajs';

/**
 * Direct requests to chosen brokers, with kafkajs's connections but without
 * its shared metadata cache.
 *
 * Why: kafkajs 2.2 keeps one metadata answer per client and replaces it
 * wholesale on every refresh. `admin.fetchTopicMetadata({ topics: [x] })`
 * stores an answer that holds only `x`, so a concurrent
 * `admin.fetchTopicOffsets(y)` that has just refreshed then finds no
 * partitions for `y`, sends no ListOffsets and fails with "Cannot destructure
 * property 'partitions' of 'high.pop(...)'" (issue 9). `fetchTopicOffsets`
 * also adds its topic to the client's target topics for good; once such a
 * topic is deleted by anyone else, every later refresh of that client, and so
 * every create, delete and config change, fails with
 * UNKNOWN_TOPIC_OR_PARTITION.
 *
 * So reads take their metadata from an answer fetched for that request alone,
 * and send ListOffsets and DescribeConfigs straight to the brokers that answer
 * them. Writes stay on kafkajs's public admin API, whose target topics then
 * stay empty.
 *
 * kafkajs has no public API for a request to one broker. It builds a
 * `Cluster` (connections, authentication, version negotiation) for every
 * client through the `Kafka` instance's private `createCluster`; we take that
 * one function, so the connection settings are exactly those of the admin
 * client. kafkajs 2.2.4 is its last release and is pinned exactly in
 * package.json; `KafkaBrokers.test.ts` checks these internals against both
 * brokers.
 */

export interface BrokerMetadata {
  brokers: Array<{ nodeId: number; host: string; port: number }>;
  clusterId?: string;
  controllerId?: number;
  topicMetadata: Array<{
    topic: string;
    partitionMetadata: Array<{
      partitionId: number;
      leader: number;
      replicas: number[];
      isr: number[];
    }>;
  }>;
}

interface ListOffsetsResponse {
  responses: Array<{
    topic: string;
    partitions: Array<{ partition: number; offset: string }>;
  }>;
}

export interface DescribeConfigsResponse {
  resources: Array<{
    errorCode: number;
    resourceName: string;
    configEntries: Array<{
      configName: string;
      configValue: string | null;
      readOnly: boolean;
      isSensitive: boolean;
      configSource?: number;
    }>;
  }>;
}

/** The part of kafkajs's internal `Broker` that we call. */
interface InternalBroker {
  metadata(topics: string[]): Promise<BrokerMetadata>;
  listOffsets(request: {
    isolationLevel?: number;
    topics: Array<{
      topic: string;
      partitions: Array<{ partition: number; timestamp: number }>;
    }>;
  }): Promise<ListOffsetsResponse>;
  describeConfigs(request: {
    resources: Array<{ type: number; name: string }>;
    includeSynonyms: boolean;
  }): Promise<DescribeConfigsResponse>;
}

/** The part of kafkajs's internal `Cluster` that we call. */
interface InternalCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  getNodeIds(): string[];
  findBroker(target: { nodeId: number | string }): Promise<InternalBroker>;
  refreshMetadata(): Promise<void>;
}

type CreateCluster = (options: {
  allowAutoTopicCreation: boolean;
  metadataMaxAge?: number;
}) => InternalCluster;

function createClusterOf(kafka: Kafka): CreateCluster {
  const symbol = Object.getOwnPropertySymbols(kafka).find(
    s => s.description === 'private:Kafka:createCluster',
  );
  const create = symbol && (kafka as any)[symbol];
  if (typeof create !== 'function') {
    throw new Error(
      'This version of kafkajs has no private createCluster; Eventport needs kafkajs 2.2.4',
    );
  }
  return create as CreateCluster;
}

/** ListOffsets timestamps with a special meaning. */
export const LATEST = -1;
export const EARLIEST = -2;

/** Errors that say a broker cannot be reached, so another one is asked. */
const UNREACHABLE = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSBrokerNotFound',
]);

export class KafkaBrokers {
  private readonly cluster: InternalCluster;
  private connected?: Promise<void>;
  private next = 0;

  constructor(kafka: Kafka) {
    this.cluster = createClusterOf(kafka)({
      allowAutoTopicCreation: false,
    });
  }

  private async connect() {
    if (!this.connected) {
      // Connecting reaches the seed broker only; one metadata refresh then
      // tells kafkajs every broker's address.
      this.connected = this.cluster
        .connect()
        .then(() => this.cluster.refreshMetadata());
      this.connected.catch(() => {
        this.connected = undefined;
      });
    }
    await this.connected;
  }

  /** The node ids of the brokers this client knows, as numbers. */
  async nodeIds(): Promise<number[]> {
    await this.connect();
    return this.cluster
      .getNodeIds()
      .map(Number)
      .sort((a, b) => a - b);
  }

  /**
   * Sends a request to one broker, taking turns across brokers; when a broker
   * cannot be reached, the next one is asked. Kafka's own answers (such as
   * UNKNOWN_TOPIC_OR_PARTITION) are thrown as they are.
   */
  async anyBroker<T>(send: (broker: InternalBroker) => Promise<T>) {
    const ids = await this.nodeIds();
    let lastError: unknown;
    for (let i = 0; i < ids.length; i++) {
      const nodeId = ids[(this.next++ + i) % ids.length];
      try {
        return await send(await this.cluster.findBroker({ nodeId }));
      } catch (error) {
        if (!UNREACHABLE.has((error as Error)?.name)) throw error;
        lastError = error;
      }
    }
    throw lastError ?? new Error('No Kafka broker is known');
  }

  /** Sends a request to the broker with this node id. */
  async broker<T>(
    nodeId: number,
    send: (broker: InternalBroker) => Promise<T>,
  ): Promise<T> {
    await this.connect();
    return send(await this.cluster.findBroker({ nodeId }));
  }

  /** Metadata of these topics (all topics when empty) from one broker. */
  metadata(topics: string[]): Promise<BrokerMetadata> {
    return this.anyBroker(broker => broker.metadata(topics));
  }

  /**
   * Sends a request to each broker. A broker that cannot be reached answers
   * 'unreachable' (it serves no reads either); when none can, this throws.
   */
  async eachBroker<T>(
    send: (broker: InternalBroker) => Promise<T>,
  ): Promise<Array<T | 'unreachable'>> {
    const ids = await this.nodeIds();
    let lastError: unknown;
    const answers = await Promise.all(
      ids.map(nodeId =>
        this.broker(nodeId, send).catch(error => {
          if (!UNREACHABLE.has((error as Error)?.name)) throw error;
          lastError = error;
          return 'unreachable' as const;
        }),
      ),
    );
    if (answers.every(a => a === 'unreachable')) throw lastError;
    return answers;
  }

  /** Metadata of these topics as each reachable broker sees it. */
  metadataOfEach(topics: string[]) {
    return this.eachBroker(broker =>
      broker.metadata(topics).catch(error => {
        if ((error as { type?: string })?.type === 'UNKNOWN_TOPIC_OR_PARTITION')
          return 'unknown-topic' as const;
        throw error;
      }),
    );
  }

  /**
   * The offsets at `timestamp` (LATEST or EARLIEST) of these partitions,
   * asking each partition's leader.
   */
  async listOffsets(
    topic: string,
    partitions: Array<{ partitionId: number; leader: number }>,
    timestamp: number,
  ): Promise<Map<number, string>> {
    const byLeader = new Map<number, number[]>();
    for (const p of partitions) {
      byLeader.set(p.leader, [
        ...(byLeader.get(p.leader) ?? []),
        p.partitionId,
      ]);
    }
    const answers = await Promise.all(
      [...byLeader].map(([leader, ids]) =>
        this.broker(leader, broker =>
          broker.listOffsets({
            topics: [
              {
                topic,
                partitions: ids.map(partition => ({ partition, timestamp })),
              },
            ],
          }),
        ),
      ),
    );
    const offsets = new Map<number, string>();
    for (const answer of answers) {
      for (const response of answer.responses) {
        for (const p of response.partitions) offsets.set(p.partition, p.offset);
      }
    }
    return offsets;
  }

  /** DescribeConfigs from one broker (any broker answers for topics). */
  describeConfigs(
    resources: Array<{ type: number; name: string }>,
    nodeId?: number,
  ): Promise<DescribeConfigsResponse> {
    const send = (broker: InternalBroker) =>
      broker.describeConfigs({ resources, includeSynonyms: false });
    return nodeId === undefined
      ? this.anyBroker(send)
      : this.broker(nodeId, send);
  }

  async close(): Promise<void> {
    const connected = this.connected;
    this.connected = undefined;
    if (connected) {
      await connected.then(() => this.cluster.disconnect()).catch(() => {});
    }
  }
}
