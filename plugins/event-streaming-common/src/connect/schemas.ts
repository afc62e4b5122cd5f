import { z } from 'zod';
import { booleanQuery } from '../http/booleanQuery';

/** @public */
export const connectorStateSchema = z.enum([
  'RUNNING',
  'PAUSED',
  'STOPPED',
  'FAILED',
  'UNASSIGNED',
  'RESTARTING',
]);
/** @public */
export type ConnectorState = z.infer<typeof connectorStateSchema>;

/** @public */
export const connectorTypeSchema = z.enum(['source', 'sink', 'unknown']);
/** @public */
export type ConnectorType = z.infer<typeof connectorTypeSchema>;

/**
 * Connector names Eventport creates: Connect takes almost anything, but a
 * name also appears in URLs, topic names (`connect-<name>`) and entity names.
 *
 * @public
 */
export const connectorNameSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
    'Use letters, digits, ".", "_" and "-", starting with a letter or digit',
  );

/** A connector config: every value a string, as Connect stores it. */
const configSchema = z.record(z.string(), z.string());

/**
 * Query of `GET /clusters/:cluster/connectors`.
 *
 * @public
 */
export const connectorListQuerySchema = z
  .object({
    q: z.string().max(200).optional(),
    state: connectorStateSchema.optional(),
    type: connectorTypeSchema.exclude(['unknown']).optional(),
    owned: booleanQuery.optional(),
    offset: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(1).max(100).default(25),
  })
  .strict();
/** @public */
export type ConnectorListQuery = z.infer<typeof connectorListQuerySchema>;

/** @public */
export const taskCountsSchema = z.object({
  total: z.number().int(),
  running: z.number().int(),
  failed: z.number().int(),
  paused: z.number().int(),
});

/**
 * A connector in the list.
 *
 * @public
 */
export const connectorSummarySchema = z.object({
  name: z.string(),
  type: connectorTypeSchema,
  /** `connector.class`. */
  className: z.string(),
  state: connectorStateSchema,
  workerId: z.string().optional(),
  tasks: taskCountsSchema,
  /** Topics it reads or writes, as Connect tracks them. */
  topics: z.array(z.string()),
  /** Owner group: from the name's namespace, or recorded at creation. */
  owner: z.string().nullable(),
  owned: z.boolean(),
});
/** @public */
export type ConnectorSummary = z.infer<typeof connectorSummarySchema>;

/** @public */
export const connectorListResponseSchema = z.object({
  items: z.array(connectorSummarySchema),
  totalCount: z.number().int(),
});
/** @public */
export type ConnectorListResponse = z.infer<typeof connectorListResponseSchema>;

/** @public */
export const connectorTaskSchema = z.object({
  id: z.number().int(),
  state: connectorStateSchema,
  workerId: z.string().optional(),
  /** The worker's stack trace when the task failed. */
  trace: z.string().optional(),
});
/** @public */
export type ConnectorTask = z.infer<typeof connectorTaskSchema>;

/**
 * `GET /clusters/:cluster/connectors/:name`: secrets in `config` are masked.
 *
 * @public
 */
export const connectorDetailSchema = connectorSummarySchema.extend({
  config: configSchema,
  /** The connector's own stack trace when it failed. */
  trace: z.string().optional(),
  taskDetails: z.array(connectorTaskSchema),
  /** Pause, resume, stop and restart: owners and platform approvers. */
  canOperate: z.boolean(),
  /** Why the caller may not operate it, when they may not. */
  operateReason: z.string().optional(),
  /** Request a config change or deletion. */
  canManage: z.boolean(),
});
/** @public */
export type ConnectorDetail = z.infer<typeof connectorDetailSchema>;

/** @public */
export const connectorPluginSchema = z.object({
  className: z.string(),
  type: connectorTypeSchema,
  version: z.string().optional(),
  /** Why connectors of this class cannot be requested here, when they cannot. */
  refusal: z.string().optional(),
});
/** @public */
export type ConnectorPlugin = z.infer<typeof connectorPluginSchema>;

/**
 * One key of a plugin's config definition with Connect's verdict on the
 * value given: what the create form is generated from.
 *
 * @public
 */
export const connectorConfigFieldSchema = z.object({
  name: z.string(),
  /** STRING, INT, LONG, DOUBLE, BOOLEAN, LIST, CLASS, PASSWORD, SHORT. */
  type: z.string(),
  required: z.boolean(),
  defaultValue: z.string().nullable(),
  importance: z.string(),
  documentation: z.string(),
  group: z.string().nullable(),
  displayName: z.string(),
  order: z.number().int(),
  /** The value given (masked when secret), or null. */
  value: z.string().nullable(),
  recommendedValues: z.array(z.string()),
  errors: z.array(z.string()),
  visible: z.boolean(),
});
/** @public */
export type ConnectorConfigField = z.infer<typeof connectorConfigFieldSchema>;

/**
 * `PUT /clusters/:cluster/connectors/plugins/:class/validate`.
 *
 * @public
 */
export const connectorValidationSchema = z.object({
  className: z.string(),
  errorCount: z.number().int(),
  groups: z.array(z.string()),
  fields: z.array(connectorConfigFieldSchema),
});
/** @public */
export type ConnectorValidation = z.infer<typeof connectorValidationSchema>;

/** @public */
export const connectorValidateRequestSchema = z
  .object({
    /** The connector to be created: validation needs the right to create it. */
    name: connectorNameSchema,
    /** Owner group, for a name outside every namespace (as in a creation). */
    owner: z.string().optional(),
    config: configSchema,
  })
  .strict();

const reasonSchema = z
  .string()
  .trim()
  .min(1, 'Say why: the approvers read it')
  .max(1000);

/**
 * Body of `POST /clusters/:cluster/connectors`.
 *
 * @public
 */
export const createConnectorRequestSchema = z
  .object({
    name: connectorNameSchema,
    config: configSchema,
    /**
     * Owner group, for a name outside every namespace; it must be one of
     * the requester's groups. A name inside a namespace belongs to it.
     */
    owner: z.string().optional(),
    reason: reasonSchema,
  })
  .strict();
/** @public */
export type CreateConnectorRequest = z.infer<
  typeof createConnectorRequestSchema
>;

/**
 * Body of `PUT /clusters/:cluster/connectors/:name/config`.
 *
 * @public
 */
export const updateConnectorRequestSchema = z
  .object({ config: configSchema, reason: reasonSchema })
  .strict();
/** @public */
export type UpdateConnectorRequest = z.infer<
  typeof updateConnectorRequestSchema
>;

/**
 * Body of `DELETE /clusters/:cluster/connectors/:name`: `confirm` is the name.
 *
 * @public
 */
export const deleteConnectorRequestSchema = z
  .object({ confirm: z.string(), reason: reasonSchema })
  .strict();

/**
 * Query of `POST /clusters/:cluster/connectors/:name/restart`.
 *
 * @public
 */
export const connectorRestartQuerySchema = z
  .object({
    includeTasks: booleanQuery.default(false),
    onlyFailed: booleanQuery.default(false),
  })
  .strict();

/**
 * One key of a config change, with secrets masked.
 *
 * @public
 */
export const configChangeSchema = z.object({
  key: z.string(),
  change: z.enum(['added', 'removed', 'changed']),
  before: z.string().optional(),
  after: z.string().optional(),
});
/** @public */
export type ConfigChange = z.infer<typeof configChangeSchema>;

/**
 * The state an operation left, for `POST …/pause` and friends.
 *
 * @public
 */
export const connectorActionResponseSchema = z.object({
  name: z.string(),
  action: z.enum(['pause', 'resume', 'stop', 'restart', 'restart-task']),
  state: connectorStateSchema,
});
/** @public */
export type ConnectorActionResponse = z.infer<
  typeof connectorActionResponseSchema
>;
