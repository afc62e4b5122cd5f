export { eventStreamingApiRef } from './EventStreamingApi';
export type {
  ApprovalListOptions,
  ConnectorListOptions,
  ConnectorRestartOptions,
  EventStreamingApi,
  SchemaListOptions,
  SchemaRegistrationResult,
  SchemaRuleChangeResult,
  TopicListOptions,
} from './EventStreamingApi';
export { EventStreamingClient } from './EventStreamingClient';
