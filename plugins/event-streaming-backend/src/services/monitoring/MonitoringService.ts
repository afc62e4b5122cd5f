import { NotFoundError } from '@backstage/errors';
import {
  ConsumerGroupDetail,
  ConsumerGroupListQuery,
  ConsumerGroupListResponse,
  ConsumerGroupSummary,
  fillLinks,
  GroupLagHistory,
  TopicConsumersResponse,
} from '@eventport/plugin-event-streaming-common';
import {
  ConsumerGroupDescription,
  MonitoringConfig,
} from '@eventport/plugin-event-streaming-node';
import { ClusterRegistry } from '../ClusterRegistry';
import { Caller, TopicPolicy } from '../topics/TopicPolicy';
import { GroupIndex } from './GroupIndex';
import { GroupOwners } from './GroupOwners';
import { historyPoints } from './groupInputs';
import { GroupLagResult } from './lagModel';
import { GroupLagOf, LagReader } from './LagReader';
import { SampleStore } from './SampleStore';
import { TtlCache } from './ttlCache';

/**
 * Consumer lag, throughput and partition distribution: live reads from
 * Kafka, combined with the sampler's history.
 */
export class MonitoringService {
  private readonly groupLists = new TtlCache<
    Awaited<ReturnType<ReturnType<ClusterRegistry['admin']>['listGroups']>>
  >(3_000);
  private readonly groupStates = new TtlCache<ConsumerGroupDescription[]>(
    15_000,
  );

  constructor(
    private readonly clusters: ClusterRegistry,
    private readonly policy: TopicPolicy,
    private readonly store: SampleStore,
    private readonly index: GroupIndex,
    private readonly config: MonitoringConfig,
    readonly owners: GroupOwners,
    readonly reader: LagReader,
  ) {}

  /** The lag of described groups, from live offsets and the samples since `historyFrom`. */
  private lagOf(
    cluster: string,
    groups: ConsumerGroupDescription[],
    now: number,
    historyFrom: number,
    committed?: Parameters<LagReader['lagOf']>[2]['committed'],
  ) {
    return this.reader.lagOf(cluster, groups, { now, historyFrom, committed });
  }

  private async summary(
    cluster: string,
    g: ConsumerGroupDescription,
    lag: GroupLagOf | undefined,
  ): Promise<ConsumerGroupSummary> {
    return {
      groupId: g.groupId,
      state: g.state,
      protocolType: g.protocolType,
      members: g.members.length,
      topics: lag?.topics ?? [],
      totalLag: lag?.lag.totalLag ?? 0,
      status: lag?.lag.status ?? (g.members.length === 0 ? 'EMPTY' : 'OK'),
      owner: await this.owners.ownerOf(cluster, g.groupId),
    };
  }

  /**
   * One page of groups: names come from ListGroups on every broker; only the
   * page is described and has its offsets read. A state filter describes
   * every group matching `q` (cached for 15 s).
   */
  async listGroups(
    cluster: string,
    query: ConsumerGroupListQuery,
    /** With `query.owned`: the caller's groups (and user) that may own. */
    ownerRefs: readonly string[] = [],
  ): Promise<ConsumerGroupListResponse> {
    const admin = this.clusters.admin(cluster);
    const listing = await this.groupLists.get(cluster, () =>
      admin.listGroups(),
    );
    const q = query.q?.toLocaleLowerCase('en-US');
    let ids = listing.groups
      .map(g => g.groupId)
      .filter(id => !q || id.toLocaleLowerCase('en-US').includes(q));
    let described: Map<string, ConsumerGroupDescription> | undefined;
    if (query.state) {
      const all = await this.groupStates.get(`${cluster}\u0000${q ?? ''}`, () =>
        admin.describeGroups(ids),
      );
      described = new Map(all.map(g => [g.groupId, g]));
      const wanted = query.state.toLocaleLowerCase('en-US');
      ids = ids.filter(
        id => described!.get(id)?.state.toLocaleLowerCase('en-US') === wanted,
      );
    }
    if (query.owned) {
      // After the state filter, whose cache holds every group matching `q`
      // whoever asks.
      const owners = await this.owners.ownersOf(cluster, ids);
      ids = ids.filter((_, i) => {
        const owner = owners[i];
        return owner !== null && ownerRefs.includes(owner);
      });
    }
    const pageIds = ids.slice(query.offset, query.offset + query.limit);
    const page = described
      ? pageIds.map(id => described!.get(id)!)
      : await admin.describeGroups(pageIds);
    const now = Date.now();
    const lags = await this.lagOf(
      cluster,
      page,
      now,
      now - this.config.windowMs,
    );
    return {
      items: await Promise.all(
        page.map(g => this.summary(cluster, g, lags.get(g.groupId))),
      ),
      totalCount: ids.length,
      offset: query.offset,
      limit: query.limit,
      unreachableBrokers: listing.unreachableBrokers,
    };
  }

  /**
   * The current lag of these groups (for the alert evaluator): described,
   * with live offsets and the samples of the window.
   */
  async lagOfGroups(
    cluster: string,
    groupIds: string[],
  ): Promise<
    Map<string, { lag: GroupLagResult; topics: string[]; members: number }>
  > {
    const groups = await this.clusters.admin(cluster).describeGroups(groupIds);
    const now = Date.now();
    const lags = await this.lagOf(
      cluster,
      groups,
      now,
      now - this.config.retentionMs,
    );
    return new Map(
      groups.map(g => [
        g.groupId,
        { ...lags.get(g.groupId)!, members: g.members.length },
      ]),
    );
  }

  /** Whether the caller may manage alert rules of the group. */
  async canManageGroup(
    cluster: string,
    caller: Caller,
    groupId: string,
    topics: string[],
  ) {
    const owner = await this.owners.ownerOf(cluster, groupId);
    return (
      this.policy.isApprover(caller) ||
      (owner !== null && caller.ownershipEntityRefs.includes(owner)) ||
      topics.some(t => this.policy.owns(caller, t))
    );
  }

  /** The group and its committed offsets; not found when it has neither. */
  private async describeOne(cluster: string, groupId: string) {
    const admin = this.clusters.admin(cluster);
    const [[group], committed] = await Promise.all([
      admin.describeGroups([groupId]),
      admin.fetchCommittedOffsets(groupId),
    ]);
    if (group.state === 'Dead' && committed.length === 0) {
      throw new NotFoundError(
        `Consumer group '${groupId}' does not exist in cluster '${cluster}'`,
      );
    }
    return { group, committed };
  }

  /** Members, assignments and per-partition lag of one group; the sampler watches it for a while. */
  async groupDetail(
    cluster: string,
    groupId: string,
    caller: Caller,
  ): Promise<ConsumerGroupDetail> {
    const { group, committed } = await this.describeOne(cluster, groupId);
    const now = Date.now();
    await this.store.watch(
      cluster,
      groupId,
      now + this.config.recentViewMs,
      this.config.limits.watchedGroupsPerCluster,
    );
    const found = (
      await this.lagOf(
        cluster,
        [group],
        now,
        now - this.config.retentionMs,
        new Map([[groupId, committed]]),
      )
    ).get(groupId)!;
    const { lag } = found;
    const assigned = new Map<string, { memberId: string; clientId: string }>();
    for (const m of group.members) {
      for (const a of m.assignments) {
        for (const p of a.partitions) assigned.set(`${a.topic}\u0000${p}`, m);
      }
    }
    return {
      ...(await this.summary(cluster, group, found)),
      cluster,
      statusReason: lag.statusReason,
      maxTimeLagMs: lag.maxTimeLagMs,
      catchUp: lag.catchUp,
      consumeRate: lag.consumeRate,
      produceRate: lag.produceRate,
      windowMs: this.config.windowMs,
      members: group.members.map(m => ({
        memberId: m.memberId,
        clientId: m.clientId,
        host: m.clientHost,
        assignments: m.assignments,
      })),
      partitions: lag.partitions.map((p, i) => {
        const member = assigned.get(`${p.topic}\u0000${p.partition}`);
        return {
          topic: found.inputs[i].topic,
          partition: found.inputs[i].partition,
          committedOffset: String(found.inputs[i].committedOffset),
          endOffset: String(found.inputs[i].endOffset),
          lag: p.lag,
          timeLagMs: p.timeLagMs,
          timeLagAtLeast: p.timeLagAtLeast,
          consumeRate: p.consumeRate,
          produceRate: p.produceRate,
          catchUp: p.catchUp,
          memberId: member?.memberId ?? null,
          clientId: member?.clientId ?? null,
        };
      }),
      links: fillLinks(this.clusters.get(cluster).links, {
        kind: 'group',
        cluster,
        group: groupId,
      }),
      sampledAt:
        found.lastSampleAt === null
          ? null
          : new Date(found.lastSampleAt).toISOString(),
      canManageAlerts: await this.canManageGroup(
        cluster,
        caller,
        groupId,
        found.topics,
      ),
    };
  }

  /** The group's lag per sampler cycle over the last `minutes`. */
  async groupHistory(
    cluster: string,
    groupId: string,
    minutes: number,
  ): Promise<GroupLagHistory> {
    this.clusters.get(cluster);
    const now = Date.now();
    // Watched only when the group exists: a made-up id costs nothing.
    const [described] = await this.clusters
      .admin(cluster)
      .describeGroups([groupId]);
    if (described && described.state !== 'Dead') {
      await this.store.watch(
        cluster,
        groupId,
        now + this.config.recentViewMs,
        this.config.limits.watchedGroupsPerCluster,
      );
    }
    const from = now - minutes * 60_000;
    const samples = await this.store.groupSamples(cluster, groupId, from);
    const topics = [
      ...new Set(samples.flatMap(s => [...s.offsets.keys()])),
    ].sort();
    const topicSamples = await this.store.topicSamplesOf(
      cluster,
      topics,
      now - this.config.retentionMs,
    );
    const points = historyPoints(samples, topicSamples);
    return { groupId, points };
  }

  /**
   * The groups reading a topic (from the group index, no older than
   * `maxIndexAgeMs` when given), with their lag on it.
   */
  async topicConsumers(
    cluster: string,
    topic: string,
    maxIndexAgeMs?: number,
  ): Promise<TopicConsumersResponse> {
    await this.clusters.admin(cluster).describeTopic(topic);
    const readers = await this.index.groupsReading(
      cluster,
      topic,
      maxIndexAgeMs,
    );
    const groups = await this.clusters.admin(cluster).describeGroups(readers);
    const now = Date.now();
    const lags = await this.lagOf(
      cluster,
      groups,
      now,
      now - this.config.retentionMs,
    );
    return {
      topic,
      items: groups.map(g => {
        const found = lags.get(g.groupId)!;
        const mine = found.lag.partitions.filter(p => p.topic === topic);
        const times = mine
          .map(p => p.timeLagMs)
          .filter((t): t is number => t !== null);
        return {
          groupId: g.groupId,
          state: g.state,
          members: g.members.length,
          lag: mine.reduce((sum, p) => sum + p.lag, 0),
          maxTimeLagMs: times.length ? Math.max(...times) : null,
          status: found.lag.status,
        };
      }),
    };
  }
}
