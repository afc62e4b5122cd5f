import {
  CdcArtefacts,
  CDC_CLOSED_STATUSES,
  CdcDeployment,
  CdcPipeline,
  CdcPipelineStatus,
  CdcPreflightCheck,
  CdcSourceType,
  CdcTableSelection,
} from '@eventport/plugin-event-streaming-common';
import { ConflictError } from '@backstage/errors';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';

const PIPELINES = 'event_streaming_cdc_pipelines';

type Row = {
  id: string;
  cluster: string;
  name: string;
  source_entity_ref: string;
  source_id: string;
  source_type: string;
  topic_prefix: string;
  owner: string;
  requested_by: string;
  reason: string;
  selection: string;
  artefacts: string;
  preflight: string;
  approval_id: string | null;
  status: string;
  deployment: string | null;
  error: string | null;
  created_at: string;
  updated_at: string;
};

export interface NewPipeline {
  cluster: string;
  name: string;
  sourceEntityRef: string;
  sourceId: string;
  sourceType: CdcSourceType;
  topicPrefix: string;
  owner: string;
  requestedBy: string;
  reason: string;
  selection: CdcTableSelection[];
  artefacts: CdcArtefacts;
  preflight: CdcPreflightCheck[];
}

/** What the slot guard needs of a pipeline. */
export type SourcePipeline = Pick<
  CdcPipeline,
  'id' | 'name' | 'cluster' | 'owner' | 'status'
>;

/** Statuses after which a pipeline's name may be used again. */
const CLOSED = CDC_CLOSED_STATUSES;

function fromRow(row: Row): CdcPipeline {
  return {
    id: row.id,
    name: row.name,
    cluster: row.cluster,
    sourceEntityRef: row.source_entity_ref,
    sourceId: row.source_id,
    sourceType: row.source_type as CdcSourceType,
    topicPrefix: row.topic_prefix,
    owner: row.owner,
    requestedBy: row.requested_by,
    reason: row.reason,
    selection: JSON.parse(row.selection),
    artefacts: JSON.parse(row.artefacts),
    preflight: JSON.parse(row.preflight),
    approvalId: row.approval_id,
    status: row.status as CdcPipelineStatus,
    deployment: row.deployment ? JSON.parse(row.deployment) : null,
    error: row.error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** CDC pipelines in the plugin's database; one live pipeline per cluster and name. */
export class CdcPipelineStore {
  constructor(private readonly db: Knex) {}

  async create(pipeline: NewPipeline): Promise<CdcPipeline> {
    const id = randomUUID();
    const now = new Date().toISOString();
    await this.db.transaction(async tx => {
      const same = await tx<Row>(PIPELINES)
        .where({ cluster: pipeline.cluster, name: pipeline.name })
        .first();
      if (same && !CLOSED.includes(same.status as CdcPipelineStatus)) {
        throw new ConflictError(
          `A pipeline named '${pipeline.name}' already exists on cluster '${pipeline.cluster}' (${same.status}); choose another name`,
        );
      }
      if (same) await tx<Row>(PIPELINES).where({ id: same.id }).delete();
      // The slot and publication are named after the pipeline alone
      // (cdcSlotName): a live namesake from the same source on another
      // cluster would share them.
      const namesake = await tx<Row>(PIPELINES)
        .where({ name: pipeline.name, source_id: pipeline.sourceId })
        .whereNot({ cluster: pipeline.cluster })
        .whereNotIn('status', [...CLOSED])
        .first();
      if (namesake) {
        throw new ConflictError(
          `A pipeline named '${pipeline.name}' already reads source '${pipeline.sourceId}' for cluster '${namesake.cluster}'; its replication slot would be shared. Choose another name`,
        );
      }
      await tx<Row>(PIPELINES).insert({
        id,
        cluster: pipeline.cluster,
        name: pipeline.name,
        source_entity_ref: pipeline.sourceEntityRef,
        source_id: pipeline.sourceId,
        source_type: pipeline.sourceType,
        topic_prefix: pipeline.topicPrefix,
        owner: pipeline.owner,
        requested_by: pipeline.requestedBy,
        reason: pipeline.reason,
        selection: JSON.stringify(pipeline.selection),
        artefacts: JSON.stringify(pipeline.artefacts),
        preflight: JSON.stringify(pipeline.preflight),
        approval_id: null,
        status: 'review',
        deployment: null,
        error: null,
        created_at: now,
        updated_at: now,
      });
    });
    return (await this.get(id))!;
  }

  /**
   * Live pipelines other than `pipeline` with its name and source, on other
   * clusters: they use the same slot and publication (created before the
   * check in `create`).
   */
  async namesakes(pipeline: {
    pipelineId: string;
    name: string;
    sourceId: string;
  }): Promise<CdcPipeline[]> {
    const rows = await this.db<Row>(PIPELINES)
      .where({ name: pipeline.name, source_id: pipeline.sourceId })
      .whereNot({ id: pipeline.pipelineId })
      .whereNotIn('status', [...CLOSED]);
    return rows.map(fromRow);
  }

  /**
   * Every pipeline ever made from a source (any status), newest first: who
   * owned the slot a pipeline of that name left behind.
   */
  async ofSource(sourceId: string): Promise<SourcePipeline[]> {
    const rows = await this.db<Row>(PIPELINES)
      .select('id', 'name', 'cluster', 'owner', 'status', 'updated_at')
      .where({ source_id: sourceId })
      .orderBy([
        { column: 'updated_at', order: 'desc' },
        { column: 'id', order: 'asc' },
      ]);
    return rows.map(r => ({
      id: r.id,
      name: r.name,
      cluster: r.cluster,
      owner: r.owner,
      status: r.status as CdcPipelineStatus,
    }));
  }

  /** Pipelines in these statuses, oldest change first (the GitOps reconciler's round). */
  async withStatuses(statuses: CdcPipelineStatus[]): Promise<CdcPipeline[]> {
    const rows = await this.db<Row>(PIPELINES)
      .whereIn('status', statuses)
      .orderBy([
        { column: 'updated_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    return rows.map(fromRow);
  }

  async get(id: string): Promise<CdcPipeline | undefined> {
    const row = await this.db<Row>(PIPELINES).where({ id }).first();
    return row ? fromRow(row) : undefined;
  }

  async list(filter: {
    sourceEntityRef?: string;
    cluster?: string;
    /** Only pipelines this user requested or whose owner is among `owners`. */
    visibleTo?: { requestedBy: string; owners: string[] };
    offset: number;
    limit: number;
  }): Promise<{ items: CdcPipeline[]; totalCount: number }> {
    const base = this.db<Row>(PIPELINES).where(builder => {
      if (filter.sourceEntityRef) {
        builder.where('source_entity_ref', filter.sourceEntityRef);
      }
      if (filter.cluster) builder.where('cluster', filter.cluster);
      const visible = filter.visibleTo;
      if (visible) {
        builder.where(inner =>
          inner
            .where('requested_by', visible.requestedBy)
            .orWhereIn('owner', visible.owners),
        );
      }
    });
    const [{ count }] = await base.clone().count({ count: '*' });
    const rows = await base
      .clone()
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'asc' },
      ])
      .offset(filter.offset)
      .limit(filter.limit);
    return { items: rows.map(fromRow), totalCount: Number(count) };
  }

  async update(
    id: string,
    changes: {
      status?: CdcPipelineStatus;
      approvalId?: string;
      deployment?: CdcDeployment;
      error?: string | null;
      /** A change of what the pipeline captures (an approved `cdc.change`). */
      selection?: CdcTableSelection[];
      artefacts?: CdcArtefacts;
      preflight?: CdcPreflightCheck[];
    },
  ): Promise<void> {
    const patch: Partial<Row> = { updated_at: new Date().toISOString() };
    if (changes.status) patch.status = changes.status;
    if (changes.approvalId) patch.approval_id = changes.approvalId;
    if (changes.deployment)
      patch.deployment = JSON.stringify(changes.deployment);
    if (changes.error !== undefined) patch.error = changes.error;
    if (changes.selection) patch.selection = JSON.stringify(changes.selection);
    if (changes.artefacts) patch.artefacts = JSON.stringify(changes.artefacts);
    if (changes.preflight) patch.preflight = JSON.stringify(changes.preflight);
    await this.db<Row>(PIPELINES).where({ id }).update(patch);
  }

  async remove(id: string): Promise<void> {
    await this.db<Row>(PIPELINES).where({ id }).delete();
  }
}
