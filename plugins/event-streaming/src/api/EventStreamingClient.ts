import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ApprovalListResponse,
  approvalListResponseSchema,
  ApprovalRequest,
  approvalRequestSchema,
  ClusterListResponse,
  clusterListResponseSchema,
  CreateTopicRequest,
  DeleteTopicRequest,
  EVENT_STREAMING_PLUGIN_ID,
  HealthResponse,
  healthResponseSchema,
  TopicDetail,
  topicDetailSchema,
  TopicListResponse,
  topicListResponseSchema,
  UpdateTopicRequest,
} from '@eventport/plugin-event-streaming-common';
import type { ZodType } from 'zod';
import {
  ApprovalListOptions,
  EventStreamingApi,
  TopicListOptions,
} from './EventStreamingApi';

function query(params: Record<string, string | number | boolean | undefined>) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

const enc = encodeURIComponent;

/**
 * `EventStreamingApi` over HTTP; serves both frontend systems.
 *
 * @public
 */
export class EventStreamingClient implements EventStreamingApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  getHealth(): Promise<HealthResponse> {
    return this.request('/health', healthResponseSchema);
  }

  listClusters(): Promise<ClusterListResponse> {
    return this.request('/clusters', clusterListResponseSchema);
  }

  listTopics(
    cluster: string,
    options: TopicListOptions = {},
  ): Promise<TopicListResponse> {
    return this.request(
      `/clusters/${enc(cluster)}/topics${query({ ...options })}`,
      topicListResponseSchema,
    );
  }

  getTopic(cluster: string, topic: string): Promise<TopicDetail> {
    return this.request(
      `/clusters/${enc(cluster)}/topics/${enc(topic)}`,
      topicDetailSchema,
    );
  }

  createTopic(cluster: string, body: CreateTopicRequest): Promise<TopicDetail> {
    return this.request(`/clusters/${enc(cluster)}/topics`, topicDetailSchema, {
      method: 'POST',
      body,
    });
  }

  updateTopic(
    cluster: string,
    topic: string,
    body: UpdateTopicRequest,
  ): Promise<TopicDetail> {
    return this.request(
      `/clusters/${enc(cluster)}/topics/${enc(topic)}`,
      topicDetailSchema,
      { method: 'PATCH', body },
    );
  }

  requestTopicDeletion(
    cluster: string,
    topic: string,
    body: DeleteTopicRequest,
  ): Promise<ApprovalRequest> {
    return this.request(
      `/clusters/${enc(cluster)}/topics/${enc(topic)}`,
      approvalRequestSchema,
      { method: 'DELETE', body },
    );
  }

  listApprovals(
    options: ApprovalListOptions = {},
  ): Promise<ApprovalListResponse> {
    return this.request(
      `/approvals${query({ ...options })}`,
      approvalListResponseSchema,
    );
  }

  getApproval(id: string): Promise<ApprovalRequest> {
    return this.request(`/approvals/${enc(id)}`, approvalRequestSchema);
  }

  approve(id: string, comment?: string): Promise<ApprovalRequest> {
    return this.request(
      `/approvals/${enc(id)}/approve`,
      approvalRequestSchema,
      {
        method: 'POST',
        body: comment ? { comment } : {},
      },
    );
  }

  reject(id: string, comment: string): Promise<ApprovalRequest> {
    return this.request(`/approvals/${enc(id)}/reject`, approvalRequestSchema, {
      method: 'POST',
      body: { comment },
    });
  }

  cancel(id: string): Promise<ApprovalRequest> {
    return this.request(`/approvals/${enc(id)}/cancel`, approvalRequestSchema, {
      method: 'POST',
      body: {},
    });
  }

  private async request<T>(
    path: string,
    schema: ZodType<T>,
    init?: { method: string; body?: unknown },
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl(
      EVENT_STREAMING_PLUGIN_ID,
    );
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, {
      method: init?.method ?? 'GET',
      headers:
        init?.body !== undefined
          ? { 'Content-Type': 'application/json' }
          : undefined,
      body: init?.body !== undefined ? JSON.stringify(init.body) : undefined,
    });
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
