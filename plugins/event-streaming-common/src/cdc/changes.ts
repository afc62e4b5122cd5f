import { z } from 'zod';
import {
  cdcArtefactsSchema,
  cdcColumnHandlingSchema,
  cdcTableSelectionSchema,
  CdcArtefacts,
  CdcColumnHandling,
} from './pipelines';
import { cdcPreflightCheckSchema, cdcSourceTypeSchema } from './schemas';

/**
 * Body of `POST /cdc/pipelines/:id/change/preview`: the tables and column
 * handling the pipeline should capture from now on (the whole selection,
 * not a delta). The name, source, cluster and topic prefix stay.
 *
 * @public
 */
export const cdcChangePreviewRequestSchema = z
  .object({
    tables: z.array(cdcTableSelectionSchema).min(1).max(100),
  })
  .strict();
/** @public */
export type CdcChangePreviewRequest = z.infer<
  typeof cdcChangePreviewRequestSchema
>;

/**
 * Body of `POST /cdc/pipelines/:id/change`: the new selection and why, for
 * the security reviewers.
 *
 * @public
 */
export const cdcChangeRequestSchema = cdcChangePreviewRequestSchema.extend({
  reason: z.string().trim().min(1, 'Say why the change is needed').max(1000),
});
/** @public */
export type CdcChangeRequest = z.infer<typeof cdcChangeRequestSchema>;

/**
 * What a change does, computed from the stored artefacts and the new ones.
 *
 * @public
 */
export const cdcArtefactsDiffSchema = z.object({
  /** `schema.table` of tables captured from now on, and of tables no longer captured. */
  addedTables: z.array(z.string()),
  removedTables: z.array(z.string()),
  /** Columns of tables captured before and after whose handling changes. */
  columns: z.array(
    z.object({
      table: z.string(),
      column: z.string(),
      pii: z.boolean(),
      before: cdcColumnHandlingSchema,
      after: cdcColumnHandlingSchema,
    }),
  ),
  /** Connector config keys that appear, go or change (`before`/`after` absent when so). */
  config: z.array(
    z.object({
      key: z.string(),
      before: z.string().optional(),
      after: z.string().optional(),
    }),
  ),
  /** Manifests whose content changes, with both texts; `before`/`after` absent for new/kept files. */
  manifests: z.array(
    z.object({
      path: z.string(),
      before: z.string().optional(),
      after: z.string().optional(),
    }),
  ),
});
/** @public */
export type CdcArtefactsDiff = z.infer<typeof cdcArtefactsDiffSchema>;

/**
 * Answer of `POST /cdc/pipelines/:id/change/preview`.
 *
 * @public
 */
export const cdcChangePreviewSchema = z.object({
  artefacts: cdcArtefactsSchema,
  preflight: z.array(cdcPreflightCheckSchema),
  diff: cdcArtefactsDiffSchema,
  /** What the change will not do by itself, in words (e.g. no snapshot of added tables). */
  notes: z.array(z.string()),
});
/** @public */
export type CdcChangePreview = z.infer<typeof cdcChangePreviewSchema>;

/**
 * Payload of a `cdc.change` approval request: the pipeline, the artefacts
 * it had when the change was asked for (by digest), and everything the
 * security reviewers judge.
 *
 * @public
 */
export const cdcChangePayloadSchema = z
  .object({
    pipelineId: z.string().min(1),
    name: z.string().min(1),
    cluster: z.string().min(1),
    sourceEntityRef: z.string().min(1),
    sourceId: z.string().min(1),
    sourceType: cdcSourceTypeSchema,
    owner: z.string().min(1),
    /** SHA-256 of the stored artefacts the change was computed from. */
    baseDigest: z.string().min(1),
    selection: z.array(cdcTableSelectionSchema),
    artefacts: cdcArtefactsSchema,
    preflight: z.array(cdcPreflightCheckSchema),
    diff: cdcArtefactsDiffSchema,
  })
  .strict();
/** @public */
export type CdcChangePayload = z.infer<typeof cdcChangePayloadSchema>;

const tableKey = (t: { schema: string; table: string }) =>
  `${t.schema}.${t.table}`;

/**
 * The difference between a pipeline's artefacts and a change of them:
 * tables, column handling, connector config and manifests.
 *
 * @public
 */
export function cdcArtefactsDiff(
  before: CdcArtefacts,
  after: CdcArtefacts,
): CdcArtefactsDiff {
  const beforeTables = new Map(before.tables.map(t => [tableKey(t), t]));
  const afterTables = new Map(after.tables.map(t => [tableKey(t), t]));
  const columns: CdcArtefactsDiff['columns'] = [];
  for (const [key, table] of afterTables) {
    const old = beforeTables.get(key);
    if (!old) continue;
    for (const column of table.columns) {
      const was: CdcColumnHandling =
        old.columns.find(c => c.name === column.name)?.handling ?? 'capture';
      if (was !== column.handling) {
        columns.push({
          table: key,
          column: column.name,
          pii: column.pii,
          before: was,
          after: column.handling,
        });
      }
    }
  }
  const keys = [
    ...new Set([
      ...Object.keys(before.connectorConfig),
      ...Object.keys(after.connectorConfig),
    ]),
  ].sort();
  const config = keys
    .filter(k => before.connectorConfig[k] !== after.connectorConfig[k])
    .map(key => ({
      key,
      ...(key in before.connectorConfig
        ? { before: before.connectorConfig[key] }
        : {}),
      ...(key in after.connectorConfig
        ? { after: after.connectorConfig[key] }
        : {}),
    }));
  const paths = [
    ...new Set([
      ...before.manifests.map(m => m.path),
      ...after.manifests.map(m => m.path),
    ]),
  ].sort();
  const manifests = paths.flatMap(path => {
    const was = before.manifests.find(m => m.path === path)?.content;
    const is = after.manifests.find(m => m.path === path)?.content;
    if (was === is) return [];
    return [
      {
        path,
        ...(was !== undefined ? { before: was } : {}),
        ...(is !== undefined ? { after: is } : {}),
      },
    ];
  });
  return {
    addedTables: [...afterTables.keys()].filter(k => !beforeTables.has(k)),
    removedTables: [...beforeTables.keys()].filter(k => !afterTables.has(k)),
    columns,
    config,
    manifests,
  };
}

/** True when a diff changes nothing. @public */
export function cdcDiffIsEmpty(diff: CdcArtefactsDiff): boolean {
  return (
    !diff.addedTables.length &&
    !diff.removedTables.length &&
    !diff.columns.length &&
    !diff.config.length &&
    !diff.manifests.length
  );
}
