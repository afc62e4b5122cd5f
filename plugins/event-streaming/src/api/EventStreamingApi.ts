import { createApiRef } from '@backstage/core-plugin-api';
import type { HealthResponse } from '@eventport/plugin-event-streaming-common';

/** The event-streaming backend as the frontend sees it. */
export interface EventStreamingApi {
  /** Reachability of every configured Kafka cluster. */
  getHealth(): Promise<HealthResponse>;
}

/** @public */
export const eventStreamingApiRef = createApiRef<EventStreamingApi>({
  id: 'plugin.event-streaming.service',
});
