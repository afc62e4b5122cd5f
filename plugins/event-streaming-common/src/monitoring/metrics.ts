import { z } from 'zod';
import { resourceLinksSchema } from './groups';

/**
 * `GET /clusters/:cluster/topics/:topic/throughput`: messages per second
 * from end-offset deltas between samples.
 *
 * @public
 */
export const topicThroughputSchema = z.object({
  topic: z.string(),
  /** Per sample interval, summed over partitions. */
  points: z.array(
    z.object({ at: z.string(), messagesPerSecond: z.number().nonnegative() }),
  ),
  /** Over the last sample interval; null with fewer than two samples. */
  current: z.number().nonnegative().nullable(),
  partitions: z.array(
    z.object({
      partition: z.number().int(),
      messagesPerSecond: z.number().nonnegative().nullable(),
    }),
  ),
  links: resourceLinksSchema,
});
/** @public */
export type TopicThroughput = z.infer<typeof topicThroughputSchema>;

/**
 * A broker's share of leaders and replicas.
 *
 * @public
 */
export const brokerShareSchema = z.object({
  nodeId: z.number().int(),
  /** False when the broker is in replica lists but not in the metadata's brokers. */
  online: z.boolean(),
  leaders: z.number().int(),
  replicas: z.number().int(),
});
/** @public */
export type BrokerShare = z.infer<typeof brokerShareSchema>;

/**
 * A partition whose ISR is smaller than its replica set, or that has no leader.
 *
 * @public
 */
export const underReplicatedPartitionSchema = z.object({
  topic: z.string(),
  partition: z.number().int(),
  /** -1 when the partition has no leader. */
  leader: z.number().int(),
  replicas: z.array(z.number().int()),
  isr: z.array(z.number().int()),
});
/** @public */
export type UnderReplicatedPartition = z.infer<
  typeof underReplicatedPartitionSchema
>;

/**
 * Query of `GET /clusters/:cluster/distribution`.
 *
 * @public
 */
export const distributionQuerySchema = z
  .object({ topic: z.string().min(1).max(249).optional() })
  .strict();

/**
 * `GET /clusters/:cluster/distribution[?topic=]`: leaders and replicas per broker.
 *
 * @public
 */
export const partitionDistributionSchema = z.object({
  cluster: z.string(),
  topic: z.string().optional(),
  totalPartitions: z.number().int(),
  brokers: z.array(brokerShareSchema),
  /**
   * Leader skew: the most leaders on one broker over the even share, minus
   * one. 0 is perfectly even; 1 means one broker leads twice its share.
   */
  leaderSkew: z.number().nonnegative(),
  /** Partitions whose leader is not the first (preferred) replica. */
  nonPreferredLeaders: z.number().int(),
  underReplicated: z.array(underReplicatedPartitionSchema),
  /** Partitions without a leader. */
  offline: z.number().int(),
});
/** @public */
export type PartitionDistribution = z.infer<typeof partitionDistributionSchema>;

/**
 * `GET /clusters/:cluster/connectors/:name/metrics`: task states now, and
 * what the sampler saw change over the window.
 *
 * @public
 */
export const connectorMetricsSchema = z.object({
  connector: z.string(),
  windowMs: z.number().int(),
  taskStates: z.record(z.string(), z.number().int()),
  /** Tasks seen leaving RUNNING and coming back, or failing, in the window. */
  transitions: z.array(
    z.object({
      taskId: z.number().int(),
      at: z.string(),
      from: z.string().nullable(),
      to: z.string(),
    }),
  ),
  restartsInWindow: z.number().int(),
  failuresInWindow: z.number().int(),
  links: resourceLinksSchema,
});
/** @public */
export type ConnectorMetrics = z.infer<typeof connectorMetricsSchema>;
