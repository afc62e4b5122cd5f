import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  ApiEntity,
  Entity,
  EntityLink,
  ResourceEntity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  CatalogConnector,
  CatalogPipeline,
  CatalogSchemaArtifact,
  CatalogTopic,
  cdcPipelineEntityName,
  connectorEntityName,
  EVENTPORT_ANNOTATIONS,
  EVENTPORT_ENTITY_TYPES,
  fillLinks,
  LinkTarget,
  schemaEntityName,
  topicEntityName,
  topicEntityRef,
} from '@eventport/plugin-event-streaming-common';
import { KafkaClusterConfig } from '@eventport/plugin-event-streaming-node';

/** How a schema format is written as an API type and a tag. */
const API_TYPES: Record<CatalogSchemaArtifact['format'], string> = {
  AVRO: 'avro',
  PROTOBUF: 'protobuf',
  JSON: 'json-schema',
  CLOUDEVENTS: 'cloudevents',
};

/** How a schema format is named in descriptions. */
const FORMAT_NAMES: Record<CatalogSchemaArtifact['format'], string> = {
  AVRO: 'Avro',
  PROTOBUF: 'Protobuf',
  JSON: 'JSON Schema',
  CLOUDEVENTS: 'CloudEvents',
};

/** A topic's value schema comes before its key schema. */
const ROLE_ORDER = { value: 0, key: 1 };

/** What every entity of one cluster shares. */
export interface EntityContext {
  cluster: KafkaClusterConfig;
  /** Owner of whatever has none: `eventStreaming.catalog.defaultOwner`. */
  defaultOwner: string;
  /** The provider's location key, as managed-by annotations. */
  location: string;
}

export const topicRef = topicEntityRef;

export const schemaRef = (
  cluster: string,
  groupId: string,
  artifactId: string,
) =>
  stringifyEntityRef({
    kind: 'api',
    namespace: 'default',
    name: schemaEntityName(cluster, groupId, artifactId),
  });

export const connectorRef = (cluster: string, connector: string) =>
  stringifyEntityRef({
    kind: 'resource',
    namespace: 'default',
    name: connectorEntityName(cluster, connector),
  });

export const pipelineRef = (cluster: string, pipeline: string) =>
  stringifyEntityRef({
    kind: 'resource',
    namespace: 'default',
    name: cdcPipelineEntityName(cluster, pipeline),
  });

function links(ctx: EntityContext, target: LinkTarget): EntityLink[] {
  const filled = fillLinks(ctx.cluster.links, target);
  const result: EntityLink[] = [];
  if (filled.grafana) {
    result.push({ url: filled.grafana, title: 'Grafana', icon: 'dashboard' });
  }
  if (filled.kafkaUi) {
    result.push({ url: filled.kafkaUi, title: 'Kafka UI', icon: 'web' });
  }
  return result;
}

function metadata(
  ctx: EntityContext,
  name: string,
  title: string,
  description: string,
  annotations: Record<string, string>,
  tags: string[],
  entityLinks: EntityLink[] = [],
): Entity['metadata'] {
  return {
    name,
    title,
    description,
    annotations: {
      [ANNOTATION_LOCATION]: ctx.location,
      [ANNOTATION_ORIGIN_LOCATION]: ctx.location,
      [EVENTPORT_ANNOTATIONS.cluster]: ctx.cluster.name,
      ...annotations,
    },
    labels: { environment: ctx.cluster.environment },
    tags: [...new Set(tags.map(tag))].filter(Boolean),
    ...(entityLinks.length ? { links: entityLinks } : {}),
  };
}

/** Backstage's tag rule: lowercase `[a-z0-9:+#]` words joined by '-', up to 63. */
function tag(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^a-z0-9:+#]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
}

export function topicEntity(
  ctx: EntityContext,
  topic: CatalogTopic,
  schemas: CatalogSchemaArtifact[],
): ResourceEntity {
  const cluster = ctx.cluster.name;
  const dependsOn = schemas
    .filter(s => s.topic === topic.name && s.role)
    .sort((a, b) => ROLE_ORDER[a.role!] - ROLE_ORDER[b.role!])
    .map(s => schemaRef(cluster, s.groupId, s.artifactId));
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: metadata(
      ctx,
      topicEntityName(cluster, topic.name),
      topic.name,
      topic.description ??
        `Kafka topic ${topic.name} on cluster ${cluster}: ${topic.partitions} partitions, replication factor ${topic.replicationFactor}.`,
      { [EVENTPORT_ANNOTATIONS.topic]: topic.name },
      [
        'kafka',
        'topic',
        topic.cleanupPolicy.includes('compact') ? 'compacted' : '',
      ],
      links(ctx, { kind: 'topic', cluster, topic: topic.name }),
    ),
    spec: {
      type: EVENTPORT_ENTITY_TYPES.topic,
      owner: topic.owner ?? ctx.defaultOwner,
      ...(dependsOn.length ? { dependsOn } : {}),
    },
  };
}

export function schemaEntity(
  ctx: EntityContext,
  schema: CatalogSchemaArtifact,
): ApiEntity {
  const cluster = ctx.cluster.name;
  const ref = `${schema.groupId}/${schema.artifactId}`;
  const type = API_TYPES[schema.format];
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: metadata(
      ctx,
      schemaEntityName(cluster, schema.groupId, schema.artifactId),
      schema.name ?? schema.artifactId,
      schema.description ??
        (schema.topic
          ? `${FORMAT_NAMES[schema.format]} schema of the ${
              schema.role
            } of topic ${
              schema.topic
            } (${ref} in the schema registry of cluster ${cluster}).`
          : `${
              FORMAT_NAMES[schema.format]
            } schema ${ref} in the schema registry of cluster ${cluster}.`),
      {
        [EVENTPORT_ANNOTATIONS.schemaArtifact]: ref,
        ...(schema.topic
          ? { [EVENTPORT_ANNOTATIONS.topic]: schema.topic }
          : {}),
      },
      ['schema', type],
    ),
    spec: {
      type,
      lifecycle:
        ctx.cluster.environment === 'prod' ? 'production' : 'experimental',
      owner: schema.owner ?? ctx.defaultOwner,
      definition: schema.content,
    },
  };
}

export function connectorEntity(
  ctx: EntityContext,
  connector: CatalogConnector,
): ResourceEntity {
  const cluster = ctx.cluster.name;
  const topics = connector.topics.map(t => topicRef(cluster, t));
  const relation =
    connector.type === 'source'
      ? { dependencyOf: topics }
      : { dependsOn: topics };
  const className = connector.className?.split('.').pop();
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: metadata(
      ctx,
      connectorEntityName(cluster, connector.name),
      connector.name,
      `Kafka Connect ${connector.type} connector ${connector.name}${
        className ? ` (${className})` : ''
      } on cluster ${cluster}.`,
      { [EVENTPORT_ANNOTATIONS.connector]: connector.name },
      [
        'kafka-connect',
        connector.type,
        connector.className?.includes('debezium') ? 'debezium' : '',
      ],
      links(ctx, { kind: 'connector', cluster, connector: connector.name }),
    ),
    spec: {
      type: EVENTPORT_ENTITY_TYPES.connector,
      owner: connector.owner ?? ctx.defaultOwner,
      ...(topics.length ? relation : {}),
    },
  };
}

export function pipelineEntity(
  ctx: EntityContext,
  pipeline: CatalogPipeline,
): ResourceEntity {
  const cluster = ctx.cluster.name;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: metadata(
      ctx,
      cdcPipelineEntityName(cluster, pipeline.name),
      pipeline.name,
      `CDC pipeline ${pipeline.name}: ${pipeline.topics.length} ${
        pipeline.topics.length === 1 ? 'table' : 'tables'
      } of ${pipeline.sourceEntityRef} into cluster ${cluster} (${
        pipeline.status
      }).`,
      {
        [EVENTPORT_ANNOTATIONS.cdcPipeline]: pipeline.id,
        [EVENTPORT_ANNOTATIONS.connector]: pipeline.connectorName,
      },
      ['cdc', 'debezium', pipeline.sourceType],
    ),
    spec: {
      type: EVENTPORT_ENTITY_TYPES.cdcPipeline,
      owner: pipeline.owner,
      dependsOn: [
        pipeline.sourceEntityRef,
        connectorRef(cluster, pipeline.connectorName),
        ...pipeline.topics.map(t => topicRef(cluster, t)),
      ],
    },
  };
}
