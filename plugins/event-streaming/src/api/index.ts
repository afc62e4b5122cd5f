export { eventStreamingApiRef } from './EventStreamingApi';
export type {
  ApprovalListOptions,
  EventStreamingApi,
  SchemaListOptions,
  SchemaRegistrationResult,
  SchemaRuleChangeResult,
  TopicListOptions,
} from './EventStreamingApi';
export { EventStreamingClient } from './EventStreamingClient';
