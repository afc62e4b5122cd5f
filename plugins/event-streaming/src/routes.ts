import { createRouteRef } from '@backstage/core-plugin-api';

/** The Event Streaming page; shared by the new and the legacy frontend system. */
export const rootRouteRef = createRouteRef({ id: 'event-streaming' });
