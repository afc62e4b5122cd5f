import { z } from 'zod';

/**
 * The environments a cluster can belong to; limits are set per environment.
 *
 * @public
 */
export const environmentSchema = z.enum(['dev', 'staging', 'prod']);
/** @public */
export type Environment = z.infer<typeof environmentSchema>;

/**
 * One link template: a string used wherever its placeholders fit, or one
 * template per kind of resource.
 *
 * @public
 */
export const linkTemplateSchema = z.union([
  z.string(),
  z.object({
    topic: z.string().optional(),
    group: z.string().optional(),
    connector: z.string().optional(),
  }),
]);
/** @public */
export type LinkTemplate = z.infer<typeof linkTemplateSchema>;

/**
 * Link templates for a cluster; `{topic}`, `{group}`, `{cluster}`, `{connector}` are filled in.
 *
 * @public
 */
export const clusterLinksSchema = z.object({
  grafana: linkTemplateSchema.optional(),
  kafkaUi: linkTemplateSchema.optional(),
});
/** @public */
export type ClusterLinks = z.infer<typeof clusterLinksSchema>;

/**
 * A broker as the cluster reports it.
 *
 * @public
 */
export const brokerInfoSchema = z.object({
  nodeId: z.number().int(),
  host: z.string(),
  port: z.number().int(),
});
/** @public */
export type BrokerInfo = z.infer<typeof brokerInfoSchema>;

/**
 * Reachability of one configured cluster, as measured by the backend.
 *
 * @public
 */
export const clusterHealthSchema = z.object({
  name: z.string(),
  environment: environmentSchema,
  reachable: z.boolean(),
  /** Round-trip time of the check in milliseconds. */
  latencyMs: z.number().nonnegative(),
  clusterId: z.string().nullable().optional(),
  controllerId: z.number().int().nullable().optional(),
  brokers: z.array(brokerInfoSchema).optional(),
  /** Why the cluster is unreachable. Never contains credentials. */
  error: z.string().optional(),
});
/** @public */
export type ClusterHealth = z.infer<typeof clusterHealthSchema>;

/**
 * Response of `GET /api/event-streaming/health`.
 *
 * @public
 */
export const healthResponseSchema = z.object({
  /** `ok` when every configured cluster answered, `degraded` otherwise. */
  status: z.enum(['ok', 'degraded']),
  checkedAt: z.string(),
  clusters: z.array(clusterHealthSchema),
});
/** @public */
export type HealthResponse = z.infer<typeof healthResponseSchema>;
