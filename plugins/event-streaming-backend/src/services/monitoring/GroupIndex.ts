import { LoggerService } from '@backstage/backend-plugin-api';
import { ClusterRegistry } from '../ClusterRegistry';
import { inBatches } from './batches';

/** Committed offsets are read from this many groups at a time while indexing. */
const SCAN_CONCURRENCY = 32;
/** How often the index is rebuilt, at most. */
export const DEFAULT_GROUP_SCAN_MS = 5 * 60_000;

interface Built {
  at: number;
  byTopic: Map<string, string[]>;
  groups: number;
}

/**
 * Which groups read which topic. Kafka keeps no such index: it is built by
 * reading the committed offsets of every group, at most once per scan
 * interval and at bounded concurrency. Readers get the last index at once
 * while a newer one is built; only the very first read waits for it.
 */
export class GroupIndex {
  private readonly built = new Map<string, Built>();
  private readonly building = new Map<string, Promise<Built>>();

  constructor(
    private readonly clusters: ClusterRegistry,
    private readonly logger: LoggerService,
    private readonly scanIntervalMs = DEFAULT_GROUP_SCAN_MS,
  ) {}

  /**
   * Groups with committed offsets on the topic, sorted. With `maxAgeMs`,
   * from an index no older than that (waiting for a new one if needed):
   * an approval's evidence must not miss a group that started reading a
   * minute ago. Builds are shared, so at most one runs per cluster.
   */
  async groupsReading(
    cluster: string,
    topic: string,
    maxAgeMs?: number,
  ): Promise<string[]> {
    const index =
      maxAgeMs === undefined
        ? await this.current(cluster)
        : await this.noOlderThan(cluster, maxAgeMs);
    return index.byTopic.get(topic) ?? [];
  }

  private async noOlderThan(cluster: string, maxAgeMs: number) {
    const last = this.built.get(cluster);
    if (last && Date.now() - last.at < maxAgeMs) return last;
    return this.building.get(cluster) ?? this.build(cluster);
  }

  /** Forgets the index, so that the next read rebuilds it (after a change made through the portal). */
  invalidate(cluster: string) {
    this.built.delete(cluster);
  }

  private async current(cluster: string): Promise<Built> {
    const last = this.built.get(cluster);
    if (last && Date.now() - last.at < this.scanIntervalMs) return last;
    const pending = this.building.get(cluster) ?? this.build(cluster);
    if (last) {
      pending.catch(() => {});
      return last;
    }
    return pending;
  }

  private build(cluster: string): Promise<Built> {
    const promise = (async () => {
      const started = Date.now();
      const admin = this.clusters.admin(cluster);
      const { groups } = await admin.listGroups();
      const byTopic = new Map<string, Set<string>>();
      await inBatches(groups, SCAN_CONCURRENCY, async g => {
        const offsets = await admin
          .fetchCommittedOffsets(g.groupId)
          .catch(() => []);
        for (const o of offsets) {
          let readers = byTopic.get(o.topic);
          if (!readers) {
            readers = new Set();
            byTopic.set(o.topic, readers);
          }
          readers.add(g.groupId);
        }
      });
      const built: Built = {
        at: Date.now(),
        groups: groups.length,
        byTopic: new Map(
          [...byTopic].map(([topic, readers]) => [topic, [...readers].sort()]),
        ),
      };
      this.built.set(cluster, built);
      this.logger.debug(
        `Indexed the topics of ${
          groups.length
        } consumer groups of '${cluster}' in ${built.at - started} ms`,
      );
      return built;
    })();
    this.building.set(cluster, promise);
    promise
      .finally(() => this.building.delete(cluster))
      .catch(error =>
        this.logger.warn(
          `Indexing the consumer groups of '${cluster}' failed: ${
            (error as Error).message
          }`,
        ),
      );
    return promise;
  }
}
