import type {
  CdcChangePreview,
  CdcChangePreviewRequest,
  CdcChangeRequest,
  ApprovalRequest,
  CdcDatabase,
  CdcDecommissionRequest,
  CdcIntrospection,
  CdcPipeline,
  CdcPipelineLive,
  CdcPipelinePreview,
  CdcPipelineRequest,
  CdcPipelineSubmit,
  CdcPreflightCheck,
  CdcTableRef,
  CdcPipelineActionResponse,
} from '@eventport/plugin-event-streaming-common';

/**
 * Paging and filters of the CDC pipeline list.
 *
 * @public
 */
export interface CdcPipelineListOptions {
  sourceEntityRef?: string;
  cluster?: string;
  offset?: number;
  limit?: number;
}

/**
 * CDC pipelines: introspection of catalog databases, pre-flight checks,
 * the generated artefacts, submission for security review, and the live
 * state of a pipeline.
 *
 * @public
 */
export interface EventStreamingCdcApi {
  /** Catalog databases (Resources of spec.type database) that name a CDC source. */
  listCdcDatabases(): Promise<CdcDatabase[]>;
  /** Schemas, tables and columns of a catalog database entity's source. */
  introspectCdcSource(entityRef: string): Promise<CdcIntrospection>;
  preflightCdcSource(
    entityRef: string,
    tables: CdcTableRef[],
  ): Promise<CdcPreflightCheck[]>;
  previewCdcPipeline(request: CdcPipelineRequest): Promise<CdcPipelinePreview>;
  /** Stores the pipeline and asks the security reviewers (202). */
  submitCdcPipeline(request: CdcPipelineSubmit): Promise<CdcPipeline>;
  listCdcPipelines(
    options?: CdcPipelineListOptions,
  ): Promise<{ items: CdcPipeline[]; totalCount: number }>;
  getCdcPipeline(id: string): Promise<CdcPipeline>;
  getCdcPipelineStatus(
    id: string,
  ): Promise<{ pipeline: CdcPipeline; live: CdcPipelineLive }>;
  /** Asks the platform approvers to decommission the pipeline (its owner only). */
  requestCdcDecommission(
    id: string,
    request: CdcDecommissionRequest,
  ): Promise<ApprovalRequest>;
  /** The new artefacts, diff and checks of a change of what a pipeline captures (its owner only). */
  previewCdcChange(
    id: string,
    request: CdcChangePreviewRequest,
  ): Promise<CdcChangePreview>;
  /** Asks the security reviewers for a change of what a pipeline captures (202). */
  requestCdcChange(
    id: string,
    request: CdcChangeRequest,
  ): Promise<ApprovalRequest>;
  /**
   * Pauses (stops) or resumes a deployed pipeline's connector, its owner
   * only; in GitOps mode, as a commit of the KafkaConnector's state.
   */
  operateCdcPipeline(
    id: string,
    action: 'pause' | 'resume',
  ): Promise<CdcPipelineActionResponse>;
}
