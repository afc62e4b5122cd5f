/**
 * Shared cluster state for all brokers of one devstack process: broker list,
 * controller, topics with partition assignments and logs, topic configs.
 */
import { randomBytes } from 'node:crypto';
import { ErrorCode, KafkaError } from '../protocol/errors';
import { validateTopicConfigs } from './configs';
import { PartitionLog } from './partitionLog';
import type { GroupCoordinator } from './groups';

export interface BrokerInfo {
  nodeId: number;
  host: string;
  port: number;
}

export interface Partition {
  index: number;
  leader: number;
  replicas: number[];
  isr: number[];
  leaderEpoch: number;
  log: PartitionLog;
}

export interface Topic {
  name: string;
  /** 32 hex chars */
  id: string;
  partitions: Partition[];
  /** dynamic (per-topic) config overrides */
  configs: Map<string, string>;
}

export interface ClusterOptions {
  autoCreateTopics: boolean;
  sasl?: { username: string; password: string };
  groupInitialRebalanceDelayMs: number;
  groupMinSessionTimeoutMs: number;
  groupMaxSessionTimeoutMs: number;
}

export const MAX_TOPIC_NAME_LENGTH = 249;
const LEGAL_TOPIC = /^[a-zA-Z0-9._-]+$/;

/** Kafka's topic-name rules; returns an error message or null. */
export function topicNameError(name: string): string | null {
  if (name.length === 0) return 'Topic name is illegal, it can\'t be empty';
  if (name === '.' || name === '..') return 'Topic name cannot be "." or ".."';
  if (name.length > MAX_TOPIC_NAME_LENGTH) {
    return `Topic name is illegal, it can't be longer than ${MAX_TOPIC_NAME_LENGTH} characters, topic name: ${name}`;
  }
  if (!LEGAL_TOPIC.test(name)) {
    return `Topic name "${name}" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'`;
  }
  return null;
}

export function randomUuidHex(): string {
  const b = randomBytes(16);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  return b.toString('hex');
}

export interface NewTopicSpec {
  name: string;
  numPartitions: number;
  replicationFactor: number;
  assignments?: number[][];
  configs?: Iterable<[string, string | null]>;
}

export class ClusterState {
  readonly clusterId = randomBytes(16).toString('base64url').slice(0, 22);
  readonly brokers: BrokerInfo[] = [];
  controllerId = -1;
  readonly topics = new Map<string, Topic>();
  readonly topicsById = new Map<string, Topic>();
  /** rotates the start broker of each new topic's round-robin assignment */
  private assignmentCounter = 0;
  private nextProducerId = 1000;
  groups!: GroupCoordinator;
  /** long-poll waits (Fetch); completed early on shutdown */
  readonly pendingWaits = new Set<() => void>();

  constructor(readonly options: ClusterOptions) {}

  broker(nodeId: number): BrokerInfo | undefined {
    return this.brokers.find(b => b.nodeId === nodeId);
  }

  allocateProducerId(): number {
    return this.nextProducerId++;
  }

  /**
   * Kafka-style rack-unaware replica assignment: the first replica of
   * partition p is broker (start + p) % n; followers are shifted by a
   * per-topic offset that grows every n partitions.
   */
  assignReplicas(numPartitions: number, rf: number, firstPartition = 0, start?: number): number[][] {
    const ids = this.brokers.map(b => b.nodeId);
    const n = ids.length;
    const counter = this.assignmentCounter++;
    const startIndex = start ?? counter % n;
    let shift = counter % n;
    const out: number[][] = [];
    for (let i = 0; i < numPartitions; i++) {
      const p = firstPartition + i;
      if (p > 0 && p % n === 0) shift++;
      const first = (p + startIndex) % n;
      const replicas = [ids[first]];
      for (let j = 0; j < rf - 1; j++) {
        replicas.push(ids[(first + 1 + ((shift + j) % (n - 1))) % n]);
      }
      out.push(replicas);
    }
    return out;
  }

  /** Validates a new topic; throws KafkaError. Returns the resolved assignment and configs. */
  validateNewTopic(spec: NewTopicSpec): { assignment: number[][]; configs: Map<string, string> } {
    const nameError = topicNameError(spec.name);
    if (nameError) throw new KafkaError(ErrorCode.INVALID_TOPIC_EXCEPTION, nameError);
    if (this.topics.has(spec.name)) {
      throw new KafkaError(ErrorCode.TOPIC_ALREADY_EXISTS, `Topic '${spec.name}' already exists.`);
    }
    // As Apache Kafka: '.' and '_' are the same in metric names, so names
    // that differ only there collide.
    if (/[._]/.test(spec.name)) {
      const unified = spec.name.replace(/\./g, '_');
      for (const other of this.topics.keys()) {
        if (other.replace(/\./g, '_') === unified) {
          throw new KafkaError(
            ErrorCode.INVALID_TOPIC_EXCEPTION,
            `Topic '${spec.name}' collides with existing topic: ${other}`,
          );
        }
      }
    }
    const n = this.brokers.length;
    let assignment: number[][];
    if (spec.assignments && spec.assignments.length > 0) {
      if (spec.numPartitions !== -1 || spec.replicationFactor !== -1) {
        throw new KafkaError(
          ErrorCode.INVALID_REQUEST,
          'Both numPartitions or replicationFactor and replicasAssignments were set. Both cannot be used at the same time.',
        );
      }
      assignment = this.validateAssignment(spec.assignments, spec.assignments[0].length);
    } else {
      const partitions = spec.numPartitions === -1 ? 1 : spec.numPartitions;
      const rf = spec.replicationFactor === -1 ? 1 : spec.replicationFactor;
      if (partitions <= 0) {
        throw new KafkaError(ErrorCode.INVALID_PARTITIONS, 'Number of partitions must be larger than 0.');
      }
      if (rf <= 0) {
        throw new KafkaError(ErrorCode.INVALID_REPLICATION_FACTOR, 'Replication factor must be larger than 0.');
      }
      if (rf > n) {
        throw new KafkaError(
          ErrorCode.INVALID_REPLICATION_FACTOR,
          `Replication factor: ${rf} larger than available brokers: ${n}.`,
        );
      }
      assignment = [];
    }
    let configs: Map<string, string>;
    try {
      configs = validateTopicConfigs(spec.configs ?? []);
    } catch (e) {
      throw new KafkaError(ErrorCode.INVALID_CONFIG, (e as Error).message);
    }
    return { assignment, configs };
  }

  /** Checks a manual replica assignment (known brokers, no duplicates, equal sizes). */
  validateAssignment(assignments: number[][], rf: number): number[][] {
    for (const replicas of assignments) {
      if (replicas.length === 0 || replicas.length !== rf) {
        throw new KafkaError(
          ErrorCode.INVALID_REPLICA_ASSIGNMENT,
          'All partitions should have the same number of replicas',
        );
      }
      if (new Set(replicas).size !== replicas.length) {
        throw new KafkaError(ErrorCode.INVALID_REPLICA_ASSIGNMENT, `Duplicate brokers in replica assignment: ${replicas}`);
      }
      const unknown = replicas.filter(id => !this.broker(id));
      if (unknown.length) {
        throw new KafkaError(ErrorCode.INVALID_REPLICA_ASSIGNMENT, `Unknown broker(s) in replica assignment: ${unknown}`);
      }
    }
    return assignments;
  }

  createTopic(spec: NewTopicSpec): Topic {
    const { assignment, configs } = this.validateNewTopic(spec);
    const rf = spec.replicationFactor === -1 ? 1 : spec.replicationFactor;
    const partitions = spec.numPartitions === -1 ? 1 : spec.numPartitions;
    const replicaSets = assignment.length ? assignment : this.assignReplicas(partitions, rf);
    const topic: Topic = {
      name: spec.name,
      id: randomUuidHex(),
      partitions: [],
      configs,
    };
    this.addPartitions(topic, replicaSets);
    this.topics.set(topic.name, topic);
    this.topicsById.set(topic.id, topic);
    return topic;
  }

  addPartitions(topic: Topic, replicaSets: number[][]): void {
    for (const replicas of replicaSets) {
      topic.partitions.push({
        index: topic.partitions.length,
        leader: replicas[0],
        replicas,
        isr: [...replicas],
        leaderEpoch: 0,
        log: new PartitionLog(),
      });
    }
  }

  /** Grows a topic to `count` partitions (CreatePartitions semantics). */
  planPartitionGrowth(topic: Topic, count: number, assignments: number[][] | null): number[][] {
    const current = topic.partitions.length;
    if (count < current) {
      throw new KafkaError(
        ErrorCode.INVALID_PARTITIONS,
        `Topic currently has ${current} partitions, which is higher than the requested ${count}.`,
      );
    }
    if (count === current) {
      throw new KafkaError(ErrorCode.INVALID_PARTITIONS, `Topic already has ${current} partitions.`);
    }
    const rf = topic.partitions[0].replicas.length;
    const added = count - current;
    if (assignments) {
      if (assignments.length !== added) {
        throw new KafkaError(
          ErrorCode.INVALID_REPLICA_ASSIGNMENT,
          `Increasing the number of partitions by ${added} but ${assignments.length} assignments provided.`,
        );
      }
      return this.validateAssignment(assignments, rf);
    }
    const ids = this.brokers.map(b => b.nodeId);
    const start = Math.max(0, ids.indexOf(topic.partitions[0].replicas[0]));
    return this.assignReplicas(added, rf, current, start);
  }

  deleteTopic(topic: Topic): void {
    this.topics.delete(topic.name);
    this.topicsById.delete(topic.id);
    // wake long-polling fetches so they notice the topic is gone
    for (const p of topic.partitions) p.log.notify();
  }

  /** Auto-creates a topic when enabled (num.partitions=1, default.replication.factor=1). */
  maybeAutoCreate(name: string): Topic | undefined {
    if (!this.options.autoCreateTopics || topicNameError(name)) return undefined;
    return this.createTopic({ name, numPartitions: 1, replicationFactor: 1 });
  }
}
