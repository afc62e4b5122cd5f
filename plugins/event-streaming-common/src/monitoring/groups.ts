import { z } from 'zod';
import { booleanQuery } from '../http/booleanQuery';

/**
 * How a consumer group is doing, from the offset samples:
 * - `OK`: caught up, or lag not growing over the window;
 * - `LAGGING`: lag grew over the window;
 * - `STALLED`: lag above zero while the committed offsets did not move over the window;
 * - `EMPTY`: the group has no members.
 *
 * @public
 */
export const lagStatusSchema = z.enum(['OK', 'LAGGING', 'STALLED', 'EMPTY']);
/** @public */
export type LagStatus = z.infer<typeof lagStatusSchema>;

/**
 * When a partition, topic or group catches up at current rates.
 * `caught-up`: no lag; `eta`: in `ms`; `never`: consumption does not outpace
 * production; `unknown`: not enough samples yet.
 *
 * @public
 */
export const catchUpSchema = z.object({
  kind: z.enum(['caught-up', 'eta', 'never', 'unknown']),
  ms: z.number().nonnegative().optional(),
});
/** @public */
export type CatchUp = z.infer<typeof catchUpSchema>;

/**
 * Query of `GET /clusters/:cluster/consumer-groups`.
 *
 * @public
 */
export const consumerGroupListQuerySchema = z
  .object({
    q: z.string().max(255).optional(),
    /** Kafka's group state, e.g. `Stable`, `Empty`, `PreparingRebalance`. */
    state: z.string().max(40).optional(),
    /** Only groups owned by one of the caller's groups. */
    owned: booleanQuery.optional(),
    offset: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(1).max(100).default(25),
  })
  .strict();
/** @public */
export type ConsumerGroupListQuery = z.infer<
  typeof consumerGroupListQuerySchema
>;

/**
 * One group in the list; only the requested page is described.
 *
 * @public
 */
export const consumerGroupSummarySchema = z.object({
  groupId: z.string(),
  /** Kafka's group state, e.g. `Stable`, `Empty`, `Dead`. */
  state: z.string(),
  protocolType: z.string(),
  members: z.number().int(),
  /** Topics with committed offsets. */
  topics: z.array(z.string()),
  /** Sum of offset lag over every partition with a committed offset. */
  totalLag: z.number().int().nonnegative(),
  status: lagStatusSchema,
  /** Namespace owner of the group id, if any (entity ref). */
  owner: z.string().nullable(),
});
/** @public */
export type ConsumerGroupSummary = z.infer<typeof consumerGroupSummarySchema>;

/** @public */
export const consumerGroupListResponseSchema = z.object({
  items: z.array(consumerGroupSummarySchema),
  totalCount: z.number().int(),
  offset: z.number().int(),
  limit: z.number().int(),
  /** Brokers that did not answer ListGroups: their groups are missing. */
  unreachableBrokers: z.array(z.number().int()),
});
/** @public */
export type ConsumerGroupListResponse = z.infer<
  typeof consumerGroupListResponseSchema
>;

/**
 * Lag of a group on one partition.
 *
 * @public
 */
export const partitionLagSchema = z.object({
  topic: z.string(),
  partition: z.number().int(),
  /** Offsets are int64; strings keep them exact. Null: nothing committed. */
  committedOffset: z.string().nullable(),
  endOffset: z.string(),
  lag: z.number().int().nonnegative(),
  /**
   * How long ago the committed offset was the end offset, interpolated from
   * the samples. Null when the samples cannot tell.
   */
  timeLagMs: z.number().nonnegative().nullable(),
  /** True when the committed offset is older than the oldest sample: the time lag is at least `timeLagMs`. */
  timeLagAtLeast: z.boolean(),
  /** Messages per second over the window; null with fewer than two samples. */
  consumeRate: z.number().nullable(),
  produceRate: z.number().nullable(),
  catchUp: catchUpSchema,
  /** The member the partition is assigned to, if any. */
  memberId: z.string().nullable(),
  clientId: z.string().nullable(),
});
/** @public */
export type PartitionLag = z.infer<typeof partitionLagSchema>;

/** @public */
export const groupMemberSchema = z.object({
  memberId: z.string(),
  clientId: z.string(),
  host: z.string(),
  assignments: z.array(
    z.object({ topic: z.string(), partitions: z.array(z.number().int()) }),
  ),
});
/** @public */
export type GroupMember = z.infer<typeof groupMemberSchema>;

/**
 * Links for a topic, group or connector, filled in from the cluster's templates.
 *
 * @public
 */
export const resourceLinksSchema = z.object({
  grafana: z.string().optional(),
  kafkaUi: z.string().optional(),
});
/** @public */
export type ResourceLinks = z.infer<typeof resourceLinksSchema>;

/**
 * `GET /clusters/:cluster/consumer-groups/:group`.
 *
 * @public
 */
export const consumerGroupDetailSchema = consumerGroupSummarySchema.extend({
  cluster: z.string(),
  /** Why the status is what it is, in one sentence. */
  statusReason: z.string(),
  /** Largest time lag over the partitions. */
  maxTimeLagMs: z.number().nonnegative().nullable(),
  catchUp: catchUpSchema,
  consumeRate: z.number().nullable(),
  produceRate: z.number().nullable(),
  /** The window the rates and the status are computed over. */
  windowMs: z.number().int(),
  members: z.array(groupMemberSchema),
  partitions: z.array(partitionLagSchema),
  links: resourceLinksSchema,
  /** When the newest sample of this group was taken; null before the first. */
  sampledAt: z.string().nullable(),
  /** Whether the caller may create alert rules for this group. */
  canManageAlerts: z.boolean(),
});
/** @public */
export type ConsumerGroupDetail = z.infer<typeof consumerGroupDetailSchema>;

/**
 * Query of the history routes: how far back, in minutes.
 *
 * @public
 */
export const historyQuerySchema = z
  .object({
    minutes: z.coerce
      .number()
      .int()
      .min(1)
      .max(60 * 24 * 30)
      .default(60),
  })
  .strict();
/** @public */
export type HistoryQuery = z.infer<typeof historyQuerySchema>;

/**
 * `GET /clusters/:cluster/consumer-groups/:group/history`: the group's lag over time.
 *
 * @public
 */
export const groupLagHistorySchema = z.object({
  groupId: z.string(),
  points: z.array(
    z.object({
      at: z.string(),
      lag: z.number().int().nonnegative(),
      timeLagMs: z.number().nonnegative().nullable(),
    }),
  ),
});
/** @public */
export type GroupLagHistory = z.infer<typeof groupLagHistorySchema>;

/**
 * A group reading a topic, on the topic page.
 *
 * @public
 */
export const topicConsumerSchema = z.object({
  groupId: z.string(),
  state: z.string(),
  members: z.number().int(),
  /** Lag of this group summed over the topic's partitions. */
  lag: z.number().int().nonnegative(),
  maxTimeLagMs: z.number().nonnegative().nullable(),
  status: lagStatusSchema,
});
/** @public */
export type TopicConsumer = z.infer<typeof topicConsumerSchema>;

/** `GET /clusters/:cluster/topics/:topic/consumer-groups`. @public */
export const topicConsumersResponseSchema = z.object({
  topic: z.string(),
  items: z.array(topicConsumerSchema),
});
/** @public */
export type TopicConsumersResponse = z.infer<
  typeof topicConsumersResponseSchema
>;
