import { z } from 'zod';
import { catchUpSchema, lagStatusSchema } from './groups';

/**
 * The annotation of the community Backstage Kafka plugin: the consumer
 * groups of an entity, a comma list of `cluster/group`. Eventport reads the
 * same annotation, so a catalog set up for that plugin works unchanged.
 *
 * @public
 */
export const CONSUMER_GROUPS_ANNOTATION = 'kafka.apache.org/consumer-groups';

/** Most groups one entity-lag request may ask for. @public */
export const MAX_ENTITY_LAG_GROUPS = 50;

/** One `cluster/group` reference. @public */
export interface ConsumerGroupRef {
  cluster: string;
  group: string;
}

/**
 * Parses a `cluster/group` comma list (the annotation's value). The group is
 * everything after the first `/`, since group ids may contain slashes.
 * Returns the references and the entries that are not of that form.
 *
 * @public
 */
export function parseConsumerGroupRefs(value: string): {
  refs: ConsumerGroupRef[];
  invalid: string[];
} {
  const refs: ConsumerGroupRef[] = [];
  const invalid: string[] = [];
  const seen = new Set<string>();
  for (const raw of value.split(',')) {
    const entry = raw.trim();
    if (!entry) continue;
    const slash = entry.indexOf('/');
    const cluster = slash > 0 ? entry.slice(0, slash).trim() : '';
    const group = slash > 0 ? entry.slice(slash + 1).trim() : '';
    if (!cluster || !group) {
      invalid.push(entry);
      continue;
    }
    const key = `${cluster}/${group}`;
    if (seen.has(key)) continue;
    seen.add(key);
    refs.push({ cluster, group });
  }
  return { refs, invalid };
}

/**
 * Query of `GET /consumer-lag`: `groups` is a `cluster/group` comma list,
 * as in the annotation.
 *
 * @public
 */
export const entityLagQuerySchema = z
  .object({
    groups: z
      .string()
      .min(1)
      .max(20_000)
      .superRefine((value, ctx) => {
        const { refs, invalid } = parseConsumerGroupRefs(value);
        if (invalid.length) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            message: `expected cluster/group entries separated by commas; not of that form: ${invalid
              .slice(0, 5)
              .join(', ')}`,
          });
        } else if (refs.length === 0) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            message: 'name at least one cluster/group',
          });
        } else if (refs.length > MAX_ENTITY_LAG_GROUPS) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            message: `at most ${MAX_ENTITY_LAG_GROUPS} groups per request, got ${refs.length}`,
          });
        }
      }),
  })
  .strict();
/** @public */
export type EntityLagQuery = z.infer<typeof entityLagQuerySchema>;

/**
 * A group's lag on one partition, in the entity view.
 *
 * @public
 */
export const entityPartitionLagSchema = z.object({
  partition: z.number().int(),
  /** Offsets are int64; strings keep them exact. */
  committedOffset: z.string(),
  endOffset: z.string(),
  lag: z.number().int().nonnegative(),
  timeLagMs: z.number().nonnegative().nullable(),
});
/** @public */
export type EntityPartitionLag = z.infer<typeof entityPartitionLagSchema>;

/** A group's lag on one topic. @public */
export const entityTopicLagSchema = z.object({
  topic: z.string(),
  lag: z.number().int().nonnegative(),
  maxTimeLagMs: z.number().nonnegative().nullable(),
  partitions: z.array(entityPartitionLagSchema),
});
/** @public */
export type EntityTopicLag = z.infer<typeof entityTopicLagSchema>;

/**
 * One group of an entity. `error` is set, and the figures are empty, when the
 * cluster is unknown or did not answer; `found` is false when the group has
 * neither members nor committed offsets.
 *
 * @public
 */
export const entityGroupLagSchema = z.object({
  cluster: z.string(),
  groupId: z.string(),
  found: z.boolean(),
  state: z.string().nullable(),
  members: z.number().int(),
  totalLag: z.number().int().nonnegative(),
  maxTimeLagMs: z.number().nonnegative().nullable(),
  status: lagStatusSchema.nullable(),
  statusReason: z.string().nullable(),
  catchUp: catchUpSchema.nullable(),
  topics: z.array(entityTopicLagSchema),
  error: z.string().optional(),
});
/** @public */
export type EntityGroupLag = z.infer<typeof entityGroupLagSchema>;

/** `GET /consumer-lag`: the groups in the order asked. @public */
export const entityLagResponseSchema = z.object({
  items: z.array(entityGroupLagSchema),
});
/** @public */
export type EntityLagResponse = z.infer<typeof entityLagResponseSchema>;
