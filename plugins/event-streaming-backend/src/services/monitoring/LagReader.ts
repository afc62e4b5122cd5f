import {
  CommittedOffset,
  ConsumerGroupDescription,
  MonitoringConfig,
  TopicMetadata,
} from '@eventport/plugin-event-streaming-node';
import { ClusterRegistry } from '../ClusterRegistry';
import { inBatches } from './batches';
import { partitionInputs, topicsOf } from './groupInputs';
import { groupLag, GroupLagResult, PartitionSeriesInput } from './lagModel';
import { SampleStore } from './SampleStore';
import { TtlCache } from './ttlCache';

/** A group's lag with the model's inputs, in the same order as its partitions. */
export interface GroupLagOf {
  lag: GroupLagResult;
  inputs: PartitionSeriesInput[];
  topics: string[];
  /** When the newest sample of the group inside the window was taken. */
  lastSampleAt: number | null;
}

/** Groups whose committed offsets are read at a time. */
const OFFSET_CONCURRENCY = 16;

/**
 * Reads the lag of described groups: committed offsets (one OffsetFetch per
 * group, unless the caller has them), end offsets of every topic involved
 * (one ListOffsets per leader), and the sampler's history, into the lag
 * model.
 */
export class LagReader {
  private readonly topicMetadata = new TtlCache<TopicMetadata[]>(10_000);

  constructor(
    private readonly clusters: ClusterRegistry,
    private readonly store: SampleStore,
    private readonly config: MonitoringConfig,
  ) {}

  /** The cluster's topics, cached for 10 s. */
  topics(cluster: string) {
    return this.topicMetadata.get(cluster, () =>
      this.clusters.admin(cluster).listTopics(),
    );
  }

  /** Live end offsets of these topics (one ListOffsets per leader). */
  async endOffsets(cluster: string, topics: string[]) {
    if (topics.length === 0) return new Map<string, Map<number, string>>();
    const wanted = new Set(topics);
    const metadata = (await this.topics(cluster)).filter(t =>
      wanted.has(t.name),
    );
    return this.clusters.admin(cluster).fetchEndOffsets(metadata);
  }

  /**
   * The lag of these groups now, from live offsets and the topic samples
   * since `historyFrom`. `committed` holds offsets the caller already read.
   */
  async lagOf(
    cluster: string,
    groups: ConsumerGroupDescription[],
    options: {
      now: number;
      historyFrom: number;
      committed?: Map<string, CommittedOffset[]>;
    },
  ): Promise<Map<string, GroupLagOf>> {
    const { now, historyFrom } = options;
    const admin = this.clusters.admin(cluster);
    const committed = await inBatches(
      groups,
      OFFSET_CONCURRENCY,
      async g =>
        options.committed?.get(g.groupId) ??
        (await admin.fetchCommittedOffsets(g.groupId)),
    );
    const topics = [...new Set(committed.flatMap(topicsOf))].sort();
    const windowMs = this.config.windowMs;
    const [ends, topicSamples, groupSamples] = await Promise.all([
      this.endOffsets(cluster, topics),
      this.store.topicSamplesOf(cluster, topics, historyFrom),
      this.store.groupSamplesOf(
        cluster,
        groups.map(g => g.groupId),
        now - windowMs,
      ),
    ]);
    const result = new Map<string, GroupLagOf>();
    groups.forEach((g, i) => {
      const samples = groupSamples.get(g.groupId) ?? [];
      const inputs = partitionInputs({
        now,
        windowMs,
        committed: committed[i],
        ends,
        topicSamples,
        groupSamples: samples,
      });
      result.set(g.groupId, {
        inputs,
        topics: topicsOf(committed[i]),
        lastSampleAt: samples.length ? samples[samples.length - 1].at : null,
        lag: groupLag({
          now,
          windowMs,
          members: g.members.length,
          partitions: inputs,
        }),
      });
    });
    return result;
  }
}
