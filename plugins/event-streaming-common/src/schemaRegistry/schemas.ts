import { z } from 'zod';
import { booleanQuery } from '../http/booleanQuery';

/** @public */
export const schemaFormatSchema = z.enum([
  'AVRO',
  'JSON',
  'PROTOBUF',
  'CLOUDEVENTS',
]);

/** @public */
export const compatibilityModeSchema = z.enum([
  'BACKWARD',
  'BACKWARD_TRANSITIVE',
  'FORWARD',
  'FORWARD_TRANSITIVE',
  'FULL',
  'FULL_TRANSITIVE',
  'NONE',
]);

/**
 * Group and artifact ids as Apicurio accepts them in a path segment.
 *
 * @public
 */
export const artifactIdSchema = z
  .string()
  .min(1)
  .max(512)
  .regex(/^[^\s/]+$/, 'must not contain spaces or slashes')
  .regex(
    /^[^\\%?#]+$/,
    "must not contain '\\', '%', '?' or '#' (they would change the registry URL)",
  )
  .refine(
    id => id !== '.' && id !== '..',
    "must not be '.' or '..' (a dot segment would reach another path of the registry)",
  );

/**
 * `GET /clusters/:cluster/schemas` query.
 *
 * @public
 */
export const schemaListQuerySchema = z.object({
  /** Matches the artifact id or name (case-insensitive substring). */
  q: z.string().max(200).optional(),
  type: schemaFormatSchema.optional(),
  owner: z.string().max(300).optional(),
  /** Only artifacts owned by one of the caller's groups. */
  owned: booleanQuery.optional(),
  /** Only the artifacts of this topic (`<topic>-key`, `<topic>-value`). */
  topic: z.string().max(249).optional(),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
/** @public */
export type SchemaListQuery = z.infer<typeof schemaListQuerySchema>;

/**
 * One schema artifact.
 *
 * @public
 */
export const schemaArtifactSchema = z.object({
  groupId: z.string(),
  artifactId: z.string(),
  /** The registry's artifact type (AVRO, JSON, PROTOBUF, …). */
  artifactType: z.string(),
  /** The checker's format, or null for types it does not check (OPENAPI, …). */
  format: schemaFormatSchema.nullable(),
  name: z.string().optional(),
  description: z.string().optional(),
  labels: z.record(z.string(), z.string()),
  createdOn: z.string().optional(),
  modifiedOn: z.string().optional(),
  /** The topic whose key or value it describes (`<topic>-key`, `<topic>-value`). */
  topic: z.string().nullable(),
  owner: z.string().nullable(),
});
/** @public */
export type SchemaArtifact = z.infer<typeof schemaArtifactSchema>;

/** @public */
export const schemaListResponseSchema = z.object({
  items: z.array(schemaArtifactSchema),
  totalCount: z.number().int(),
  offset: z.number().int(),
  limit: z.number().int(),
});
/** @public */
export type SchemaListResponse = z.infer<typeof schemaListResponseSchema>;

/** @public */
export const schemaVersionSchema = z.object({
  version: z.string(),
  globalId: z.number(),
  contentId: z.number(),
  createdOn: z.string().optional(),
  state: z.string().optional(),
});
/** @public */
export type SchemaVersion = z.infer<typeof schemaVersionSchema>;

/**
 * The states an artifact's owners set on a version: `DEPRECATED` (serdes
 * are told; still served), `DISABLED` (no longer served, nor chosen as
 * latest: records written with it cannot be read until it is enabled) and
 * `ENABLED` again.
 *
 * @public
 */
export const schemaVersionStateSchema = z.enum([
  'ENABLED',
  'DEPRECATED',
  'DISABLED',
]);
/** @public */
export type SchemaVersionState = z.infer<typeof schemaVersionStateSchema>;

/**
 * Body of `PUT .../versions/:version/state`.
 *
 * @public
 */
export const schemaVersionStateRequestSchema = z
  .object({ state: schemaVersionStateSchema })
  .strict();

/**
 * Body of `PUT .../state`: every version of the artifact deprecated, or
 * enabled again. Disabling is per version: every version disabled would
 * leave the topic's records unreadable.
 *
 * @public
 */
export const schemaArtifactStateRequestSchema = z
  .object({ state: z.enum(['ENABLED', 'DEPRECATED']) })
  .strict();

/**
 * Body of `DELETE /clusters/:cluster/schemas/:groupId/:artifactId`: a
 * request for the platform approvers, with the artifact's id typed again.
 *
 * @public
 */
export const schemaDeleteRequestSchema = z
  .object({
    confirm: z.string(),
    reason: z.string().trim().min(1, 'Give a reason').max(1000),
  })
  .strict();
/** @public */
export type SchemaDeleteRequest = z.infer<typeof schemaDeleteRequestSchema>;

/**
 * What a state change did: the versions it changed, and all versions after.
 *
 * @public
 */
export const schemaStateChangeResponseSchema = z.object({
  changed: z.array(z.string()),
  versions: z.array(schemaVersionSchema),
});
/** @public */
export type SchemaStateChangeResponse = z.infer<
  typeof schemaStateChangeResponseSchema
>;

/** @public */
export const effectiveRuleSchema = z.object({
  mode: compatibilityModeSchema,
  source: z.enum(['artifact', 'group', 'global', 'none']),
});

/**
 * `GET /clusters/:cluster/schemas/:group/:artifact`.
 *
 * @public
 */
export const schemaDetailResponseSchema = z.object({
  artifact: schemaArtifactSchema,
  /** Oldest first. */
  versions: z.array(schemaVersionSchema),
  rule: effectiveRuleSchema,
  /** Whether the caller may register versions. */
  canRegister: z.boolean(),
});
/** @public */
export type SchemaDetailResponse = z.infer<typeof schemaDetailResponseSchema>;

/** @public */
export const schemaContentResponseSchema = z.object({
  version: z.string(),
  content: z.string(),
});
/** @public */
export type SchemaContentResponse = z.infer<typeof schemaContentResponseSchema>;

/** @public */
export const schemaDifferenceSchema = z.object({
  path: z.string(),
  change: z.string(),
  breaksBackward: z.boolean(),
  breaksForward: z.boolean(),
});

/**
 * `GET …/diff?from=&to=`: every difference between two versions.
 *
 * @public
 */
export const schemaDiffResponseSchema = z.object({
  from: z.string(),
  to: z.string(),
  differences: z.array(schemaDifferenceSchema),
  backwardCompatible: z.boolean(),
  forwardCompatible: z.boolean(),
});
/** @public */
export type SchemaDiffResponse = z.infer<typeof schemaDiffResponseSchema>;

/** @public */
export const schemaDiffQuerySchema = z.object({
  from: z.string().min(1).max(64),
  to: z.string().min(1).max(64),
});

/**
 * `POST …/validate`: a dry run of a candidate version.
 *
 * @public
 */
export const schemaValidateRequestSchema = z.object({
  content: z.string().min(1).max(1_000_000),
  /** Check this mode instead of the artifact's effective rule. */
  mode: compatibilityModeSchema.optional(),
  /** The format, for an artifact that does not exist yet. */
  format: schemaFormatSchema.optional(),
});

/** @public */
export type SchemaValidateRequest = z.infer<typeof schemaValidateRequestSchema>;

/** @public */
export const compatibilityReportSchema = z.object({
  format: schemaFormatSchema,
  mode: compatibilityModeSchema,
  compatible: z.boolean(),
  summary: z.string(),
  differences: z.array(
    schemaDifferenceSchema.extend({
      against: z.number(),
      breaking: z.boolean(),
    }),
  ),
});

/** @public */
export const schemaValidateResponseSchema = z.object({
  report: compatibilityReportSchema,
  /** Where the mode came from: the artifact's rule, or the request. */
  ruleSource: z.enum(['artifact', 'group', 'global', 'none', 'request']),
  /** For CloudEvents artifacts: what the envelope lacks. */
  envelopeProblems: z.array(z.string()),
});
/** @public */
export type SchemaValidateResponse = z.infer<
  typeof schemaValidateResponseSchema
>;

/**
 * `POST /clusters/:cluster/schemas/:group/:artifact/versions`: register a
 * version. A new artifact needs `format`.
 *
 * @public
 */
export const schemaRegisterRequestSchema = z.object({
  content: z.string().min(1).max(1_000_000),
  format: schemaFormatSchema.optional(),
  /**
   * When the registry's rule refuses the version: ask for it to be
   * registered anyway, by approval. Answered with 202 and the request.
   */
  override: z
    .object({
      reason: z
        .string()
        .trim()
        .min(10, 'Say why, in at least 10 characters')
        .max(2000),
    })
    .optional(),
});

/** @public */
export type SchemaRegisterRequest = z.infer<typeof schemaRegisterRequestSchema>;

/**
 * The answer to a refused registration (409): our explanation and the
 * registry's own causes.
 *
 * @public
 */
export const schemaRefusedResponseSchema = z.object({
  error: z.object({ name: z.string(), message: z.string() }),
  report: compatibilityReportSchema,
  registryViolations: z.array(
    z.object({ description: z.string(), context: z.string().optional() }),
  ),
});
/** @public */
export type SchemaRefusedResponse = z.infer<typeof schemaRefusedResponseSchema>;

/** @public */
export const schemaRegisterResponseSchema = z.object({
  artifact: schemaArtifactSchema,
  version: schemaVersionSchema,
  report: compatibilityReportSchema,
});
/** @public */
export type SchemaRegisterResponse = z.infer<
  typeof schemaRegisterResponseSchema
>;

/**
 * `PUT /clusters/:cluster/schemas/:group/:artifact/rule`: set the artifact's
 * COMPATIBILITY rule. A stricter rule applies at once; a weaker one needs a
 * `reason` and becomes a `schema.rule` approval request.
 *
 * @public
 */
export const schemaRuleChangeRequestSchema = z.object({
  mode: compatibilityModeSchema,
  reason: z
    .string()
    .trim()
    .min(10, 'Say why, in at least 10 characters')
    .max(2000)
    .optional(),
});
/** @public */
export type SchemaRuleChangeRequest = z.infer<
  typeof schemaRuleChangeRequestSchema
>;

/** @public */
export type EffectiveRule = z.infer<typeof effectiveRuleSchema>;

/**
 * The answer to a rule change applied at once (200).
 *
 * @public
 */
export const schemaRuleChangeResponseSchema = z.object({
  rule: effectiveRuleSchema,
  previous: compatibilityModeSchema,
});
/** @public */
export type SchemaRuleChangeResponse = z.infer<
  typeof schemaRuleChangeResponseSchema
>;
