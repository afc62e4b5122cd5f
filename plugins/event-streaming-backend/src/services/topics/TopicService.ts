import { InputError } from '@backstage/errors';
import {
  CreateTopicRequest,
  TopicDetail,
  TopicListQuery,
  TopicListResponse,
  TopicSummary,
  UpdateTopicRequest,
} from '@eventport/plugin-event-streaming-common';
import {
  TopicConfigValue,
  TopicMetadata,
} from '@eventport/plugin-event-streaming-node';
import { ClusterRegistry } from '../ClusterRegistry';
import { Caller, TopicPolicy } from './TopicPolicy';
import { TopicDescriptionStore } from './TopicDescriptionStore';
import type { TopicResource } from '../../permissions/resources';

const RETENTION = 'retention.ms';
const CLEANUP = 'cleanup.policy';

function configValue(configs: TopicConfigValue[] | undefined, name: string) {
  return configs?.find(c => c.name === name)?.value ?? null;
}

/** A topic as lists show it: sizing, retention, cleanup policy, owner. */
export function topicSummary(
  policy: TopicPolicy,
  topic: TopicMetadata,
  configs: TopicConfigValue[] | undefined,
): TopicSummary {
  const ns = policy.namespaceOf(topic.name);
  return {
    name: topic.name,
    partitions: topic.partitions.length,
    replicationFactor: topic.partitions[0]?.replicas.length ?? 0,
    retentionMs: Number(configValue(configs, RETENTION) ?? -1),
    cleanupPolicy: configValue(configs, CLEANUP) ?? 'delete',
    namespace: ns?.prefix ?? null,
    owner: ns?.owner ?? null,
    internal: topic.name.startsWith('__'),
  };
}

/**
 * Topic operations on a cluster, with Eventport's policy applied.
 *
 * The full topic list is cached per cluster for a few seconds, so paging and
 * searching do not refetch metadata for every request; our own changes drop
 * the cache at once.
 */
export class TopicService {
  private readonly metadataCache = new Map<
    string,
    { at: number; topics: Promise<TopicMetadata[]> }
  >();

  constructor(
    private readonly clusters: ClusterRegistry,
    private readonly policy: TopicPolicy,
    private readonly descriptions: TopicDescriptionStore,
    private readonly options: { metadataTtlMs: number } = {
      metadataTtlMs: 5000,
    },
  ) {}

  private async allTopics(cluster: string, fresh = false) {
    const cached = this.metadataCache.get(cluster);
    if (
      !fresh &&
      cached &&
      Date.now() - cached.at < this.options.metadataTtlMs
    ) {
      return cached.topics;
    }
    const topics = this.clusters
      .admin(cluster)
      .listTopics()
      .then(list => list.sort((a, b) => (a.name < b.name ? -1 : 1)));
    this.metadataCache.set(cluster, { at: Date.now(), topics });
    topics.catch(() => this.metadataCache.delete(cluster));
    return topics;
  }

  private invalidate(cluster: string) {
    this.metadataCache.delete(cluster);
  }

  private summary(
    topic: TopicMetadata,
    configs: TopicConfigValue[] | undefined,
  ): TopicSummary {
    return topicSummary(this.policy, topic, configs);
  }

  async list(
    cluster: string,
    query: TopicListQuery,
    caller: Caller,
    visible: (topic: TopicResource) => boolean = () => true,
  ): Promise<TopicListResponse> {
    this.clusters.get(cluster);
    let topics = (await this.allTopics(cluster)).filter(t =>
      visible({
        cluster,
        name: t.name,
        owner: this.policy.namespaceOf(t.name)?.owner ?? null,
      }),
    );
    if (query.q) {
      const needle = query.q.toLowerCase();
      topics = topics.filter(t => t.name.toLowerCase().includes(needle));
    }
    if (query.owned) {
      topics = topics.filter(t => this.policy.owns(caller, t.name));
    }
    const page = topics.slice(query.offset, query.offset + query.limit);
    const configs = await this.clusters
      .admin(cluster)
      .describeTopicConfigs(page.map(t => t.name));
    return {
      items: page.map(t => this.summary(t, configs.get(t.name))),
      totalCount: topics.length,
      offset: query.offset,
      limit: query.limit,
    };
  }

  async get(
    cluster: string,
    topic: string,
    caller: Caller,
  ): Promise<TopicDetail> {
    const admin = this.clusters.admin(cluster);
    const metadata = await admin.describeTopic(topic);
    const [configs, offsets] = await Promise.all([
      admin.describeTopicConfigs([topic]).then(m => m.get(topic) ?? []),
      admin.fetchTopicOffsets(topic),
    ]);
    const byPartition = new Map(offsets.map(o => [o.partition, o]));
    return {
      ...this.summary(metadata, configs),
      cluster,
      description: (await this.descriptions.get(cluster, topic)) ?? undefined,
      configs: configs.map(c => ({
        name: c.name,
        value: c.value,
        source: c.isSet ? ('set' as const) : ('default' as const),
        readOnly: c.readOnly,
        sensitive: c.sensitive,
      })),
      partitionDetails: metadata.partitions.map(p => ({
        ...p,
        earliestOffset: byPartition.get(p.partition)?.earliest ?? '0',
        latestOffset: byPartition.get(p.partition)?.latest ?? '0',
      })),
      canEdit: this.policy.canManage(caller, topic),
    };
  }

  /** Asks the cluster for this one topic (not the whole list). */
  async exists(cluster: string, topic: string): Promise<boolean> {
    try {
      await this.clusters.admin(cluster).describeTopic(topic);
      return true;
    } catch (error) {
      if ((error as Error)?.name === 'NotFoundError') return false;
      throw error;
    }
  }

  async create(
    cluster: string,
    request: CreateTopicRequest,
    caller: Caller,
  ): Promise<TopicDetail> {
    const config = this.clusters.get(cluster);
    // Checked against the cached list (at most a few seconds old): a fresh
    // one would fetch the metadata of every topic on each create. Kafka
    // itself refuses a name that exists or collides with a topic created
    // since; then a fresh list gives the reason in our words, as Kafka's
    // answer through kafkajs only says "invalid topic".
    const existing = (await this.allTopics(cluster)).map(t => t.name);
    const creation = this.policy.checkCreate(config, request, caller, existing);
    try {
      await this.clusters.admin(cluster).createTopic({
        name: creation.name,
        partitions: creation.partitions,
        replicationFactor: creation.replicationFactor,
        configs: {
          [RETENTION]: String(creation.retentionMs),
          [CLEANUP]: creation.cleanupPolicy,
        },
      });
    } catch (error) {
      const refused = ['InputError', 'ConflictError'].includes(
        (error as Error)?.name,
      );
      if (refused) {
        const fresh = (await this.allTopics(cluster, true)).map(t => t.name);
        this.policy.checkCreate(config, request, caller, fresh);
      }
      throw error;
    }
    this.invalidate(cluster);
    if (request.description) {
      await this.descriptions.set(cluster, creation.name, request.description);
    }
    return this.get(cluster, creation.name, caller);
  }

  /**
   * Adds partitions and/or changes retention. Kafka's AlterConfigs replaces
   * every dynamic config, so retention is merged into the topic's current
   * dynamic configs and all of them are written back.
   */
  async update(
    cluster: string,
    topic: string,
    request: UpdateTopicRequest,
    caller: Caller,
  ): Promise<TopicDetail> {
    const config = this.clusters.get(cluster);
    const admin = this.clusters.admin(cluster);
    const current = await admin.describeTopic(topic);
    this.policy.checkUpdate(
      config,
      topic,
      request,
      { partitions: current.partitions.length },
      caller,
    );
    if (request.retentionMs !== undefined) {
      const configs =
        (await admin.describeTopicConfigs([topic])).get(topic) ?? [];
      const dynamic = configs.filter(c => c.isSet && !c.readOnly);
      const unreadable = dynamic.filter(c => c.sensitive || c.value === null);
      if (unreadable.length > 0) {
        throw new InputError(
          `Topic '${topic}' has sensitive configs (${unreadable
            .map(c => c.name)
            .join(
              ', ',
            )}) that cannot be read back, so retention cannot be changed without losing them. Ask the platform team.`,
        );
      }
      const merged: Record<string, string> = Object.fromEntries(
        dynamic.map(c => [c.name, c.value as string]),
      );
      merged[RETENTION] = String(request.retentionMs);
      await admin.replaceTopicConfigs(topic, merged);
    }
    if (request.partitions !== undefined) {
      await admin.createPartitions(topic, request.partitions);
    }
    this.invalidate(cluster);
    return this.get(cluster, topic, caller);
  }

  /** The topic's ID (Kafka's); `NotFoundError` when there is no such topic. */
  idOf(cluster: string, topic: string): Promise<string> {
    return this.clusters.admin(cluster).topicId(topic);
  }

  /**
   * Deletes the topic with this ID, refusing when the name now belongs to
   * another topic. Only the approval executor calls this.
   */
  async delete(cluster: string, topic: string, topicId: string): Promise<void> {
    await this.clusters.admin(cluster).deleteTopic(topic, { topicId });
    this.invalidate(cluster);
    await this.descriptions.remove(cluster, topic);
  }
}
