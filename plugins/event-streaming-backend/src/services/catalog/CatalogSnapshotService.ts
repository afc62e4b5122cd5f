import {
  CatalogConnector,
  CatalogPipeline,
  CatalogSchemaArtifact,
  CatalogSnapshot,
  CatalogTopic,
  CdcPipeline,
  CDC_CLOSED_STATUSES,
} from '@eventport/plugin-event-streaming-common';
import {
  ConnectConnector,
  SchemaArtifactSummary,
  TopicMetadata,
} from '@eventport/plugin-event-streaming-node';
import { ClusterRegistry } from '../ClusterRegistry';
import { CdcPipelineStore } from '../cdc/CdcPipelineStore';
import { configuredTopics } from '../connectors/connectorModel';
import { ConnectorOwnerStore } from '../connectors/ConnectorOwnerStore';
import { roleOfArtifact } from '../schemas/artifacts';
import { SchemaService } from '../schemas/SchemaService';
import { TopicDescriptionStore } from '../topics/TopicDescriptionStore';
import { TopicPolicy } from '../topics/TopicPolicy';
import { topicSummary } from '../topics/TopicService';
import { mapLimit } from './mapLimit';

/** Topics whose configs are asked for in one DescribeConfigs. */
const CONFIG_BATCH = 1000;
const SCHEMA_PAGE = 500;
/** Parallel requests to the registry or Connect while reading content or topics. */
const CONCURRENCY = 8;
/** Pipelines that hold nothing any more. */
const CLOSED = CDC_CLOSED_STATUSES;
const MAX_PIPELINES = 10_000;

/**
 * Topics of Kafka itself and of the tools around it (`__consumer_offsets`,
 * `_schemas`, Connect's `_connect-configs`): by convention their names
 * start with an underscore. They are not catalog entities.
 */
export function isInternalTopic(name: string): boolean {
  return name.startsWith('_');
}

/**
 * What the catalog needs of one cluster, read from Kafka, the schema
 * registry, Kafka Connect and the plugin's own records. Each part is read
 * on its own: one that fails is null with its cause in `problems`, so the
 * catalog keeps that part's last good entities and refreshes the others.
 */
export class CatalogSnapshotService {
  constructor(
    private readonly deps: {
      clusters: ClusterRegistry;
      policy: TopicPolicy;
      schemas: SchemaService;
      descriptions: TopicDescriptionStore;
      connectorOwners: ConnectorOwnerStore;
      pipelines: CdcPipelineStore;
    },
  ) {}

  async snapshot(cluster: string): Promise<CatalogSnapshot> {
    this.deps.clusters.get(cluster);
    const problems: string[] = [];
    const part = async <T>(what: string, read: () => Promise<T>) => {
      try {
        return await read();
      } catch (error) {
        problems.push(`${what}: ${(error as Error)?.message ?? error}`);
        return null;
      }
    };
    const [topics, schemas, connectors, pipelines] = await Promise.all([
      part('Kafka topics', () => this.topics(cluster)),
      part('schema registry', () => this.allSchemas(cluster)),
      part('Kafka Connect', () => this.allConnectors(cluster)),
      part('CDC pipelines', () => this.allPipelines(cluster)),
    ]);
    return { cluster, topics, schemas, connectors, pipelines, problems };
  }

  /** Topics of the cluster; all of them, or those named. Missing ones are left out. */
  async topics(cluster: string, names?: string[]): Promise<CatalogTopic[]> {
    const admin = this.deps.clusters.admin(cluster);
    let metadata: TopicMetadata[];
    if (names) {
      const found = await Promise.all(
        names.map(name =>
          admin.describeTopic(name).catch(error => {
            if ((error as Error)?.name === 'NotFoundError') return null;
            throw error;
          }),
        ),
      );
      metadata = found.filter((t): t is TopicMetadata => t !== null);
    } else {
      metadata = await admin.listTopics();
    }
    metadata = metadata.filter(t => !isInternalTopic(t.name));
    // A delta names a topic or two: read only theirs.
    const descriptions = names
      ? new Map(
          await Promise.all(
            metadata.map(
              async t =>
                [
                  t.name,
                  await this.deps.descriptions.get(cluster, t.name),
                ] as const,
            ),
          ),
        )
      : await this.deps.descriptions.all(cluster);
    const result: CatalogTopic[] = [];
    for (let i = 0; i < metadata.length; i += CONFIG_BATCH) {
      const batch = metadata.slice(i, i + CONFIG_BATCH);
      const configs = await admin.describeTopicConfigs(batch.map(t => t.name));
      for (const topic of batch) {
        // Gone between the list and the configs: deleted meanwhile.
        if (!configs.has(topic.name)) continue;
        const {
          name,
          partitions,
          replicationFactor,
          retentionMs,
          cleanupPolicy,
          owner,
        } = topicSummary(this.deps.policy, topic, configs.get(topic.name));
        result.push({
          name,
          partitions,
          replicationFactor,
          retentionMs,
          cleanupPolicy,
          owner,
          description: descriptions.get(topic.name) ?? null,
        });
      }
    }
    return result.sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  private async allSchemas(cluster: string): Promise<CatalogSchemaArtifact[]> {
    if (!this.deps.clusters.get(cluster).schemaRegistry?.url) return [];
    const registry = this.deps.schemas.registry(cluster);
    const summaries: SchemaArtifactSummary[] = [];
    for (let offset = 0; ; offset += SCHEMA_PAGE) {
      const page = await registry.searchArtifacts({
        offset,
        limit: SCHEMA_PAGE,
      });
      summaries.push(...page.artifacts);
      if (
        page.artifacts.length < SCHEMA_PAGE ||
        offset + SCHEMA_PAGE >= page.totalCount
      ) {
        break;
      }
    }
    return this.withContent(cluster, summaries);
  }

  /** Named artifacts of the cluster's registry, with their latest content. */
  async schemas(
    cluster: string,
    refs: Array<{ groupId: string; artifactId: string }>,
  ): Promise<CatalogSchemaArtifact[]> {
    const registry = this.deps.schemas.registry(cluster);
    const summaries = await mapLimit(refs, CONCURRENCY, ref =>
      registry.getArtifact(ref.groupId, ref.artifactId).catch(error => {
        if ((error as Error)?.name === 'NotFoundError') return null;
        throw error;
      }),
    );
    return this.withContent(
      cluster,
      summaries.filter((s): s is SchemaArtifactSummary => s !== null),
    );
  }

  private async withContent(
    cluster: string,
    summaries: SchemaArtifactSummary[],
  ): Promise<CatalogSchemaArtifact[]> {
    const registry = this.deps.schemas.registry(cluster);
    const described = summaries
      .map(s => this.deps.schemas.describe(s))
      .filter(a => a.format !== null);
    return mapLimit(described, CONCURRENCY, async a => {
      const content = await registry.getContent(
        a.groupId,
        a.artifactId,
        'branch=latest',
      );
      return {
        groupId: a.groupId,
        artifactId: a.artifactId,
        format: a.format!,
        name: a.name ?? null,
        description: a.description ?? null,
        owner: a.owner,
        topic: a.topic,
        role: roleOfArtifact(a.artifactId),
        content,
      };
    });
  }

  private async allConnectors(cluster: string): Promise<CatalogConnector[]> {
    if (!this.deps.clusters.hasConnect(cluster)) return [];
    const connectors = await this.deps.clusters
      .connect(cluster)
      .listConnectors();
    return this.describeConnectors(cluster, connectors);
  }

  /** Named connectors; missing ones are left out. */
  async connectors(
    cluster: string,
    names: string[],
  ): Promise<CatalogConnector[]> {
    const connect = this.deps.clusters.connect(cluster);
    const found = await mapLimit(names, CONCURRENCY, name =>
      connect.getConnector(name).catch(error => {
        if ((error as Error)?.name === 'NotFoundError') return null;
        throw error;
      }),
    );
    return this.describeConnectors(
      cluster,
      found.filter((c): c is ConnectConnector => c !== null),
    );
  }

  private async describeConnectors(
    cluster: string,
    connectors: ConnectConnector[],
  ): Promise<CatalogConnector[]> {
    const connect = this.deps.clusters.connect(cluster);
    const recorded = await this.deps.connectorOwners.all(cluster);
    const result = await mapLimit(connectors, CONCURRENCY, async c => {
      // Connect tracks the topics a connector really used; a connector that
      // has not run yet (or a worker with tracking off) has none, and then
      // its config names them.
      const active = await connect.getTopics(c.name).catch(() => []);
      const topics = active.length ? active : configuredTopics(c.config);
      return {
        name: c.name,
        type: c.status?.type ?? c.type,
        className: c.config['connector.class'] ?? null,
        owner:
          this.deps.policy.namespaceOf(c.name)?.owner ??
          recorded.get(c.name) ??
          null,
        topics: [...new Set(topics)].sort(),
        state: c.status?.connector.state ?? null,
      };
    });
    return result.sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  private async allPipelines(cluster: string): Promise<CatalogPipeline[]> {
    const { items } = await this.deps.pipelines.list({
      cluster,
      offset: 0,
      limit: MAX_PIPELINES,
    });
    return items
      .filter(p => !CLOSED.includes(p.status))
      .map(pipelineOf)
      .sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  /** A stored pipeline by id: live (with its entity data) or closed. */
  async pipeline(
    id: string,
  ): Promise<{ name: string; live: CatalogPipeline | null } | null> {
    const p = await this.deps.pipelines.get(id);
    if (!p) return null;
    return {
      name: p.name,
      live: CLOSED.includes(p.status) ? null : pipelineOf(p),
    };
  }
}

function pipelineOf(p: CdcPipeline): CatalogPipeline {
  return {
    id: p.id,
    name: p.name,
    owner: p.owner,
    sourceEntityRef: p.sourceEntityRef,
    sourceType: p.sourceType,
    connectorName: p.artefacts.connectorName,
    status: p.status,
    topics: p.artefacts.tables.map(t => t.topic).sort(),
  };
}
