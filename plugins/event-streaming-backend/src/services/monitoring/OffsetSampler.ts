import { LoggerService } from '@backstage/backend-plugin-api';
import {
  KafkaAdmin,
  MonitoringConfig,
} from '@eventport/plugin-event-streaming-node';
import { ClusterRegistry } from '../ClusterRegistry';
import { inBatches } from './batches';
import { GroupIndex } from './GroupIndex';
import { SampleStore } from './SampleStore';
import { bucketStart, cyclesToDrop } from './thinning';

/** Committed offsets are read from this many groups at a time. */
const GROUP_CONCURRENCY = 16;

/** Where the sampler learns which groups matter beyond recent views. */
export interface WatchSource {
  /** Groups to sample, and topics whose reading groups are sampled too. */
  watched(cluster: string): Promise<{ groups: string[]; topics: string[] }>;
}

/** What one cycle did, for logs, tests and the benchmark. */
export interface CycleReport {
  cluster: string;
  at: number;
  topics: number;
  partitions: number;
  /** Partitions without an end offset (no leader, or the leader did not answer). */
  missingPartitions: number;
  groups: number;
  connectors: number;
  durationMs: number;
}

/**
 * The offset sampler: every cycle it records, per cluster, the end offset of
 * every partition (one ListOffsets per leader broker), the committed offsets
 * of the groups that matter (viewed recently, with alert rules, on catalog
 * entities, or reading a topic with a rule), and connector task states.
 * Then it deletes samples past retention and thins older ones.
 */
export class OffsetSampler {
  private readonly thinnedUpTo = new Map<string, number>();

  constructor(
    private readonly clusters: ClusterRegistry,
    private readonly store: SampleStore,
    private readonly index: GroupIndex,
    private readonly sources: WatchSource[],
    private readonly config: MonitoringConfig,
    private readonly logger: LoggerService,
  ) {}

  /** One cycle over every cluster; a failing cluster does not stop the others. */
  async runCycle(now = Date.now()): Promise<CycleReport[]> {
    const reports: CycleReport[] = [];
    for (const cluster of this.clusters.list()) {
      try {
        reports.push(await this.sampleCluster(cluster.name, now));
      } catch (error) {
        this.logger.warn(
          `Offset sampling of cluster '${cluster.name}' failed: ${
            (error as Error).message
          }`,
        );
      }
    }
    return reports;
  }

  /** The groups to sample in this cycle. */
  async groupsToWatch(cluster: string, now: number): Promise<string[]> {
    const groups = new Set(await this.store.watchedGroups(cluster, now));
    for (const source of this.sources) {
      const watched = await source.watched(cluster);
      watched.groups.forEach(g => groups.add(g));
      for (const topic of watched.topics) {
        (await this.index.groupsReading(cluster, topic)).forEach(g =>
          groups.add(g),
        );
      }
    }
    return [...groups].sort();
  }

  async sampleCluster(cluster: string, now: number): Promise<CycleReport> {
    const started = Date.now();
    const admin = this.clusters.admin(cluster);
    const topics = await admin.listTopics();
    const ends = await admin.fetchEndOffsets(topics);
    let partitions = 0;
    let missing = 0;
    const rows = new Map<string, Array<number | null>>();
    for (const topic of topics) {
      const byPartition = ends.get(topic.name);
      const offsets: Array<number | null> = [];
      for (const p of topic.partitions) {
        partitions++;
        const end = byPartition?.get(p.partition);
        if (end === undefined) missing++;
        offsets[p.partition] = end === undefined ? null : Number(end);
      }
      rows.set(
        topic.name,
        Array.from(offsets, v => v ?? null),
      );
    }
    await this.store.addTopicSamples(cluster, now, rows);

    const groups = await this.sampleGroups(admin, cluster, now);
    const connectors = await this.sampleConnectors(cluster, now);
    await this.prune(cluster, now);
    const report = {
      cluster,
      at: now,
      topics: topics.length,
      partitions,
      missingPartitions: missing,
      groups,
      connectors,
      durationMs: Date.now() - started,
    };
    this.logger.debug(
      `Sampled cluster '${cluster}': ${partitions} partitions of ${topics.length} topics, ${groups} groups, ${connectors} connectors in ${report.durationMs} ms`,
    );
    return report;
  }

  private async sampleGroups(
    admin: KafkaAdmin,
    cluster: string,
    now: number,
  ): Promise<number> {
    const groupIds = await this.groupsToWatch(cluster, now);
    if (groupIds.length === 0) return 0;
    const described = await admin.describeGroups(groupIds);
    const samples = await inBatches(described, GROUP_CONCURRENCY, async g => {
      const committed = await admin
        .fetchCommittedOffsets(g.groupId)
        .catch(error => {
          this.logger.warn(
            `Committed offsets of group '${g.groupId}' in '${cluster}': ${
              (error as Error).message
            }`,
          );
          return undefined;
        });
      if (!committed) return undefined;
      const offsets = new Map<string, Map<number, number>>();
      for (const c of committed) {
        let byPartition = offsets.get(c.topic);
        if (!byPartition) {
          byPartition = new Map();
          offsets.set(c.topic, byPartition);
        }
        byPartition.set(c.partition, Number(c.offset));
      }
      return {
        groupId: g.groupId,
        state: g.state,
        members: g.members.length,
        offsets,
      };
    });
    const present = samples.filter(
      (s): s is NonNullable<typeof s> => s !== undefined,
    );
    await this.store.addGroupSamples(cluster, now, present);
    return present.length;
  }

  private async sampleConnectors(cluster: string, now: number) {
    if (!this.clusters.hasConnect(cluster)) return 0;
    try {
      const connectors = await this.clusters.connect(cluster).listConnectors();
      await this.store.addConnectorSamples(
        cluster,
        now,
        connectors.map(c => ({
          name: c.name,
          state: c.status?.connector.state ?? 'UNKNOWN',
          tasks: (c.status?.tasks ?? []).map(
            t => [t.id, t.state] as [number, string],
          ),
        })),
      );
      return connectors.length;
    } catch (error) {
      // Connect being down must not cost the offset samples.
      this.logger.warn(
        `Connector sampling of cluster '${cluster}' failed: ${
          (error as Error).message
        }`,
      );
      return 0;
    }
  }

  /** Deletes samples past retention and thins those past full resolution. */
  private async prune(cluster: string, now: number) {
    const { retentionMs, fullResolutionMs, downsampleBucketMs } = this.config;
    await this.store.deleteOlderThan(cluster, now - retentionMs);
    const until = now - fullResolutionMs;
    // From where the last pass stopped; after a clock jump back, afresh.
    const last = this.thinnedUpTo.get(cluster);
    const from = bucketStart(
      last !== undefined && last <= until
        ? Math.max(last, now - retentionMs)
        : now - retentionMs,
      downsampleBucketMs,
    );
    if (until <= from) return;
    const cycles = await this.store.cycles(cluster, from, until);
    const drop = cyclesToDrop(cycles, downsampleBucketMs);
    if (drop.length > 0) await this.store.deleteCycles(cluster, drop);
    this.thinnedUpTo.set(cluster, until);
  }
}
