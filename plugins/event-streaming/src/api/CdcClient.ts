import {
  cdcDatabaseSchema,
  cdcIntrospectionSchema,
  cdcPipelineLiveSchema,
  cdcPipelinePreviewSchema,
  cdcPipelineSchema,
  cdcPreflightCheckSchema,
  CdcPipelineRequest,
  CdcPipelineSubmit,
  CdcTableRef,
} from '@eventport/plugin-event-streaming-common';
import { z } from 'zod';
import type { CdcPipelineListOptions, EventStreamingCdcApi } from './CdcApi';
import { BackendTransport, enc, query } from './transport';

const pipelineListSchema = z.object({
  items: z.array(cdcPipelineSchema),
  totalCount: z.number(),
});
const statusSchema = z.object({
  pipeline: cdcPipelineSchema,
  live: cdcPipelineLiveSchema,
});

/** The CDC routes over HTTP; `EventStreamingClient` serves them. */
export class CdcClient implements EventStreamingCdcApi {
  constructor(private readonly http: BackendTransport) {}

  async listCdcDatabases() {
    const { items } = await this.http.request(
      '/cdc/databases',
      z.object({ items: z.array(cdcDatabaseSchema) }),
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
      z.object({ items: z.array(cdcPreflightCheckSchema) }),
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
      pipelineListSchema,
    );
  }

  getCdcPipeline(id: string) {
    return this.http.request(`/cdc/pipelines/${enc(id)}`, cdcPipelineSchema);
  }

  getCdcPipelineStatus(id: string) {
    return this.http.request(`/cdc/pipelines/${enc(id)}/status`, statusSchema);
  }
}
