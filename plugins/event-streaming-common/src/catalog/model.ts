import { z } from 'zod';
import { schemaFormatSchema } from '../schemaRegistry/schemas';

/**
 * Annotations and types of Eventport's catalog entities (DESIGN.md,
 * "Catalog model").
 *
 * @public
 */
export const EVENTPORT_ANNOTATIONS = {
  /** The real Kafka topic name of a kafka-topic Resource. */
  topic: 'eventport.io/kafka-topic',
  /** The cluster of every Eventport entity. */
  cluster: 'eventport.io/kafka-cluster',
  /** `group/artifactId` of a schema API. */
  schemaArtifact: 'eventport.io/schema-artifact',
  /** The real connector name of a kafka-connector Resource. */
  connector: 'eventport.io/kafka-connector',
  /** The id of a cdc-pipeline Resource. */
  cdcPipeline: 'eventport.io/cdc-pipeline',
  /** On components: `cluster/topic` comma lists. */
  producesTopics: 'eventport.io/produces-topics',
  consumesTopics: 'eventport.io/consumes-topics',
  /** The community Kafka plugin's `cluster/group` comma list, honoured too. */
  consumerGroups: 'kafka.apache.org/consumer-groups',
} as const;

/** @public */
export const EVENTPORT_ENTITY_TYPES = {
  topic: 'kafka-topic',
  connector: 'kafka-connector',
  cdcPipeline: 'cdc-pipeline',
} as const;

/**
 * The events topic on which the backend announces changes made through
 * Eventport, so that the catalog module applies them at once.
 *
 * @public
 */
export const CATALOG_CHANGES_EVENT_TOPIC = 'eventport.catalog.changes';

/** @public */
export const catalogTopicSchema = z.object({
  name: z.string(),
  partitions: z.number(),
  replicationFactor: z.number(),
  retentionMs: z.number(),
  cleanupPolicy: z.string(),
  /** From the namespace; null when no namespace holds the topic. */
  owner: z.string().nullable(),
  /** Given when the topic was created through Eventport. */
  description: z.string().nullable(),
});
/** @public */
export type CatalogTopic = z.infer<typeof catalogTopicSchema>;

/** @public */
export const catalogSchemaArtifactSchema = z.object({
  groupId: z.string(),
  artifactId: z.string(),
  format: schemaFormatSchema,
  name: z.string().nullable(),
  description: z.string().nullable(),
  owner: z.string().nullable(),
  /** The topic it describes (`<topic>-value` / `<topic>-key`), and how. */
  topic: z.string().nullable(),
  role: z.enum(['key', 'value']).nullable(),
  /** The latest version's content. */
  content: z.string(),
});
/** @public */
export type CatalogSchemaArtifact = z.infer<typeof catalogSchemaArtifactSchema>;

/** @public */
export const catalogConnectorSchema = z.object({
  name: z.string(),
  /** `source`, `sink`, or `unknown` when Connect cannot tell. */
  type: z.string(),
  className: z.string().nullable(),
  owner: z.string().nullable(),
  /** Topics it writes (source) or reads (sink). */
  topics: z.array(z.string()),
  state: z.string().nullable(),
});
/** @public */
export type CatalogConnector = z.infer<typeof catalogConnectorSchema>;

/** @public */
export const catalogPipelineSchema = z.object({
  id: z.string(),
  name: z.string(),
  owner: z.string(),
  sourceEntityRef: z.string(),
  sourceType: z.string(),
  connectorName: z.string(),
  status: z.string(),
  topics: z.array(z.string()),
});
/** @public */
export type CatalogPipeline = z.infer<typeof catalogPipelineSchema>;

/**
 * What the catalog needs of one cluster (`GET /catalog/clusters/:cluster`,
 * for services only). A part that could not be read is null, and its
 * problem is in `problems`: the catalog then keeps that part's last good
 * entities.
 *
 * @public
 */
export const catalogSnapshotSchema = z.object({
  cluster: z.string(),
  topics: z.array(catalogTopicSchema).nullable(),
  schemas: z.array(catalogSchemaArtifactSchema).nullable(),
  connectors: z.array(catalogConnectorSchema).nullable(),
  pipelines: z.array(catalogPipelineSchema).nullable(),
  problems: z.array(z.string()),
});
/** @public */
export type CatalogSnapshot = z.infer<typeof catalogSnapshotSchema>;

/**
 * A change made through Eventport, as announced on
 * {@link CATALOG_CHANGES_EVENT_TOPIC}: items to add or replace, and the
 * names of items that are gone.
 *
 * @public
 */
export const catalogChangeSchema = z.object({
  cluster: z.string(),
  upsert: z.object({
    topics: z.array(catalogTopicSchema).default([]),
    schemas: z.array(catalogSchemaArtifactSchema).default([]),
    connectors: z.array(catalogConnectorSchema).default([]),
    pipelines: z.array(catalogPipelineSchema).default([]),
  }),
  remove: z.object({
    topics: z.array(z.string()).default([]),
    /** `group/artifactId` */
    schemas: z.array(z.string()).default([]),
    connectors: z.array(z.string()).default([]),
    pipelines: z.array(z.string()).default([]),
  }),
});
/** @public */
export type CatalogChange = z.infer<typeof catalogChangeSchema>;
