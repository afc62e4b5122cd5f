import {
  AuthService,
  DiscoveryService,
  LoggerService,
  RootConfigService,
  SchedulerService,
  SchedulerServiceTaskRunner,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import {
  CatalogChange,
  CatalogConnector,
  CatalogPipeline,
  CatalogSchemaArtifact,
  CatalogSnapshot,
  CatalogTopic,
} from '@eventport/plugin-event-streaming-common';
import {
  KafkaClusterConfig,
  readClusterConfigs,
} from '@eventport/plugin-event-streaming-node';
import {
  connectorEntity,
  connectorRef,
  EntityContext,
  pipelineEntity,
  pipelineRef,
  schemaEntity,
  schemaRef,
  topicEntity,
  topicRef,
} from './entities';
import { BackendSnapshotSource, SnapshotSource } from './SnapshotSource';

const DEFAULT_SCHEDULE = {
  frequency: { minutes: 10 },
  timeout: { minutes: 5 },
};
/**
 * The owner of what nobody owns, unless `eventStreaming.catalog.defaultOwner` says.
 *
 * @public
 */
export const DEFAULT_OWNER = 'group:default/unowned';

type Part = 'topics' | 'schemas' | 'connectors' | 'pipelines';
const PARTS: Part[] = ['topics', 'schemas', 'connectors', 'pipelines'];

/** The last good state of a cluster, part by part. */
interface State {
  topics: Map<string, CatalogTopic>;
  schemas: Map<string, CatalogSchemaArtifact>;
  connectors: Map<string, CatalogConnector>;
  pipelines: Map<string, CatalogPipeline>;
}

const schemaKey = (s: { groupId: string; artifactId: string }) =>
  `${s.groupId}/${s.artifactId}`;

/**
 * What a refresh did, for logs, tests and the ingest benchmark.
 *
 * @public
 */
export interface RefreshResult {
  /** `full`, `partial` (a delta of the parts that could be read), or `skipped`. */
  mutation: 'full' | 'partial' | 'skipped';
  entities: number;
  problems: string[];
}

/**
 * Provides catalog entities for one Kafka cluster: topics, schemas,
 * connectors and CDC pipelines, as described in DESIGN.md's catalog model.
 *
 * A full mutation runs on the schedule. Changes made through Eventport
 * arrive as events and are applied as deltas at once. When the backend or
 * one of the cluster's systems cannot be read, the last good entities of
 * that part stay: an outage never empties the catalog.
 *
 * @public
 */
export class EventStreamingEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  private state: State = {
    topics: new Map(),
    schemas: new Map(),
    connectors: new Map(),
    pipelines: new Map(),
  };
  /** Parts read at least once since start: only those may be replaced in full. */
  private readonly loaded = new Set<Part>();
  /** Changes that arrive while a refresh reads: replayed onto its result. */
  private duringRefresh?: CatalogChange[];
  private readonly ctx: EntityContext;

  static fromConfig(
    config: RootConfigService,
    options: {
      logger: LoggerService;
      scheduler: SchedulerService;
      discovery: DiscoveryService;
      auth: AuthService;
      /** Replaces the Eventport backend as the source (tests, benchmarks). */
      source?: SnapshotSource;
    },
  ): EventStreamingEntityProvider[] {
    const scheduleConfig = config.getOptionalConfig(
      'eventStreaming.catalog.schedule',
    );
    const schedule = scheduleConfig
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(scheduleConfig)
      : DEFAULT_SCHEDULE;
    const defaultOwner =
      config.getOptionalString('eventStreaming.catalog.defaultOwner') ??
      DEFAULT_OWNER;
    const source =
      options.source ??
      new BackendSnapshotSource(options.discovery, options.auth);
    return readClusterConfigs(config).map(
      cluster =>
        new EventStreamingEntityProvider(
          cluster,
          defaultOwner,
          source,
          options.logger.child({ cluster: cluster.name }),
          options.scheduler.createScheduledTaskRunner(schedule),
        ),
    );
  }

  private constructor(
    private readonly cluster: KafkaClusterConfig,
    defaultOwner: string,
    private readonly source: SnapshotSource,
    private readonly logger: LoggerService,
    private readonly taskRunner: SchedulerServiceTaskRunner,
  ) {
    this.ctx = {
      cluster,
      defaultOwner,
      location: `eventport:${this.getProviderName()}`,
    };
  }

  getProviderName(): string {
    return `event-streaming:${this.cluster.name}`;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.taskRunner.run({
      id: `${this.getProviderName()}:refresh`,
      fn: async () => {
        await this.refresh();
      },
    });
  }

  private requireConnection(): EntityProviderConnection {
    if (!this.connection) {
      throw new Error(`${this.getProviderName()} is not connected yet`);
    }
    return this.connection;
  }

  /**
   * Replaces every entity of this provider with the cluster's current state.
   * What cannot be read keeps its last good entities, and the cause is
   * logged.
   */
  async refresh(): Promise<RefreshResult> {
    const connection = this.requireConnection();
    const started = Date.now();
    this.duringRefresh = [];
    let snapshot: CatalogSnapshot;
    try {
      snapshot = await this.source.snapshot(this.cluster.name);
    } catch (error) {
      this.duringRefresh = undefined;
      this.logger.error(
        `${this.getProviderName()}: could not read the cluster, keeping the last good entities: ${error}`,
      );
      return { mutation: 'skipped', entities: 0, problems: [String(error)] };
    }
    const next: State = { ...this.state };
    const missing: Part[] = [];
    for (const part of PARTS) {
      const items = snapshot[part];
      if (items === null) {
        missing.push(part);
        continue;
      }
      this.loaded.add(part);
      next[part] = new Map(
        (
          items as Array<
            | CatalogTopic
            | CatalogSchemaArtifact
            | CatalogConnector
            | CatalogPipeline
          >
        ).map(item => [keyOf(part, item), item]),
      ) as never;
    }
    this.state = next;
    for (const change of this.duringRefresh) this.merge(change);
    this.duringRefresh = undefined;
    if (snapshot.problems.length) {
      this.logger.error(
        `${this.getProviderName()}: kept the last good ${missing.join(
          ', ',
        )} entities; ${snapshot.problems.join('; ')}`,
      );
    }
    const entities = this.entities();
    const deferred = entities.map(entity => ({
      entity,
      locationKey: this.getProviderName(),
    }));
    // A part never read since start has no last good state here, while the
    // catalog still holds its entities from before: a full mutation would
    // delete them. Add and replace only, until every part has been read.
    const full = missing.every(part => this.loaded.has(part));
    await connection.applyMutation(
      full
        ? { type: 'full', entities: deferred }
        : { type: 'delta', added: deferred, removed: [] },
    );
    this.logger.info(
      `${this.getProviderName()}: ${full ? 'full' : 'partial'} refresh of ${
        entities.length
      } entities (${this.state.topics.size} topics, ${
        this.state.schemas.size
      } schemas, ${this.state.connectors.size} connectors, ${
        this.state.pipelines.size
      } CDC pipelines) in ${Date.now() - started} ms`,
    );
    return {
      mutation: full ? 'full' : 'partial',
      entities: entities.length,
      problems: snapshot.problems,
    };
  }

  /**
   * Applies a change made through Eventport as a delta. Changes of other
   * clusters are ignored.
   */
  async applyChange(change: CatalogChange): Promise<void> {
    if (change.cluster !== this.cluster.name) return;
    const connection = this.requireConnection();
    this.duringRefresh?.push(change);
    this.merge(change);
    const name = this.cluster.name;
    const added: Entity[] = [];
    const topicsToEmit = new Set(change.upsert.topics.map(t => t.name));
    for (const s of change.upsert.schemas) {
      added.push(schemaEntity(this.ctx, s));
      if (s.topic && this.state.topics.has(s.topic)) topicsToEmit.add(s.topic);
    }
    const schemas = [...this.state.schemas.values()];
    for (const topic of topicsToEmit) {
      const t = this.state.topics.get(topic);
      if (t) added.push(topicEntity(this.ctx, t, schemas));
    }
    for (const c of change.upsert.connectors) {
      added.push(connectorEntity(this.ctx, c));
    }
    for (const p of change.upsert.pipelines) {
      added.push(pipelineEntity(this.ctx, p));
    }
    const removed = [
      ...change.remove.topics.map(t => topicRef(name, t)),
      ...change.remove.schemas.map(ref => {
        const [groupId, ...rest] = ref.split('/');
        return schemaRef(name, groupId, rest.join('/'));
      }),
      ...change.remove.connectors.map(c => connectorRef(name, c)),
      ...change.remove.pipelines.map(p => pipelineRef(name, p)),
    ];
    if (!added.length && !removed.length) return;
    await connection.applyMutation({
      type: 'delta',
      added: added.map(entity => ({
        entity,
        locationKey: this.getProviderName(),
      })),
      removed: removed.map(entityRef => ({
        entityRef,
        locationKey: this.getProviderName(),
      })),
    });
    this.logger.info(
      `${this.getProviderName()}: applied a change (${
        added.length
      } added or replaced, ${removed.length} removed)`,
    );
  }

  /** The change folded into the state. */
  private merge(change: CatalogChange) {
    const s = this.state;
    for (const t of change.upsert.topics) s.topics.set(t.name, t);
    for (const a of change.upsert.schemas) s.schemas.set(schemaKey(a), a);
    for (const c of change.upsert.connectors) s.connectors.set(c.name, c);
    for (const p of change.upsert.pipelines) s.pipelines.set(p.name, p);
    for (const t of change.remove.topics) s.topics.delete(t);
    for (const a of change.remove.schemas) s.schemas.delete(a);
    for (const c of change.remove.connectors) s.connectors.delete(c);
    for (const p of change.remove.pipelines) s.pipelines.delete(p);
  }

  /** Every entity of the current state. */
  entities(): Entity[] {
    const schemas = [...this.state.schemas.values()];
    const entities: Entity[] = [
      ...[...this.state.topics.values()].map(t =>
        topicEntity(this.ctx, t, schemas),
      ),
      ...schemas.map(s => schemaEntity(this.ctx, s)),
      ...[...this.state.connectors.values()].map(c =>
        connectorEntity(this.ctx, c),
      ),
      ...[...this.state.pipelines.values()].map(p =>
        pipelineEntity(this.ctx, p),
      ),
    ];
    // Two items that map to one name (possible only for hashed names) would
    // make the catalog refuse the whole mutation: keep the first, say so.
    const seen = new Set<string>();
    return entities.filter(e => {
      const ref = stringifyEntityRef(e);
      if (!seen.has(ref)) {
        seen.add(ref);
        return true;
      }
      this.logger.warn(
        `${this.getProviderName()}: two items map to ${ref}; left out '${
          e.metadata.title
        }'`,
      );
      return false;
    });
  }
}

function keyOf(
  part: Part,
  item:
    | CatalogTopic
    | CatalogSchemaArtifact
    | CatalogConnector
    | CatalogPipeline,
): string {
  return part === 'schemas'
    ? schemaKey(item as CatalogSchemaArtifact)
    : (item as { name: string }).name;
}
