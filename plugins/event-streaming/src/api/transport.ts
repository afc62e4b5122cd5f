import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { EVENT_STREAMING_PLUGIN_ID } from '@eventport/plugin-event-streaming-common';
import type { ZodType } from 'zod';

/** A query string from the set, non-empty values; `''` when none. */
export function query(
  params: Record<string, string | number | boolean | undefined>,
) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Encodes one path segment; names and ids can contain anything. */
export const enc = encodeURIComponent;

/** Method and JSON body of a request; a GET without body by default. */
export interface RequestOptions {
  method: string;
  body?: unknown;
}

/**
 * Calls the event-streaming backend: resolves its base URL, sends JSON,
 * turns a non-OK answer into a `ResponseError` (with the backend's error
 * body) and checks an OK answer against the contract's zod schema.
 */
export class BackendTransport {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async request<T>(
    path: string,
    schema: ZodType<T>,
    init?: RequestOptions,
  ): Promise<T> {
    return this.parse(path, await this.send(path, init), schema);
  }

  /** For answers without a body, such as 204 No Content. */
  async requestNoContent(path: string, init: RequestOptions): Promise<void> {
    const response = await this.send(path, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
  }

  async send(path: string, init?: RequestOptions): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl(
      EVENT_STREAMING_PLUGIN_ID,
    );
    return this.fetchApi.fetch(`${baseUrl}${path}`, {
      method: init?.method ?? 'GET',
      headers:
        init?.body !== undefined
          ? { 'Content-Type': 'application/json' }
          : undefined,
      body: init?.body !== undefined ? JSON.stringify(init.body) : undefined,
    });
  }

  async parse<T>(
    path: string,
    response: Response,
    schema: ZodType<T>,
  ): Promise<T> {
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return this.check(path, await response.json(), schema);
  }

  check<T>(path: string, body: unknown, schema: ZodType<T>): T {
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new Error(
        `Unexpected response from the event-streaming backend for ${path}: ${parsed.error.message}`,
      );
    }
    return parsed.data;
  }
}
