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
export type {
  AlertRuleListOptions,
  ConsumerGroupListOptions,
  EventStreamingMonitoringApi,
} from './MonitoringApi';
export { EventStreamingClient } from './EventStreamingClient';
export type { CdcPipelineListOptions, EventStreamingCdcApi } from './CdcApi';
