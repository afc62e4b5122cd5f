import { z } from 'zod';
import {
  cdcPreflightCheckSchema,
  cdcSourceSummarySchema,
  cdcSourceTypeSchema,
} from './schemas';

/**
 * What happens to one column of a captured table:
 * - `capture`: the value as it is;
 * - `exclude`: left out of every change event (`column.exclude.list`);
 * - `hash`: replaced by a salted SHA-256 hash (`column.mask.hash.*`), so
 *   equal values still join;
 * - `mask`: replaced by asterisks (`column.mask.with.*`).
 *
 * @public
 */
export const cdcColumnHandlingSchema = z.enum([
  'capture',
  'exclude',
  'hash',
  'mask',
]);
/** @public */
export type CdcColumnHandling = z.infer<typeof cdcColumnHandlingSchema>;

/**
 * A schema, table or column name that Debezium's include, exclude and mask
 * lists can carry: they are comma-separated, so a name with ',' could name
 * a table nobody reviewed.
 */
const capturedName = z
  .string()
  .min(1)
  .max(63)
  .regex(
    /^[^,]+$/,
    "Debezium's include and mask lists are comma-separated: a name with ',' cannot be captured",
  );

/**
 * One table chosen for capture, with the handling of its columns. A column
 * left out of `columns` is captured.
 *
 * @public
 */
export const cdcTableSelectionSchema = z
  .object({
    /** PostgreSQL schema, or the MariaDB/MySQL database. */
    schema: capturedName,
    table: capturedName,
    columns: z.record(capturedName, cdcColumnHandlingSchema).default({}),
  })
  .strict();
/** @public */
export type CdcTableSelection = z.infer<typeof cdcTableSelectionSchema>;

/**
 * Pipeline names: lowercase letters, digits and '-', so that they make a
 * valid connector, slot, publication and Kubernetes name.
 *
 * @public
 */
export const CDC_PIPELINE_NAME = /^[a-z][a-z0-9-]{1,38}[a-z0-9]$/;

/**
 * Body of `POST /cdc/pipelines/preview` and `POST /cdc/pipelines`.
 *
 * @public
 */
export const cdcPipelineRequestSchema = z
  .object({
    /** The catalog `Resource` of `spec.type: database` with `eventport.io/cdc-source`. */
    sourceEntityRef: z.string().min(1),
    /** The Kafka cluster the change events go to. */
    cluster: z.string().min(1),
    name: z
      .string()
      .regex(
        CDC_PIPELINE_NAME,
        "3 to 40 lowercase letters, digits or '-', starting with a letter",
      ),
    /**
     * Debezium's `topic.prefix`; must lie inside a namespace the requester
     * owns, e.g. `team-a.cdc.shop`.
     */
    topicPrefix: z.string().min(1).max(200),
    tables: z.array(cdcTableSelectionSchema).min(1).max(100),
  })
  .strict();
/** @public */
export type CdcPipelineRequest = z.infer<typeof cdcPipelineRequestSchema>;

/**
 * Body of `POST /cdc/pipelines`: the request plus why it is needed, for the
 * security reviewers.
 *
 * @public
 */
export const cdcPipelineSubmitSchema = cdcPipelineRequestSchema.extend({
  reason: z.string().trim().min(1, 'Say why the data is needed').max(1000),
});
/** @public */
export type CdcPipelineSubmit = z.infer<typeof cdcPipelineSubmitSchema>;

/**
 * A column as the security review shows it.
 *
 * @public
 */
export const cdcReviewColumnSchema = z.object({
  name: z.string(),
  dataType: z.string(),
  handling: cdcColumnHandlingSchema,
  pii: z.boolean(),
  piiReason: z.string().optional(),
});

/**
 * A captured table as the security review shows it: every column with its
 * handling and PII flag, and its change topic and artifacts.
 *
 * @public
 */
export const cdcReviewTableSchema = z.object({
  schema: z.string(),
  table: z.string(),
  topic: z.string(),
  valueArtifact: z.string(),
  keyArtifact: z.string(),
  columns: z.array(cdcReviewColumnSchema),
});
/** @public */
export type CdcReviewTable = z.infer<typeof cdcReviewTableSchema>;

/**
 * A generated file: a Strimzi manifest, relative to the GitOps path.
 *
 * @public
 */
export const cdcManifestSchema = z.object({
  path: z.string(),
  kind: z.enum(['KafkaConnector', 'KafkaTopic']),
  content: z.string(),
});
/** @public */
export type CdcManifest = z.infer<typeof cdcManifestSchema>;

/**
 * Everything the portal generates for a pipeline, shown before submitting
 * and stored with it.
 *
 * @public
 */
export const cdcArtefactsSchema = z.object({
  connectorName: z.string(),
  connectorClass: z.string(),
  /** The connector config; passwords only as config-provider references. */
  connectorConfig: z.record(z.string(), z.string()),
  tables: z.array(cdcReviewTableSchema),
  /** Debezium's schema-history topic (MariaDB/MySQL only). */
  schemaHistoryTopic: z.string().optional(),
  manifests: z.array(cdcManifestSchema),
  /** Where the manifests go in GitOps mode, or `direct` (through Kafka Connect). */
  deployMode: z.enum(['gitops', 'direct']),
});
/** @public */
export type CdcArtefacts = z.infer<typeof cdcArtefactsSchema>;

/**
 * Answer of `POST /cdc/pipelines/preview`.
 *
 * @public
 */
export const cdcPipelinePreviewSchema = z.object({
  sourceId: z.string(),
  sourceType: cdcSourceTypeSchema,
  artefacts: cdcArtefactsSchema,
  preflight: z.array(cdcPreflightCheckSchema),
  /** The namespace owner the pipeline and its topics belong to. */
  owner: z.string(),
});
/** @public */
export type CdcPipelinePreview = z.infer<typeof cdcPipelinePreviewSchema>;

/**
 * Where a pipeline is in its life:
 * `review` (a security review is pending), `rejected`, `cancelled`,
 * `deploying` (approved, being committed or created), `committed` (on a
 * GitOps branch, waiting for its merge and the operator), `deployed`
 * (created through Kafka Connect), `failed`, `decommissioning` (an approved
 * decommission is removing it), `decommissioned` (removed, with its
 * replication slot and publication).
 *
 * @public
 */
export const cdcPipelineStatusSchema = z.enum([
  'review',
  'rejected',
  'cancelled',
  'deploying',
  'committed',
  'deployed',
  'failed',
  'decommissioning',
  'decommissioned',
]);
/** @public */
export type CdcPipelineStatus = z.infer<typeof cdcPipelineStatusSchema>;

/**
 * The statuses of a pipeline that holds nothing any more (or never did): its
 * name is free again, and the catalog does not show it.
 *
 * @public
 */
export const CDC_CLOSED_STATUSES: readonly CdcPipelineStatus[] = [
  'rejected',
  'cancelled',
  'failed',
  'decommissioned',
];

/**
 * Where the deployment went.
 *
 * @public
 */
export const cdcDeploymentSchema = z.object({
  mode: z.enum(['gitops', 'direct']),
  /** GitOps: the branch and commit that hold the manifests. */
  branch: z.string().optional(),
  commit: z.string().optional(),
  /** GitOps with a GitHub integration: the pull request. */
  pullRequestUrl: z.string().optional(),
  /** Why the pull request could not be opened, when it could not. */
  pullRequestError: z.string().optional(),
  /** After a decommission: what it removed, one line each. */
  removed: z.array(z.string()).optional(),
  /**
   * GitOps decommission: the commit that removes the manifests (null when
   * the base branch held none), and what is done once the operator has
   * deleted the connector.
   */
  removal: z
    .object({
      branch: z.string(),
      commit: z.string().nullable(),
      deleteTopics: z.boolean(),
      deleteSchemas: z.boolean(),
      pullRequestUrl: z.string().optional(),
      pullRequestError: z.string().optional(),
    })
    .optional(),
  /**
   * GitOps: the commit of the latest approved change of what the pipeline
   * captures; the operator applies it once it is merged.
   */
  change: z
    .object({
      branch: z.string(),
      commit: z.string(),
      pullRequestUrl: z.string().optional(),
      pullRequestError: z.string().optional(),
    })
    .optional(),
});
/** @public */
export type CdcDeployment = z.infer<typeof cdcDeploymentSchema>;

/**
 * A stored CDC pipeline.
 *
 * @public
 */
export const cdcPipelineSchema = z.object({
  id: z.string(),
  name: z.string(),
  cluster: z.string(),
  sourceEntityRef: z.string(),
  sourceId: z.string(),
  sourceType: cdcSourceTypeSchema,
  topicPrefix: z.string(),
  owner: z.string(),
  requestedBy: z.string(),
  reason: z.string(),
  selection: z.array(cdcTableSelectionSchema),
  artefacts: cdcArtefactsSchema,
  preflight: z.array(cdcPreflightCheckSchema),
  approvalId: z.string().nullable(),
  status: cdcPipelineStatusSchema,
  deployment: cdcDeploymentSchema.nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
/** @public */
export type CdcPipeline = z.infer<typeof cdcPipelineSchema>;

/** Which pipeline a request is about: the same fields in every CDC request. */
const cdcRequestedPipeline = {
  pipelineId: z.string().min(1),
  name: z.string().min(1),
  cluster: z.string().min(1),
  sourceEntityRef: z.string().min(1),
  sourceId: z.string().min(1),
  sourceType: cdcSourceTypeSchema,
  owner: z.string().min(1),
};

/**
 * Payload of a `cdc.deploy` approval request: the pipeline and everything
 * the security reviewers judge, as it was submitted.
 *
 * @public
 */
export const cdcDeployPayloadSchema = z
  .object({
    ...cdcRequestedPipeline,
    artefacts: cdcArtefactsSchema,
    preflight: z.array(cdcPreflightCheckSchema),
  })
  .strict();
/** @public */
export type CdcDeployPayload = z.infer<typeof cdcDeployPayloadSchema>;

/**
 * Body of `POST /cdc/pipelines/:id/decommission`: the owner asks to remove
 * the pipeline. The connector, the replication slot and the publication are
 * always removed; the change topics and their schemas only when asked.
 * Schemas go only with their topics: the records of a kept topic need them.
 *
 * @public
 */
export const cdcDecommissionRequestSchema = z
  .object({
    reason: z.string().trim().min(1).max(2000),
    deleteTopics: z.boolean().default(false),
    deleteSchemas: z.boolean().default(false),
  })
  .strict()
  .refine(r => r.deleteTopics || !r.deleteSchemas, {
    message:
      'deleteSchemas needs deleteTopics: the records of a kept topic need their schemas to be read',
    path: ['deleteSchemas'],
  });
/** @public */
export type CdcDecommissionRequest = z.infer<
  typeof cdcDecommissionRequestSchema
>;

/**
 * Payload of a `cdc.decommission` approval request: what will be removed,
 * fixed when the request is made.
 *
 * @public
 */
export const cdcDecommissionPayloadSchema = z
  .object({
    ...cdcRequestedPipeline,
    connectorName: z.string().min(1),
    /** PostgreSQL: the replication slot and the publication to drop. */
    slotName: z.string().nullable(),
    publicationName: z.string().nullable(),
    /** The change topics (and MariaDB/MySQL's schema-history topic). */
    topics: z.array(z.string()),
    /** The registry artifacts of the change topics. */
    artifacts: z.array(z.string()),
    deleteTopics: z.boolean(),
    deleteSchemas: z.boolean(),
  })
  .strict();
/** @public */
export type CdcDecommissionPayload = z.infer<
  typeof cdcDecommissionPayloadSchema
>;

/**
 * Answer of `GET /cdc/pipelines/:id/status`: what the running pipeline
 * does, read live from Connect, Kafka and the source database.
 *
 * @public
 */
export const cdcPipelineLiveSchema = z.object({
  /** Null while the connector does not exist (not deployed, or not merged yet). */
  connector: z
    .object({
      name: z.string(),
      state: z.string(),
      trace: z.string().optional(),
      tasks: z.array(
        z.object({
          id: z.number().int(),
          state: z.string(),
          trace: z.string().optional(),
        }),
      ),
    })
    .nullable(),
  topics: z.array(
    z.object({
      topic: z.string(),
      exists: z.boolean(),
      /** Sum of the partitions' end offsets: change events written so far. */
      endOffset: z.number().nullable(),
      /** From the offset samples; null until two samples exist. */
      messagesPerSecond: z.number().nullable(),
      consumers: z.array(
        z.object({
          groupId: z.string(),
          lag: z.number(),
          maxTimeLagMs: z.number().nullable(),
          status: z.string(),
        }),
      ),
    }),
  ),
  /** PostgreSQL: the replication slot; null when it does not exist yet (or MariaDB/MySQL). */
  slot: z
    .object({
      name: z.string(),
      active: z.boolean(),
      lagBytes: z.number().nullable(),
      /** WAL the server keeps for this slot (from its restart position), in bytes. */
      retainedBytes: z.number().nullable().optional(),
      /** Retained WAL past which the owners are warned (`slotGuard.retainedWalWarningMb`). */
      retainedWarningBytes: z.number().optional(),
    })
    .nullable(),
  /** Parts that could not be read, each with the reason; the rest still answers. */
  problems: z.array(z.string()),
});
/** @public */
export type CdcPipelineLive = z.infer<typeof cdcPipelineLiveSchema>;

/**
 * What pausing or resuming a pipeline did: in direct mode the connector's
 * state in Connect afterwards; in GitOps mode the commit that sets the
 * KafkaConnector's `spec.state`, which the operator applies once merged.
 *
 * @public
 */
export const cdcPipelineActionResponseSchema = z.object({
  pipelineId: z.string(),
  action: z.enum(['pause', 'resume']),
  mode: z.enum(['direct', 'gitops']),
  /** Direct mode: the connector's state after the call. */
  connectorState: z.string().optional(),
  /** GitOps mode: where the change waits for its merge. */
  branch: z.string().optional(),
  commit: z.string().optional(),
  pullRequestUrl: z.string().optional(),
  pullRequestError: z.string().optional(),
  /** One sentence for the page. */
  message: z.string(),
});
/** @public */
export type CdcPipelineActionResponse = z.infer<
  typeof cdcPipelineActionResponseSchema
>;

/**
 * Query of `GET /cdc/pipelines`.
 *
 * @public
 */
export const cdcPipelineListQuerySchema = z
  .object({
    sourceEntityRef: z.string().optional(),
    cluster: z.string().optional(),
    offset: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(1).max(100).default(25),
  })
  .strict();
/** @public */
export type CdcPipelineListQuery = z.infer<typeof cdcPipelineListQuerySchema>;

/**
 * A catalog database the CDC wizard offers: a `Resource` of
 * `spec.type: database` with `eventport.io/cdc-source`.
 *
 * @public
 */
export const cdcDatabaseSchema = z.object({
  entityRef: z.string(),
  title: z.string(),
  description: z.string().optional(),
  owner: z.string().optional(),
  sourceId: z.string(),
  /**
   * Whether the caller may use it: their groups include its owner or one of
   * the source's `users` in config. Others see that it exists and whom to
   * ask, not its connection.
   */
  usable: z.boolean(),
  /**
   * The configured connection, for a usable database; absent when the
   * annotation names no configured source, or the caller may not use it.
   */
  source: cdcSourceSummarySchema.optional(),
});
/** @public */
export type CdcDatabase = z.infer<typeof cdcDatabaseSchema>;

/** @public */
export const cdcDatabaseListResponseSchema = z.object({
  items: z.array(cdcDatabaseSchema),
});

/** @public */
export const cdcPreflightResponseSchema = z.object({
  items: z.array(cdcPreflightCheckSchema),
});

/** @public */
export const cdcPipelineListResponseSchema = z.object({
  items: z.array(cdcPipelineSchema),
  totalCount: z.number().int(),
});
/** @public */
export type CdcPipelineListResponse = z.infer<
  typeof cdcPipelineListResponseSchema
>;

/**
 * Answer of `GET /cdc/pipelines/:id/status`.
 *
 * @public
 */
export const cdcPipelineStatusResponseSchema = z.object({
  pipeline: cdcPipelineSchema,
  live: cdcPipelineLiveSchema,
});
/** @public */
export type CdcPipelineStatusResponse = z.infer<
  typeof cdcPipelineStatusResponseSchema
>;
