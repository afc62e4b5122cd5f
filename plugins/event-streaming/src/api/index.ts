export { eventStreamingApiRef } from './EventStreamingApi';
export type {
  ApprovalListOptions,
  EventStreamingApi,
  TopicListOptions,
} from './EventStreamingApi';
export { EventStreamingClient } from './EventStreamingClient';
