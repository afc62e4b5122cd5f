import { LoggerService } from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import {
  CATALOG_CHANGES_EVENT_TOPIC,
  CatalogChange,
} from '@eventport/plugin-event-streaming-common';
import { CatalogSnapshotService } from './CatalogSnapshotService';

/** What an Eventport route or executor changed on one cluster. */
export interface CatalogTouch {
  topics?: string[];
  removedTopics?: string[];
  schemas?: Array<{ groupId: string; artifactId: string }>;
  connectors?: string[];
  removedConnectors?: string[];
  /** Pipeline ids; a pipeline that is closed now is removed. */
  pipelines?: string[];
}

/** Where changes made through Eventport are reported; the catalog listens. */
export interface CatalogChangeListener {
  touched(cluster: string, touch: CatalogTouch): void;
}

/** For services built without a catalog (benchmarks and some tests). */
export const noCatalogChanges: CatalogChangeListener = { touched: () => {} };

/**
 * Announces changes made through Eventport on the events service, with the
 * changed items read back fresh, so that the catalog module applies them as
 * a delta within seconds instead of at the next full refresh. Announcing
 * never fails the change itself: a failure is logged, and the next full
 * refresh catches up.
 */
export class CatalogChanges implements CatalogChangeListener {
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly snapshots: CatalogSnapshotService,
    private readonly events: EventsService,
    private readonly logger: LoggerService,
  ) {}

  touched(cluster: string, touch: CatalogTouch): void {
    const done = this.announce(cluster, touch)
      .catch(error =>
        this.logger.warn(
          `Could not announce a catalog change on cluster '${cluster}'; the next full refresh will show it: ${error}`,
        ),
      )
      .finally(() => this.pending.delete(done));
    this.pending.add(done);
  }

  /** Resolves once every announcement so far is out (for tests and shutdown). */
  async settled(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  private async announce(cluster: string, touch: CatalogTouch) {
    const s = this.snapshots;
    const topicNames = touch.topics ?? [];
    const [topics, schemas, connectors, pipelines] = await Promise.all([
      topicNames.length ? s.topics(cluster, topicNames) : [],
      touch.schemas?.length ? s.schemas(cluster, touch.schemas) : [],
      touch.connectors?.length ? s.connectors(cluster, touch.connectors) : [],
      Promise.all((touch.pipelines ?? []).map(id => s.pipeline(id))),
    ]);
    const found = new Set(topics.map(t => t.name));
    const connectorsFound = new Set(connectors.map(c => c.name));
    const change: CatalogChange = {
      cluster,
      upsert: {
        topics,
        schemas,
        connectors,
        pipelines: pipelines.flatMap(p => (p?.live ? [p.live] : [])),
      },
      remove: {
        topics: [
          ...(touch.removedTopics ?? []),
          ...topicNames.filter(t => !found.has(t)),
        ],
        schemas: [],
        connectors: [
          ...(touch.removedConnectors ?? []),
          ...(touch.connectors ?? []).filter(c => !connectorsFound.has(c)),
        ],
        pipelines: pipelines.flatMap(p => (p && !p.live ? [p.name] : [])),
      },
    };
    await this.events.publish({
      topic: CATALOG_CHANGES_EVENT_TOPIC,
      eventPayload: change,
    });
  }
}
