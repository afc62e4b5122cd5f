import {
  approvalRequestSchema,
  cdcChangePreviewSchema,
  CdcChangePreviewRequest,
  CdcChangeRequest,
  CdcDecommissionRequest,
  cdcDatabaseListResponseSchema,
  cdcIntrospectionSchema,
  cdcPipelineActionResponseSchema,
  cdcPipelineListResponseSchema,
  cdcPipelineStatusResponseSchema,
  cdcPipelinePreviewSchema,
  cdcPipelineSchema,
  cdcPreflightResponseSchema,
  CdcPipelineRequest,
  CdcPipelineSubmit,
  CdcTableRef,
} from '@eventport/plugin-event-streaming-common';
import type { CdcPipelineListOptions, EventStreamingCdcApi } from './CdcApi';
import { BackendTransport, enc, query } from './transport';

/** The CDC routes over HTTP; `EventStreamingClient` serves them. */
export class CdcClient implements EventStreamingCdcApi {
  constructor(private readonly http: BackendTransport) {}

  async listCdcDatabases() {
    const { items } = await this.http.request(
      '/cdc/databases',
      cdcDatabaseListResponseSchema,
    );
    return items;
  }

  introspectCdcSource(entityRef: string) {
    return this.http.request(
      `/cdc/introspection${query({ entityRef })}`,
      cdcIntrospectionSchema,
    );
  }

  async preflightCdcSource(entityRef: string, tables: CdcTableRef[]) {
    const { items } = await this.http.request(
      '/cdc/preflight',
      cdcPreflightResponseSchema,
      { method: 'POST', body: { sourceEntityRef: entityRef, tables } },
    );
    return items;
  }

  previewCdcPipeline(request: CdcPipelineRequest) {
    return this.http.request(
      '/cdc/pipelines/preview',
      cdcPipelinePreviewSchema,
      {
        method: 'POST',
        body: request,
      },
    );
  }

  submitCdcPipeline(request: CdcPipelineSubmit) {
    return this.http.request('/cdc/pipelines', cdcPipelineSchema, {
      method: 'POST',
      body: request,
    });
  }

  listCdcPipelines(options: CdcPipelineListOptions = {}) {
    return this.http.request(
      `/cdc/pipelines${query({ ...options })}`,
      cdcPipelineListResponseSchema,
    );
  }

  getCdcPipeline(id: string) {
    return this.http.request(`/cdc/pipelines/${enc(id)}`, cdcPipelineSchema);
  }

  getCdcPipelineStatus(id: string) {
    return this.http.request(
      `/cdc/pipelines/${enc(id)}/status`,
      cdcPipelineStatusResponseSchema,
    );
  }

  requestCdcDecommission(id: string, request: CdcDecommissionRequest) {
    return this.http.request(
      `/cdc/pipelines/${enc(id)}/decommission`,
      approvalRequestSchema,
      { method: 'POST', body: request },
    );
  }

  previewCdcChange(id: string, request: CdcChangePreviewRequest) {
    return this.http.request(
      `/cdc/pipelines/${enc(id)}/change/preview`,
      cdcChangePreviewSchema,
      { method: 'POST', body: request },
    );
  }

  requestCdcChange(id: string, request: CdcChangeRequest) {
    return this.http.request(
      `/cdc/pipelines/${enc(id)}/change`,
      approvalRequestSchema,
      { method: 'POST', body: request },
    );
  }

  operateCdcPipeline(id: string, action: 'pause' | 'resume') {
    return this.http.request(
      `/cdc/pipelines/${enc(id)}/${action}`,
      cdcPipelineActionResponseSchema,
      { method: 'POST', body: {} },
    );
  }
}
