/**
 * Facts about one topic, as the evidence of several kinds needs them: who
 * reads it, what was written to it, which components declare it, which
 * connectors use it and which schemas are named after it.
 */
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { topicEntityRef } from '@eventport/plugin-event-streaming-common';
import { CatalogSnapshotService } from '../../catalog/CatalogSnapshotService';
import { ClusterRegistry } from '../../ClusterRegistry';
import { MonitoringService } from '../../monitoring/MonitoringService';
import { SampleStore } from '../../monitoring/SampleStore';
import { SchemaService } from '../../schemas/SchemaService';
import { behind, count, Fact, HOUR_MS } from './facts';

/** The group index the evidence reads is at most this old. */
const READERS_MAX_AGE_MS = 30_000;
/** Reader groups whose commit history the evidence reads, at most. */
const MAX_COMMIT_HISTORIES = 20;

export interface TopicFactsDeps {
  clusters: ClusterRegistry;
  monitoring: MonitoringService;
  samples: SampleStore;
  catalog: CatalogService;
  catalogSnapshot: CatalogSnapshotService;
  schemas: SchemaService;
}

export class TopicFacts {
  constructor(private readonly deps: TopicFactsDeps) {}

  /**
   * Consumer groups with committed offsets on the topic, with their lag;
   * with `commits`, also when their offsets last moved (the first
   * MAX_COMMIT_HISTORIES groups, from the sampler's last hour).
   */
  async readers(
    cluster: string,
    topic: string,
    options: { commits?: boolean } = {},
  ): Promise<Fact[]> {
    const { items } = await this.deps.monitoring.topicConsumers(
      cluster,
      topic,
      READERS_MAX_AGE_MS,
    );
    // A group deleted since the index was built reads nothing.
    const live = items.filter(g => g.state.toLowerCase() !== 'dead');
    return Promise.all(
      live.map(async (g, i) => {
        const commit =
          options.commits && i < MAX_COMMIT_HISTORIES
            ? `; ${await this.lastCommit(cluster, g.groupId, topic)}`
            : '';
        return {
          label: g.groupId,
          detail: `lag ${count(g.lag, 'message')}${
            g.maxTimeLagMs !== null ? ` (${behind(g.maxTimeLagMs)} behind)` : ''
          }, ${g.state.toLowerCase()}, ${count(g.members, 'member')}${commit}`,
        };
      }),
    );
  }

  /**
   * When the group's committed offsets on the topic last moved, in words,
   * from its samples of the last hour. Kafka keeps no commit time; the
   * sampler sees a commit as offsets that differ between two cycles.
   */
  private async lastCommit(
    cluster: string,
    groupId: string,
    topic: string,
  ): Promise<string> {
    const samples = await this.deps.samples.groupSamples(
      cluster,
      groupId,
      Date.now() - HOUR_MS,
    );
    const seen = samples.flatMap(s => {
      const partitions = s.offsets.get(topic);
      if (!partitions) return [];
      let total = 0;
      for (const offset of partitions.values()) total += offset;
      return [{ at: s.at, total }];
    });
    if (seen.length < 2) {
      return 'its commits were not sampled in the last hour (the sampler watches the groups a page, an alert rule or the catalog asked for)';
    }
    for (let k = seen.length - 1; k > 0; k--) {
      if (seen[k].total !== seen[k - 1].total) {
        return `last commit at or before ${new Date(seen[k].at).toISOString()}`;
      }
    }
    const minutes = Math.max(
      1,
      Math.round((seen[seen.length - 1].at - seen[0].at) / 60_000),
    );
    return `no commit in the ${minutes} sampled min`;
  }

  /** Messages written in the last hour, from the sampler's end offsets. */
  async written(cluster: string, topic: string): Promise<Fact[]> {
    const samples = await this.deps.samples.topicSamples(
      cluster,
      topic,
      Date.now() - HOUR_MS,
    );
    if (samples.length < 2) {
      throw new Error(
        'the offset sampler has not read the topic twice in the last hour, so its writes are unknown',
      );
    }
    const total = (ends: Array<number | null>) =>
      ends.reduce<number>((sum, end) => sum + (end ?? 0), 0);
    const first = samples[0];
    const last = samples[samples.length - 1];
    const written = Math.max(0, total(last.ends) - total(first.ends));
    if (written === 0) return [];
    const minutes = Math.max(1, Math.round((last.at - first.at) / 60_000));
    return [
      {
        label: `${count(written, 'message')} in ${minutes} min`,
        detail: `last at or before ${new Date(last.at).toISOString()}`,
      },
    ];
  }

  /**
   * Components whose `eventport.io/produces-topics` or `consumes-topics`
   * names the topic, as the catalog relates them, read with the viewer's
   * credentials: the evidence never names an entity its viewer cannot see.
   */
  async declaredBy(
    cluster: string,
    topic: string,
    credentials?: BackstageCredentials,
  ): Promise<Fact[]> {
    if (!credentials) {
      throw new Error('read when the request is opened');
    }
    const ref = topicEntityRef(cluster, topic);
    const { items } = await this.deps.catalog.getEntities(
      {
        // Components only: schemas and connectors have sections of their own.
        filter: [
          { kind: 'component', 'relations.dependencyOf': ref },
          { kind: 'component', 'relations.dependsOn': ref },
        ],
      },
      { credentials },
    );
    return items.map(entity => {
      const produces = (entity.relations ?? []).some(
        r => r.type === 'dependencyOf' && r.targetRef === ref,
      );
      return {
        label: stringifyEntityRef(entity),
        detail: produces ? 'produces it' : 'consumes it',
      };
    });
  }

  /** Connectors whose used (or configured) topics include it. */
  async connectorsUsing(cluster: string, topic: string): Promise<Fact[]> {
    if (!this.deps.clusters.hasConnect(cluster)) return [];
    const names = (
      await this.deps.clusters.connect(cluster).listConnectors()
    ).map(c => c.name);
    const described = await this.deps.catalogSnapshot.connectors(
      cluster,
      names,
    );
    return described
      .filter(c => c.topics.includes(topic))
      .map(c => ({
        label: c.name,
        detail: `${c.type ?? 'connector'}, ${
          c.state?.toLowerCase() ?? 'state unknown'
        }${c.owner ? `, owned by ${c.owner}` : ''}`,
      }));
  }

  /** Registry artifacts named after the topic (`<topic>-key`, `<topic>-value`). */
  async schemasNamedAfter(cluster: string, topic: string): Promise<Fact[]> {
    if (!this.deps.clusters.get(cluster).schemaRegistry?.url) return [];
    const { items } = await this.deps.schemas.list(cluster, {
      topic,
      offset: 0,
      limit: 50,
    });
    return items.map(a => ({
      label: `${a.groupId}/${a.artifactId}`,
      detail: a.owner ? `owned by ${a.owner}` : 'no owner',
    }));
  }
}
