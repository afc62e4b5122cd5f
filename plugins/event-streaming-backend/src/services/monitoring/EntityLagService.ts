import {
  ConsumerGroupRef,
  EntityGroupLag,
  EntityLagResponse,
  EntityTopicLag,
} from '@eventport/plugin-event-streaming-common';
import { MonitoringConfig } from '@eventport/plugin-event-streaming-node';
import { ClusterRegistry } from '../ClusterRegistry';
import { GroupLagOf, LagReader } from './LagReader';
import { SampleStore } from './SampleStore';

const failed = (ref: ConsumerGroupRef, error: string): EntityGroupLag => ({
  cluster: ref.cluster,
  groupId: ref.group,
  found: false,
  state: null,
  members: 0,
  totalLag: 0,
  maxTimeLagMs: null,
  status: null,
  statusReason: null,
  catchUp: null,
  topics: [],
  error,
});

/** Per-partition lag grouped by topic, topics in name order. */
function topicsOf(found: GroupLagOf): EntityTopicLag[] {
  const byTopic = new Map<string, EntityTopicLag>();
  found.lag.partitions.forEach((p, i) => {
    const input = found.inputs[i];
    let topic = byTopic.get(input.topic);
    if (!topic) {
      topic = {
        topic: input.topic,
        lag: 0,
        maxTimeLagMs: null,
        partitions: [],
      };
      byTopic.set(input.topic, topic);
    }
    topic.lag += p.lag;
    if (p.timeLagMs !== null) {
      topic.maxTimeLagMs = Math.max(topic.maxTimeLagMs ?? 0, p.timeLagMs);
    }
    topic.partitions.push({
      partition: input.partition,
      committedOffset: String(input.committedOffset),
      endOffset: String(input.endOffset),
      lag: p.lag,
      timeLagMs: p.timeLagMs,
    });
  });
  return [...byTopic.values()].sort((a, b) => a.topic.localeCompare(b.topic));
}

/**
 * The lag of an entity's consumer groups (the `cluster/group` list of its
 * annotation) in one request: per cluster, one DescribeGroups for all its
 * groups, one OffsetFetch per group, and one ListOffsets per leader for
 * every topic they read, with time lag from the sampler's history. A
 * cluster that is unknown or down fails its own groups, not the others.
 * The groups count as viewed, so the sampler records them for a while.
 */
export class EntityLagService {
  constructor(
    private readonly clusters: ClusterRegistry,
    private readonly reader: LagReader,
    private readonly store: SampleStore,
    private readonly config: MonitoringConfig,
  ) {}

  async lagOf(refs: ConsumerGroupRef[]): Promise<EntityLagResponse> {
    const byCluster = new Map<string, string[]>();
    for (const ref of refs) {
      byCluster.set(ref.cluster, [
        ...(byCluster.get(ref.cluster) ?? []),
        ref.group,
      ]);
    }
    const answers = new Map<string, EntityGroupLag>();
    await Promise.all(
      [...byCluster].map(async ([cluster, groups]) => {
        try {
          for (const item of await this.clusterLag(cluster, groups)) {
            answers.set(`${cluster}/${item.groupId}`, item);
          }
        } catch (error) {
          const message = `Cluster '${cluster}': ${(error as Error).message}`;
          for (const group of groups) {
            answers.set(
              `${cluster}/${group}`,
              failed({ cluster, group }, message),
            );
          }
        }
      }),
    );
    return {
      items: refs.map(
        r =>
          answers.get(`${r.cluster}/${r.group}`) ??
          failed(r, `Cluster '${r.cluster}' did not describe the group.`),
      ),
    };
  }

  private async clusterLag(
    cluster: string,
    groupIds: string[],
  ): Promise<EntityGroupLag[]> {
    this.clusters.get(cluster);
    const groups = await this.clusters.admin(cluster).describeGroups(groupIds);
    const now = Date.now();
    // Viewed: the sampler records these groups for a while, for time lag;
    // only groups that exist (made-up ids cost nothing), up to the cap.
    const existing = groups.filter(g => g.state !== 'Dead').map(g => g.groupId);
    await this.store.watch(
      cluster,
      existing,
      now + this.config.recentViewMs,
      this.config.limits.watchedGroupsPerCluster,
    );
    const lags = await this.reader.lagOf(cluster, groups, {
      now,
      historyFrom: now - this.config.retentionMs,
    });
    return groups.map(g => {
      const found = lags.get(g.groupId)!;
      const exists = !(g.state === 'Dead' && found.topics.length === 0);
      return {
        cluster,
        groupId: g.groupId,
        found: exists,
        state: g.state,
        members: g.members.length,
        totalLag: found.lag.totalLag,
        maxTimeLagMs: found.lag.maxTimeLagMs,
        status: exists ? found.lag.status : null,
        statusReason: exists
          ? found.lag.statusReason
          : `Consumer group '${g.groupId}' does not exist in cluster '${cluster}': it has no members and no committed offsets.`,
        catchUp: exists ? found.lag.catchUp : null,
        topics: topicsOf(found),
      };
    });
  }
}
