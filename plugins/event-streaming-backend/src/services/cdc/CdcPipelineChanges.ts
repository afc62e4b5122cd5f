/**
 * Changing what a running pipeline captures: tables added or removed,
 * columns excluded, hashed or masked. The owner previews the change (the
 * new artefacts, their diff from the stored ones and the pre-flight checks),
 * then asks for it; the security reviewers decide it as they decided the
 * pipeline (`cdc.change`), and `cdcChangeExecutor` applies it.
 */
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import {
  CdcArtefacts,
  cdcArtefactsDiff,
  CdcChangePayload,
  CdcChangePreview,
  CdcChangePreviewRequest,
  CdcChangeRequest,
  cdcDiffIsEmpty,
  CdcPipeline,
} from '@eventport/plugin-event-streaming-common';
import { Request } from 'express';
import { createHash } from 'node:crypto';
import { ApprovalService } from '../approvals/ApprovalService';
import { Caller } from '../topics/TopicPolicy';
import { assertOwner } from './CdcPipelineLifecycle';
import { CdcPipelineService } from './CdcPipelineService';
import { requestedPipeline } from './decommission';

/** JSON with its object keys sorted, so that equal values give equal text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => Number(a > b) - Number(a < b));
    return `{${entries
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 of a pipeline's artefacts: what a change was computed from. */
export function artefactsDigest(artefacts: CdcArtefacts): string {
  return createHash('sha256').update(canonical(artefacts)).digest('hex');
}

/** What the change will not do by itself, for the requester and the reviewers. */
function changeNotes(
  pipeline: CdcPipeline,
  diff: CdcChangePreview['diff'],
): string[] {
  const notes: string[] = [];
  if (diff.addedTables.length) {
    notes.push(
      `${diff.addedTables.join(
        ', ',
      )}: captured from the change on. Debezium's initial snapshot ran when the pipeline first started, so the rows these tables hold already are not sent; only their inserts, updates and deletes from now on.`,
    );
  }
  if (diff.removedTables.length) {
    notes.push(
      `${diff.removedTables.join(
        ', ',
      )}: no longer captured. Their change topics and schemas stay, with the records written so far; decommissioning the pipeline can delete them.`,
    );
  }
  if (
    pipeline.sourceType === 'postgres' &&
    (diff.addedTables.length || diff.removedTables.length)
  ) {
    const publication = pipeline.artefacts.connectorConfig['publication.name'];
    notes.push(
      `The publication ${publication} follows the table list: Debezium sets its tables when the connector restarts with the new config (publication.autocreate.mode filtered).`,
    );
  }
  if (diff.columns.length) {
    notes.push(
      'Column handling applies to change events written after the change; records already in the topics keep the values they were written with.',
    );
  }
  return notes;
}

export class CdcPipelineChanges {
  constructor(
    private readonly pipelines: CdcPipelineService,
    private readonly approvals: ApprovalService,
  ) {}

  /**
   * The change as it would be reviewed. Only members of the pipeline's
   * owner group may change it, and only while it runs; the source must
   * still be theirs to use and the new topics theirs to create.
   */
  async preview(
    id: string,
    body: CdcChangePreviewRequest,
    caller: Caller,
    credentials: BackstageCredentials,
  ): Promise<{ pipeline: CdcPipeline; change: CdcChangePreview }> {
    const pipeline = await this.pipelines.get(id, caller);
    assertOwner(pipeline, caller, 'change');
    if (pipeline.status !== 'deployed') {
      throw new ConflictError(
        `Pipeline '${pipeline.name}' cannot be changed: it is ${
          pipeline.status
        }${
          pipeline.status === 'committed'
            ? ', waiting for its GitOps commit to be merged and applied'
            : ''
        }. Only a deployed pipeline can be changed.`,
      );
    }
    const preview = await this.pipelines.preview(
      {
        sourceEntityRef: pipeline.sourceEntityRef,
        cluster: pipeline.cluster,
        name: pipeline.name,
        topicPrefix: pipeline.topicPrefix,
        tables: body.tables,
      },
      caller,
      credentials,
      pipeline.requestedBy,
    );
    const mode = pipeline.deployment?.mode ?? pipeline.artefacts.deployMode;
    if (preview.artefacts.deployMode !== mode) {
      throw new ConflictError(
        `Pipeline '${pipeline.name}' was deployed ${
          mode === 'gitops' ? 'through GitOps' : 'through Kafka Connect'
        }, and this portal now deploys ${
          preview.artefacts.deployMode === 'gitops'
            ? 'through GitOps'
            : 'through Kafka Connect'
        } (eventStreaming.cdc.gitops): change it where it was deployed`,
      );
    }
    const diff = cdcArtefactsDiff(pipeline.artefacts, preview.artefacts);
    if (cdcDiffIsEmpty(diff)) {
      throw new InputError(
        `This selection is what pipeline '${pipeline.name}' captures already: nothing would change`,
      );
    }
    return {
      pipeline,
      change: {
        artefacts: preview.artefacts,
        preflight: preview.preflight,
        diff,
        notes: changeNotes(pipeline, diff),
      },
    };
  }

  /** Asks the security reviewers for the change; answers the approval request. */
  async request(
    id: string,
    body: CdcChangeRequest,
    caller: Caller,
    credentials: BackstageCredentials,
    httpRequest?: Request,
  ) {
    const { reason, ...selection } = body;
    const { pipeline, change } = await this.preview(
      id,
      selection,
      caller,
      credentials,
    );
    const payload: CdcChangePayload = {
      ...requestedPipeline(pipeline),
      baseDigest: artefactsDigest(pipeline.artefacts),
      selection: selection.tables,
      artefacts: change.artefacts,
      preflight: change.preflight,
      diff: change.diff,
    };
    return this.approvals.request({
      kind: 'cdc.change',
      payload,
      reason,
      caller,
      httpRequest,
    });
  }
}
