import { z } from 'zod';
import { booleanQuery } from '../http/booleanQuery';
import { configChangeSchema } from '../connect/schemas';
import { compatibilityModeSchema } from '../schemaRegistry/schemas';
import { cdcChangePayloadSchema, CdcChangePayload } from '../cdc/changes';
import { approvalEvidenceSchema } from './evidence';
import {
  cdcDecommissionPayloadSchema,
  CdcDecommissionPayload,
  cdcDeployPayloadSchema,
  CdcDeployPayload,
} from '../cdc/pipelines';

/** @public */
export const approvalStatusSchema = z.enum([
  'pending',
  'approved',
  'rejected',
  'executing',
  'executed',
  'failed',
  'cancelled',
  /** Pending past its expiry (`eventStreaming.approvals.expiry`): no longer decidable. */
  'expired',
]);
/** @public */
export type ApprovalStatus = z.infer<typeof approvalStatusSchema>;

/**
 * Payload of a `topic.delete` request: what will be deleted on approval.
 *
 * @public
 */
export const topicDeletePayloadSchema = z
  .object({
    cluster: z.string().min(1),
    topic: z.string().min(1),
    /**
     * The ID of the topic that was reviewed (Kafka's, base64url). Only that
     * topic is deleted: one deleted and created again under the name has
     * another ID. Requests made before IDs were recorded lack it and are
     * refused at execution, with a message to ask again.
     */
    topicId: z.string().min(1).optional(),
  })
  .strict();
/** @public */
export type TopicDeletePayload = z.infer<typeof topicDeletePayloadSchema>;

/**
 * Payload of a `schema.override` request: the exact schema version that
 * will be registered, with the rule relaxed for that one call, on approval.
 *
 * @public
 */
export const schemaOverridePayloadSchema = z
  .object({
    cluster: z.string().min(1),
    groupId: z.string().min(1),
    artifactId: z.string().min(1),
    artifactType: z.string().min(1),
    content: z.string().min(1).max(1_000_000),
    /** The artifact's rule that refused the version when it was requested. */
    mode: compatibilityModeSchema,
    /**
     * The artifact's latest version when the override was reviewed. It is
     * executed only while that is still the latest version and `mode` still
     * the rule: otherwise the approver judged another check. Requests made
     * before this was recorded lack it and are refused at execution.
     */
    latest: z
      .object({ version: z.string().min(1), globalId: z.number().int() })
      .strict()
      .optional(),
  })
  .strict();
/** @public */
export type SchemaOverridePayload = z.infer<typeof schemaOverridePayloadSchema>;

/**
 * Payload of a `schema.rule` request: the artifact's COMPATIBILITY rule
 * weakened to `mode` on approval (making it stricter needs no approval).
 *
 * @public
 */
export const schemaRulePayloadSchema = z
  .object({
    cluster: z.string().min(1),
    groupId: z.string().min(1),
    artifactId: z.string().min(1),
    /** The rule asked for. */
    mode: compatibilityModeSchema,
    /** The effective rule when it was requested. */
    previous: compatibilityModeSchema,
  })
  .strict();
/** @public */
export type SchemaRulePayload = z.infer<typeof schemaRulePayloadSchema>;

/**
 * Payload of a `schema.delete` request: the artifact and all its versions,
 * deleted on approval unless a topic that uses it exists again by then.
 *
 * @public
 */
export const schemaDeletePayloadSchema = z
  .object({
    cluster: z.string().min(1),
    groupId: z.string().min(1),
    artifactId: z.string().min(1),
    /** The topic the artifact is named after (`<topic>-value`), if any. */
    topic: z.string().nullable(),
    /** Its versions when the request was made, for the approver. */
    versions: z.array(z.string()),
    /**
     * Evidence for the approver: the consumer groups Eventport's sampler saw
     * with committed offsets on the topic, latest first, and since when the
     * samples reach back (null: no sample kept). Only sampled groups count:
     * those a page, an alert rule or the catalog made Eventport watch.
     */
    lastReaders: z
      .array(z.object({ groupId: z.string(), lastSeenAt: z.string() }))
      .optional(),
    readersSampledSince: z.string().nullable().optional(),
  })
  .strict();
/** @public */
export type SchemaDeletePayload = z.infer<typeof schemaDeletePayloadSchema>;

const connectorConfigSchema = z.record(z.string(), z.string());

/**
 * Payload of a `connector.create` request: the connector created on
 * approval, exactly this config. Literal secrets are refused before a
 * request is made, so the config holds config-provider references only.
 *
 * @public
 */
export const connectorCreatePayloadSchema = z
  .object({
    cluster: z.string().min(1),
    name: z.string().min(1),
    config: connectorConfigSchema,
    /** Owner group recorded for the connector on creation. */
    owner: z.string().min(1),
    /** Who asked for it, recorded with the owner. */
    requestedBy: z.string().min(1),
  })
  .strict();
/** @public */
export type ConnectorCreatePayload = z.infer<
  typeof connectorCreatePayloadSchema
>;

/**
 * Payload of a `connector.update` request: the whole new config, and what
 * it changes against the config live when it was requested (masked).
 *
 * @public
 */
export const connectorUpdatePayloadSchema = z
  .object({
    cluster: z.string().min(1),
    name: z.string().min(1),
    config: connectorConfigSchema,
    changes: z.array(configChangeSchema),
    /**
     * SHA-256 of the live config the change was computed against: the
     * change is applied only while the connector still has that config.
     */
    baseConfigHash: z.string().optional(),
  })
  .strict();
/** @public */
export type ConnectorUpdatePayload = z.infer<
  typeof connectorUpdatePayloadSchema
>;

/**
 * Payload of a `connector.delete` request.
 *
 * @public
 */
export const connectorDeletePayloadSchema = z
  .object({
    cluster: z.string().min(1),
    name: z.string().min(1),
    className: z.string(),
  })
  .strict();
/** @public */
export type ConnectorDeletePayload = z.infer<
  typeof connectorDeletePayloadSchema
>;

/**
 * Every kind of approval request and the schema of its payload.
 *
 * @public
 */
export const approvalPayloadSchemas = {
  'topic.delete': topicDeletePayloadSchema,
  'schema.override': schemaOverridePayloadSchema,
  'schema.rule': schemaRulePayloadSchema,
  'schema.delete': schemaDeletePayloadSchema,
  'connector.create': connectorCreatePayloadSchema,
  'connector.update': connectorUpdatePayloadSchema,
  'connector.delete': connectorDeletePayloadSchema,
  'cdc.deploy': cdcDeployPayloadSchema,
  'cdc.decommission': cdcDecommissionPayloadSchema,
  'cdc.change': cdcChangePayloadSchema,
} as const;
/** @public */
export type ApprovalKind = keyof typeof approvalPayloadSchemas;
/** @public */
export const approvalKindSchema = z.enum([
  'topic.delete',
  'schema.override',
  'schema.rule',
  'schema.delete',
  'connector.create',
  'connector.update',
  'connector.delete',
  'cdc.deploy',
  'cdc.decommission',
  'cdc.change',
]);
/** @public */
export type ApprovalPayload =
  | TopicDeletePayload
  | SchemaOverridePayload
  | SchemaRulePayload
  | SchemaDeletePayload
  | ConnectorCreatePayload
  | ConnectorUpdatePayload
  | ConnectorDeletePayload
  | CdcDeployPayload
  | CdcDecommissionPayload
  | CdcChangePayload;

/** @public */
export const approvalHistoryEntrySchema = z.object({
  at: z.string(),
  /** Entity ref of the user, or `system` for the executor and reconciler. */
  actor: z.string(),
  action: z.enum([
    'requested',
    'approved',
    'rejected',
    'cancelled',
    'executing',
    'executed',
    'failed',
    'reconciled',
    'expired',
  ]),
  status: approvalStatusSchema,
  comment: z.string().optional(),
});
/** @public */
export type ApprovalHistoryEntry = z.infer<typeof approvalHistoryEntrySchema>;

const approvalRequestBase = z.object({
  id: z.string(),
  status: approvalStatusSchema,
  requestedBy: z.string(),
  reason: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  decidedBy: z.string().nullable(),
  /** Why execution failed, when it did. */
  error: z.string().nullable(),
  /** When a pending request expires, if it can. */
  expiresAt: z.string().nullable().optional(),
  /**
   * The group that owns the resource, when known: its members see the
   * request and may cancel it, as the requester may.
   */
  owner: z.string().nullable().optional(),
  /** The resource acted on (`topic:<cluster>/<topic>`, see `approvalSubjectOf`). */
  subject: z.string().nullable().optional(),
  /** What the approver should know, as it was when the request was made. */
  evidence: approvalEvidenceSchema.nullable().optional(),
  history: z.array(approvalHistoryEntrySchema),
});

/**
 * An approval request; `payload` depends on `kind`.
 *
 * @public
 */
export const approvalRequestSchema = z.discriminatedUnion('kind', [
  approvalRequestBase.extend({
    kind: z.literal('topic.delete'),
    payload: topicDeletePayloadSchema,
  }),
  approvalRequestBase.extend({
    kind: z.literal('schema.override'),
    payload: schemaOverridePayloadSchema,
  }),
  approvalRequestBase.extend({
    kind: z.literal('schema.rule'),
    payload: schemaRulePayloadSchema,
  }),
  approvalRequestBase.extend({
    kind: z.literal('schema.delete'),
    payload: schemaDeletePayloadSchema,
  }),
  approvalRequestBase.extend({
    kind: z.literal('connector.create'),
    payload: connectorCreatePayloadSchema,
  }),
  approvalRequestBase.extend({
    kind: z.literal('connector.update'),
    payload: connectorUpdatePayloadSchema,
  }),
  approvalRequestBase.extend({
    kind: z.literal('connector.delete'),
    payload: connectorDeletePayloadSchema,
  }),
  approvalRequestBase.extend({
    kind: z.literal('cdc.deploy'),
    payload: cdcDeployPayloadSchema,
  }),
  approvalRequestBase.extend({
    kind: z.literal('cdc.decommission'),
    payload: cdcDecommissionPayloadSchema,
  }),
  approvalRequestBase.extend({
    kind: z.literal('cdc.change'),
    payload: cdcChangePayloadSchema,
  }),
]);
/** @public */
export type ApprovalRequest = z.infer<typeof approvalRequestSchema>;

/**
 * The subject of each kind of resource, for `GET /approvals?subject=`.
 *
 * @public
 */
export const approvalSubjects = {
  topic: (cluster: string, topic: string) => `topic:${cluster}/${topic}`,
  schema: (cluster: string, groupId: string, artifactId: string) =>
    `schema:${cluster}/${groupId}/${artifactId}`,
  connector: (cluster: string, name: string) => `connector:${cluster}/${name}`,
  cdcPipeline: (id: string) => `cdc-pipeline:${id}`,
};

/**
 * The resource a request acts on, as its page names it: `topic:<cluster>/<topic>`,
 * `schema:<cluster>/<groupId>/<artifactId>`, `connector:<cluster>/<name>` or
 * `cdc-pipeline:<id>`.
 *
 * @public
 */
export function approvalSubjectOf(
  kind: ApprovalKind,
  payload: unknown,
): string {
  const p = payload as Record<string, string>;
  switch (kind) {
    case 'topic.delete':
      return approvalSubjects.topic(p.cluster, p.topic);
    case 'schema.override':
    case 'schema.rule':
    case 'schema.delete':
      return approvalSubjects.schema(p.cluster, p.groupId, p.artifactId);
    case 'connector.create':
    case 'connector.update':
    case 'connector.delete':
      return approvalSubjects.connector(p.cluster, p.name);
    default:
      return approvalSubjects.cdcPipeline(p.pipelineId);
  }
}

/**
 * Query of `GET /approvals`.
 *
 * @public
 */
export const approvalListQuerySchema = z
  .object({
    status: approvalStatusSchema.optional(),
    mine: booleanQuery.optional(),
    /** Only requests on resources the caller's groups own. */
    team: booleanQuery.optional(),
    /** Only requests on this resource (`approvalSubjectOf`). */
    subject: z.string().min(1).max(600).optional(),
    /** Only open requests (pending, approved or executing). */
    open: booleanQuery.optional(),
    offset: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(1).max(100).default(25),
  })
  .strict();
/** @public */
export type ApprovalListQuery = z.infer<typeof approvalListQuerySchema>;

/** @public */
export const approvalListResponseSchema = z.object({
  items: z.array(approvalRequestSchema),
  totalCount: z.number().int(),
  /** True when the caller may decide requests. */
  canDecide: z.boolean(),
});
/** @public */
export type ApprovalListResponse = z.infer<typeof approvalListResponseSchema>;

/**
 * Body of `POST /approvals/:id/approve`.
 *
 * @public
 */
export const approveRequestSchema = z
  .object({ comment: z.string().max(1000).optional() })
  .strict();
/**
 * Body of `POST /approvals/:id/reject`: a reason is required.
 *
 * @public
 */
export const rejectRequestSchema = z
  .object({ comment: z.string().trim().min(1, 'Say why').max(1000) })
  .strict();
