import { z } from 'zod';
import { booleanQuery } from '../http/booleanQuery';
import { environmentSchema, clusterLinksSchema } from '../clusters/schemas';
import { namespaceSchema } from '../policy/namespaces';

/** @public */
export const cleanupPolicySchema = z.enum([
  'delete',
  'compact',
  'compact,delete',
]);
/** @public */
export type CleanupPolicy = z.infer<typeof cleanupPolicySchema>;

/**
 * Limits of one environment, in milliseconds and partitions.
 *
 * @public
 */
export const environmentLimitsSchema = z.object({
  retentionMinMs: z.number().int().nonnegative(),
  retentionMaxMs: z.number().int().positive(),
  maxPartitions: z.number().int().positive(),
});
/** @public */
export type EnvironmentLimits = z.infer<typeof environmentLimitsSchema>;

/**
 * Defaults for new topics.
 *
 * @public
 */
export const topicDefaultsSchema = z.object({
  partitions: z.number().int().positive(),
  replicationFactor: z.number().int().positive(),
  retentionMs: z.number().int().positive(),
  cleanupPolicy: cleanupPolicySchema,
});
/** @public */
export type TopicDefaults = z.infer<typeof topicDefaultsSchema>;

/**
 * `GET /clusters`: one configured cluster, without secrets.
 *
 * @public
 */
export const clusterInfoSchema = z.object({
  name: z.string(),
  environment: environmentSchema,
  links: clusterLinksSchema,
  limits: environmentLimitsSchema,
  topicDefaults: topicDefaultsSchema,
  /** Whether the cluster has a schema registry configured. */
  schemaRegistry: z.boolean(),
  /** Whether the cluster has Kafka Connect configured. */
  connect: z.boolean(),
});
/** @public */
export type ClusterInfo = z.infer<typeof clusterInfoSchema>;

/** @public */
export const clusterListResponseSchema = z.object({
  clusters: z.array(clusterInfoSchema),
  /** Every namespace, with whether the caller owns it. */
  namespaces: z.array(namespaceSchema.extend({ owned: z.boolean() })),
  /** Extra naming rule on top of Kafka's, as a regular expression, if configured. */
  namingPattern: z.string().optional(),
});
/** @public */
export type ClusterListResponse = z.infer<typeof clusterListResponseSchema>;

/**
 * A topic in the list.
 *
 * @public
 */
export const topicSummarySchema = z.object({
  name: z.string(),
  partitions: z.number().int(),
  replicationFactor: z.number().int(),
  /** `-1` means unlimited, as in Kafka. */
  retentionMs: z.number().int(),
  cleanupPolicy: z.string(),
  namespace: z.string().nullable(),
  owner: z.string().nullable(),
  internal: z.boolean(),
});
/** @public */
export type TopicSummary = z.infer<typeof topicSummarySchema>;

/**
 * Query of `GET /clusters/:cluster/topics`.
 *
 * @public
 */
export const topicListQuerySchema = z
  .object({
    owned: booleanQuery.optional(),
    q: z.string().max(249).optional(),
    offset: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(1).max(100).default(25),
  })
  .strict();
/** @public */
export type TopicListQuery = z.infer<typeof topicListQuerySchema>;

/** @public */
export const topicListResponseSchema = z.object({
  items: z.array(topicSummarySchema),
  totalCount: z.number().int(),
  offset: z.number().int(),
  limit: z.number().int(),
});
/** @public */
export type TopicListResponse = z.infer<typeof topicListResponseSchema>;

/**
 * Body of `POST /clusters/:cluster/topics`.
 *
 * @public
 */
export const createTopicRequestSchema = z
  .object({
    name: z.string().min(1).max(249),
    partitions: z.number().int().min(1).optional(),
    replicationFactor: z.number().int().min(1).max(32767).optional(),
    retentionMs: z.number().int().positive().optional(),
    cleanupPolicy: cleanupPolicySchema.optional(),
    description: z.string().max(1000).optional(),
  })
  .strict();
/** @public */
export type CreateTopicRequest = z.infer<typeof createTopicRequestSchema>;

/**
 * One config entry of a topic, with where its value comes from.
 *
 * @public
 */
export const topicConfigEntrySchema = z.object({
  name: z.string(),
  value: z.string().nullable(),
  /** `set` for a dynamic topic config, `default` otherwise. */
  source: z.enum(['set', 'default']),
  readOnly: z.boolean(),
  sensitive: z.boolean(),
});
/** @public */
export type TopicConfigEntry = z.infer<typeof topicConfigEntrySchema>;

/** @public */
export const partitionDetailSchema = z.object({
  partition: z.number().int(),
  leader: z.number().int(),
  replicas: z.array(z.number().int()),
  isr: z.array(z.number().int()),
  /** Offsets are int64; strings keep them exact. */
  earliestOffset: z.string(),
  latestOffset: z.string(),
});
/** @public */
export type PartitionDetail = z.infer<typeof partitionDetailSchema>;

/**
 * `GET /clusters/:cluster/topics/:topic`.
 *
 * @public
 */
export const topicDetailSchema = topicSummarySchema.extend({
  cluster: z.string(),
  /** Given at creation through Eventport, if any. */
  description: z.string().optional(),
  configs: z.array(topicConfigEntrySchema),
  partitionDetails: z.array(partitionDetailSchema),
  /** What the caller may do without approval. */
  canEdit: z.boolean(),
});
/** @public */
export type TopicDetail = z.infer<typeof topicDetailSchema>;

/**
 * Body of `PATCH /clusters/:cluster/topics/:topic`.
 *
 * @public
 */
export const updateTopicRequestSchema = z
  .object({
    partitions: z.number().int().min(1).optional(),
    retentionMs: z.number().int().positive().optional(),
  })
  .strict()
  .refine(v => v.partitions !== undefined || v.retentionMs !== undefined, {
    message: 'Give partitions, retentionMs, or both',
  });
/** @public */
export type UpdateTopicRequest = z.infer<typeof updateTopicRequestSchema>;

/**
 * Body of `DELETE /clusters/:cluster/topics/:topic`.
 *
 * @public
 */
export const deleteTopicRequestSchema = z
  .object({
    confirm: z.string(),
    reason: z.string().trim().min(1, 'Give a reason').max(1000),
  })
  .strict();
/** @public */
export type DeleteTopicRequest = z.infer<typeof deleteTopicRequestSchema>;
