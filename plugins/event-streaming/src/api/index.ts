export { eventStreamingApiRef } from './EventStreamingApi';
export type { EventStreamingApi } from './EventStreamingApi';
export { EventStreamingClient } from './EventStreamingClient';
