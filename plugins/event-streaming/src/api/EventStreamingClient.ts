import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  EVENT_STREAMING_PLUGIN_ID,
  HealthResponse,
  healthResponseSchema,
} from '@eventport/plugin-event-streaming-common';
import type { ZodType } from 'zod';
import { EventStreamingApi } from './EventStreamingApi';

/** `EventStreamingApi` over HTTP; serves both frontend systems. */
export class EventStreamingClient implements EventStreamingApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getHealth(): Promise<HealthResponse> {
    return this.request('/health', healthResponseSchema);
  }

  private async request<T>(
    path: string,
    schema: ZodType<T>,
    init?: RequestInit,
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl(
      EVENT_STREAMING_PLUGIN_ID,
    );
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    const parsed = schema.safeParse(await response.json());
    if (!parsed.success) {
      throw new Error(
        `Unexpected response from the event-streaming backend for ${path}: ${parsed.error.message}`,
      );
    }
    return parsed.data;
  }
}
