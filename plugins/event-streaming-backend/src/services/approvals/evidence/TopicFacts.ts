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

  /** Consumer groups with committed offsets on the topic, with their lag. */
  async readers(cluster: string, topic: string): Promise<Fact[]> {
    const { items } = await this.deps.monitoring.topicConsumers(
      cluster,
      topic,
      READERS_MAX_AGE_MS,
    );
    return (
      items
        // A group deleted since the index was built reads nothing.
        .filter(g => g.state.toLowerCase() !== 'dead')
        .map(g => ({
          label: g.groupId,
          detail: `lag ${count(g.lag, 'message')}${
            g.maxTimeLagMs !== null ? ` (${behind(g.maxTimeLagMs)} behind)` : ''
          }, ${g.state.toLowerCase()}, ${count(g.members, 'member')}`,
        }))
    );
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
