import { InputError, NotAllowedError } from '@backstage/errors';
import {
  CreateTopicRequest,
  formatDurationMs,
  Namespace,
  namespaceOf,
  partitionCountError,
  retentionLimitError,
  topicCollisionKey,
  topicNameError,
  UpdateTopicRequest,
} from '@eventport/plugin-event-streaming-common';
import {
  EventStreamingPolicyConfig,
  KafkaClusterConfig,
} from '@eventport/plugin-event-streaming-node';

/** Who is asking: their entity ref and ownership refs (from userInfo). */
export interface Caller {
  userEntityRef: string;
  ownershipEntityRefs: string[];
}

/** A validated topic creation, with defaults applied. */
export interface TopicCreation {
  name: string;
  partitions: number;
  replicationFactor: number;
  retentionMs: number;
  cleanupPolicy: string;
  namespace: Namespace;
}

/**
 * Eventport's built-in rules for topics. They always apply; the organisation's
 * permission policy can only restrict further. Every refusal names the rule
 * and what would be allowed.
 */
export class TopicPolicy {
  constructor(private readonly config: EventStreamingPolicyConfig) {}

  get namespaces(): Namespace[] {
    return this.config.namespaces;
  }

  get approvers(): string[] {
    return this.config.approvers;
  }

  get topicDefaults() {
    return this.config.topicDefaults;
  }

  get namingPattern(): RegExp | undefined {
    return this.config.namingPattern;
  }

  limitsOf(cluster: KafkaClusterConfig) {
    return this.config.limits[cluster.environment];
  }

  namespaceOf(topic: string): Namespace | undefined {
    return namespaceOf(topic, this.config.namespaces);
  }

  isApprover(caller: Caller): boolean {
    return (
      this.config.approvers.includes(caller.userEntityRef) ||
      caller.ownershipEntityRefs.some(ref =>
        this.config.approvers.includes(ref),
      )
    );
  }

  get securityReviewers(): string[] {
    return this.config.securityReviewers;
  }

  /** Members of `approvals.securityReviewers`: they alone decide CDC data-access reviews. */
  isSecurityReviewer(caller: Caller): boolean {
    const reviewers = this.config.securityReviewers;
    return (
      reviewers.includes(caller.userEntityRef) ||
      caller.ownershipEntityRefs.some(ref => reviewers.includes(ref))
    );
  }

  ownedNamespaces(caller: Caller): Namespace[] {
    return this.config.namespaces.filter(ns =>
      caller.ownershipEntityRefs.includes(ns.owner),
    );
  }

  /** True when the caller owns the topic's namespace. */
  owns(caller: Caller, topic: string): boolean {
    const ns = this.namespaceOf(topic);
    return !!ns && caller.ownershipEntityRefs.includes(ns.owner);
  }

  /** Owners change their topics; platform approvers change any topic. */
  canManage(caller: Caller, topic: string): boolean {
    return this.owns(caller, topic) || this.isApprover(caller);
  }

  assertCanManage(caller: Caller, topic: string, action: string): void {
    if (this.canManage(caller, topic)) return;
    const ns = this.namespaceOf(topic);
    if (!ns) {
      throw new NotAllowedError(
        `Topic '${topic}' is outside every namespace: only platform approvers (${
          this.config.approvers.join(', ') || 'none configured'
        }) may ${action} it.`,
      );
    }
    throw new NotAllowedError(
      `Topic '${topic}' belongs to namespace '${ns.prefix}', owned by ${ns.owner}; you are not a member, so you may not ${action} it.`,
    );
  }

  /** The shared naming rules, plus collisions with existing topics. */
  checkName(name: string, existing: Iterable<string> = []): void {
    const error = topicNameError(name, this.config.namingPattern);
    if (error) throw new InputError(`Invalid topic name: ${error}`);
    const key = topicCollisionKey(name);
    for (const other of existing) {
      if (other !== name && topicCollisionKey(other) === key) {
        throw new InputError(
          `Invalid topic name: '${name}' collides with the existing topic '${other}' ('.' and '_' are the same to Kafka's metrics).`,
        );
      }
    }
  }

  private checkRetention(cluster: KafkaClusterConfig, retentionMs: number) {
    const error = retentionLimitError(
      retentionMs,
      this.limitsOf(cluster),
      cluster.environment,
    );
    if (error) {
      throw new InputError(
        `Retention ${formatDurationMs(retentionMs)} is refused. ${error}`,
      );
    }
  }

  private checkPartitions(cluster: KafkaClusterConfig, partitions: number) {
    const error = partitionCountError(
      partitions,
      this.limitsOf(cluster).maxPartitions,
    );
    if (error) {
      throw new InputError(
        `${partitions} partitions are refused in ${cluster.environment}. ${error}`,
      );
    }
  }

  /** Validates a creation request and applies the defaults. */
  checkCreate(
    cluster: KafkaClusterConfig,
    request: CreateTopicRequest,
    caller: Caller,
    existing: Iterable<string>,
  ): TopicCreation {
    const namespace = this.namespaceOf(request.name);
    const owned = this.ownedNamespaces(caller).map(ns => `'${ns.prefix}'`);
    if (!namespace) {
      throw new NotAllowedError(
        `Topic '${
          request.name
        }' is outside every namespace. You may create topics under: ${
          owned.join(', ') || 'no namespace (your groups own none)'
        }`,
      );
    }
    if (!caller.ownershipEntityRefs.includes(namespace.owner)) {
      throw new NotAllowedError(
        `Namespace '${namespace.prefix}' is owned by ${
          namespace.owner
        }. You may create topics under: ${
          owned.join(', ') || 'no namespace (your groups own none)'
        }`,
      );
    }
    this.checkName(request.name, existing);
    const defaults = this.config.topicDefaults;
    const creation: TopicCreation = {
      name: request.name,
      partitions: request.partitions ?? defaults.partitions,
      replicationFactor:
        request.replicationFactor ?? defaults.replicationFactor,
      retentionMs: request.retentionMs ?? defaults.retentionMs,
      cleanupPolicy: request.cleanupPolicy ?? defaults.cleanupPolicy,
      namespace,
    };
    this.checkPartitions(cluster, creation.partitions);
    this.checkRetention(cluster, creation.retentionMs);
    return creation;
  }

  /** Validates a change of partitions and/or retention against the current state. */
  checkUpdate(
    cluster: KafkaClusterConfig,
    topic: string,
    request: UpdateTopicRequest,
    current: { partitions: number },
    caller: Caller,
  ): void {
    this.assertCanManage(caller, topic, 'change');
    if (request.partitions !== undefined) {
      if (request.partitions <= current.partitions) {
        throw new InputError(
          `Partitions only grow: '${topic}' has ${current.partitions}, so ask for more than ${current.partitions}.`,
        );
      }
      this.checkPartitions(cluster, request.partitions);
    }
    if (request.retentionMs !== undefined) {
      this.checkRetention(cluster, request.retentionMs);
    }
  }
}
