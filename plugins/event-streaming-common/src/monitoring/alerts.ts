import { z } from 'zod';

/**
 * What an alert rule watches:
 * - `lag-messages`: offset lag above `threshold` messages;
 * - `lag-time`: time lag above `threshold` milliseconds;
 * - `stalled`: the status is STALLED (no threshold).
 *
 * @public
 */
export const alertKindSchema = z.enum(['lag-messages', 'lag-time', 'stalled']);
/** @public */
export type AlertKind = z.infer<typeof alertKindSchema>;

/** Severities as Backstage notifications take them. @public */
export const alertSeveritySchema = z.enum([
  'critical',
  'high',
  'normal',
  'low',
]);
/** @public */
export type AlertSeverity = z.infer<typeof alertSeveritySchema>;

/**
 * A rule watches one group, or every group reading one topic.
 *
 * @public
 */
export const alertTargetSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('group'), group: z.string().min(1).max(255) }),
  z.object({ type: z.literal('topic'), topic: z.string().min(1).max(249) }),
]);
/** @public */
export type AlertTarget = z.infer<typeof alertTargetSchema>;

const ruleFields = {
  kind: alertKindSchema,
  /** Messages for `lag-messages`, milliseconds for `lag-time`; unused for `stalled`. */
  threshold: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
  /** How long the condition must hold before the rule fires. */
  forSeconds: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 3600),
  severity: alertSeveritySchema,
};

function thresholdMatchesKind(
  rule: { kind?: AlertKind; threshold?: number },
  ctx: z.RefinementCtx,
) {
  if (rule.kind && rule.kind !== 'stalled' && rule.threshold === undefined) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['threshold'],
      message: `A ${rule.kind} rule needs a threshold`,
    });
  }
}

/**
 * Body of `POST /clusters/:cluster/alert-rules`.
 *
 * @public
 */
export const createAlertRuleRequestSchema = z
  .object({ target: alertTargetSchema, ...ruleFields })
  .strict()
  .superRefine(thresholdMatchesKind);
/** @public */
export type CreateAlertRuleRequest = z.infer<
  typeof createAlertRuleRequestSchema
>;

/**
 * Body of `PUT /clusters/:cluster/alert-rules/:id`.
 *
 * @public
 */
export const updateAlertRuleRequestSchema = z
  .object({ ...ruleFields, enabled: z.boolean().default(true) })
  .strict()
  .superRefine(thresholdMatchesKind);
/** @public */
export type UpdateAlertRuleRequest = z.infer<
  typeof updateAlertRuleRequestSchema
>;

/**
 * Query of `GET /clusters/:cluster/alert-rules`.
 *
 * @public
 */
export const alertRuleListQuerySchema = z
  .object({
    group: z.string().max(255).optional(),
    topic: z.string().max(249).optional(),
    offset: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

/**
 * One group's state under a rule.
 *
 * @public
 */
export const alertInstanceSchema = z.object({
  groupId: z.string(),
  state: z.enum(['ok', 'pending', 'firing']),
  /** When the condition started to hold (pending or firing). */
  since: z.string().nullable(),
  /** The last value the evaluator measured (messages, ms, or 1/0 for stalled). */
  value: z.number().nullable(),
});
/** @public */
export type AlertInstance = z.infer<typeof alertInstanceSchema>;

/** @public */
export const alertRuleSchema = z.object({
  id: z.string(),
  cluster: z.string(),
  target: alertTargetSchema,
  kind: alertKindSchema,
  threshold: z.number().int().nullable(),
  forSeconds: z.number().int(),
  severity: alertSeveritySchema,
  enabled: z.boolean(),
  /** The group notified, as an entity ref. */
  owner: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  instances: z.array(alertInstanceSchema),
  /** Whether the caller may change or delete it. */
  canEdit: z.boolean(),
});
/** @public */
export type AlertRule = z.infer<typeof alertRuleSchema>;

/** @public */
export const alertRuleListResponseSchema = z.object({
  items: z.array(alertRuleSchema),
  /** Rules matching the filter, over all pages. */
  totalCount: z.number().int().optional(),
});
/** @public */
export type AlertRuleListResponse = z.infer<typeof alertRuleListResponseSchema>;
