import { Kafka } from 'kafkajs';
import {
  DeleteByIdAnswer,
  RawRequest,
  TopicIdAnswer,
  deleteTopicByIdRequest,
  topicIdsRequest,
} from './kafkajsTopicIds';

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
 * So every request takes its metadata from an answer fetched for that
 * request alone, and goes straight to a broker: ListOffsets to each
 * partition's leader, everything else to any broker (Kafka 4 brokers pass
 * CreateTopics, CreatePartitions, DeleteTopics and AlterConfigs on to the
 * active controller). Nothing reads a cache that another request can change.
 *
 * kafkajs has no public API for a request to one broker. It builds a
 * `Cluster` (connections, authentication, version negotiation) for every
 * client through the `Kafka` instance's private `createCluster`; we take that
 * one function, so the connection settings (TLS, SASL, timeouts) are exactly
 * those kafkajs's own admin client would use. kafkajs 2.2.4 is its last release and is pinned exactly in
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
interface InternalBroker extends InternalGroupRequests {
  disconnect(): Promise<void>;
  /** The broker's connections; `send` takes a request and its reader. */
  connectionPool: { send<T>(request: RawRequest<T>): Promise<T> };
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
  createTopics(request: {
    topics: Array<{
      topic: string;
      numPartitions: number;
      replicationFactor: number;
      configEntries: Array<{ name: string; value: string }>;
    }>;
    validateOnly?: boolean;
    timeout: number;
  }): Promise<unknown>;
  createPartitions(request: {
    topicPartitions: Array<{ topic: string; count: number }>;
    timeout: number;
  }): Promise<unknown>;
  deleteTopics(request: {
    topics: string[];
    timeout: number;
  }): Promise<unknown>;
  alterConfigs(request: {
    resources: Array<{
      type: number;
      name: string;
      configEntries: Array<{ name: string; value: string }>;
    }>;
    validateOnly: boolean;
  }): Promise<unknown>;
}

/** The group requests of kafkajs's internal `Broker` that we call. */
export interface InternalGroupRequests {
  listGroups(): Promise<{
    groups: Array<{ groupId: string; protocolType: string }>;
  }>;
  describeGroups(request: { groupIds: string[] }): Promise<{
    groups: Array<{
      errorCode: number;
      groupId: string;
      state: string;
      protocolType: string;
      members: Array<{
        memberId: string;
        clientId: string;
        clientHost: string;
        memberAssignment: Buffer | null;
      }>;
    }>;
  }>;
  offsetFetch(request: {
    groupId: string;
    topics: Array<{ topic: string; partitions: Array<{ partition: number }> }>;
  }): Promise<{
    responses: Array<{
      topic: string;
      partitions: Array<{ partition: number; offset: string }>;
    }>;
  }>;
  findGroupCoordinator(request: {
    groupId: string;
    coordinatorType?: number;
  }): Promise<{ coordinator: { nodeId: number } }>;
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

/**
 * kafkajs 2.2 marks a broker connected as soon as its socket is open. When
 * the handshake that follows (ApiVersions) times out, as on a busy broker,
 * the broker stays "connected" without the table of request versions, and
 * every later request to it fails with "Broker not connected", for good.
 */
function isHalfConnected(error: unknown): boolean {
  let current = error as any;
  for (let i = 0; i < 4 && current; i++) {
    if (current.message === 'Broker not connected') return true;
    current = current.originalError ?? current.cause;
  }
  return false;
}

/** A broker must be disconnected so that the next call connects afresh. */
function handshakeError(error: unknown, nodeId?: number): Error {
  if (!isHalfConnected(error)) return error as Error;
  const wrapped = new Error(
    `Kafka broker ${
      nodeId ?? '(bootstrap)'
    } did not complete its connection handshake; reconnecting on the next request`,
  );
  wrapped.name = 'BrokerHandshakeError';
  return wrapped;
}

/** ListOffsets timestamps with a special meaning. */
export const LATEST = -1;
export const EARLIEST = -2;

/** Errors that say a connection to a broker could not be set up. */
const NOT_CONNECTED = new Set([
  'BrokerHandshakeError',
  'KafkaJSConnectionError',
  'KafkaJSBrokerNotFound',
]);

/** Errors that say a broker cannot be reached, so another one is asked. */
const UNREACHABLE = new Set([
  'BrokerHandshakeError',
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
      // tells kafkajs every broker's address. After a failure everything is
      // disconnected, so that the next call starts afresh (see
      // BrokerHandshakeError).
      this.connected = this.cluster
        .connect()
        .then(() => this.cluster.refreshMetadata())
        .catch(async error => {
          await this.cluster.disconnect().catch(() => {});
          throw handshakeError(error);
        });
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
   *
   * A write is passed on to the next broker only when no connection could be
   * set up: after a timeout or a dropped connection, the first broker may
   * have done it.
   */
  async anyBroker<T>(
    send: (broker: InternalBroker) => Promise<T>,
    options: { write?: boolean } = {},
  ) {
    const failover = options.write ? NOT_CONNECTED : UNREACHABLE;
    const ids = await this.nodeIds();
    let lastError: unknown;
    for (let i = 0; i < ids.length; i++) {
      const nodeId = ids[(this.next++ + i) % ids.length];
      try {
        return await this.broker(nodeId, send);
      } catch (error) {
        if (!failover.has((error as Error)?.name)) throw error;
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
    const broker = await this.cluster.findBroker({ nodeId });
    try {
      return await send(broker);
    } catch (error) {
      if (isHalfConnected(error)) {
        await broker.disconnect().catch(() => {});
        throw handshakeError(error, nodeId);
      }
      throw error;
    }
  }

  /** Metadata of these topics (all topics when empty) from one broker. */
  metadata(topics: string[]): Promise<BrokerMetadata> {
    return this.anyBroker(broker => broker.metadata(topics));
  }

  /** The topic IDs of these topics (Metadata v12), from one broker. */
  topicIds(topics: string[]): Promise<TopicIdAnswer[]> {
    return this.anyBroker(broker =>
      broker.connectionPool.send(topicIdsRequest(topics)),
    );
  }

  /** Deletes the topic with this ID (DeleteTopics v6), whatever its name. */
  deleteTopicById(
    topicId: string,
    timeoutMs: number,
  ): Promise<DeleteByIdAnswer> {
    return this.anyBroker(
      broker =>
        broker.connectionPool.send(deleteTopicByIdRequest(topicId, timeoutMs)),
      { write: true },
    );
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

  /**
   * Latest offsets of partitions of many topics, in one ListOffsets per
   * leader. A leader that fails is left out: its partitions are missing
   * from the answer, and `failed` names it.
   */
  async latestOffsetsByLeader(
    byLeader: Map<number, Map<string, number[]>>,
  ): Promise<{ offsets: Map<string, Map<number, string>>; failed: number[] }> {
    const offsets = new Map<string, Map<number, string>>();
    const failed: number[] = [];
    await Promise.all(
      [...byLeader].map(async ([leader, topics]) => {
        try {
          const answer = await this.broker(leader, broker =>
            broker.listOffsets({
              topics: [...topics].map(([topic, ids]) => ({
                topic,
                partitions: ids.map(partition => ({
                  partition,
                  timestamp: LATEST,
                })),
              })),
            }),
          );
          for (const response of answer.responses) {
            let byPartition = offsets.get(response.topic);
            if (!byPartition) {
              byPartition = new Map();
              offsets.set(response.topic, byPartition);
            }
            for (const p of response.partitions) {
              byPartition.set(p.partition, p.offset);
            }
          }
        } catch {
          failed.push(leader);
        }
      }),
    );
    return { offsets, failed: failed.sort((a, b) => a - b) };
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
