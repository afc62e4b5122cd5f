/**
 * Eventport frontend plugin. The root export serves the legacy frontend
 * system; `@eventport/plugin-event-streaming/alpha` serves the new one.
 *
 * @packageDocumentation
 */

export {
  eventStreamingPlugin,
  EventStreamingPage,
  EntityKafkaTopicCard,
  EntityKafkaTopicLagCard,
  EntitySchemaCard,
  EntityKafkaConnectorCard,
  EntityCdcPipelineCard,
  EntityKafkaContent,
} from './plugin';
export {
  isKafkaTopicEntity,
  isSchemaApiEntity,
  isKafkaConnectorEntity,
  isCdcPipelineEntity,
  hasKafkaAnnotations,
} from './lib/entity';
export {
  eventStreamingApiRef,
  EventStreamingClient,
  type EventStreamingApi,
  type AlertRuleListOptions,
  type ApprovalListOptions,
  type ConnectorListOptions,
  type ConnectorRestartOptions,
  type ConsumerGroupListOptions,
  type EventStreamingMonitoringApi,
  type EventStreamingCdcApi,
  type CdcPipelineListOptions,
  type SchemaListOptions,
  type SchemaRegistrationResult,
  type SchemaRuleChangeResult,
  type TopicListOptions,
} from './api';
export {
  rootRouteRef as eventStreamingRouteRef,
  approvalsRouteRef as eventStreamingApprovalsRouteRef,
  topicRouteRef as eventStreamingTopicRouteRef,
  schemasRouteRef as eventStreamingSchemasRouteRef,
  schemaRouteRef as eventStreamingSchemaRouteRef,
  connectorsRouteRef as eventStreamingConnectorsRouteRef,
  connectorRouteRef as eventStreamingConnectorRouteRef,
  consumerGroupsRouteRef as eventStreamingConsumerGroupsRouteRef,
  consumerGroupRouteRef as eventStreamingConsumerGroupRouteRef,
  cdcPipelinesRouteRef as eventStreamingCdcPipelinesRouteRef,
  cdcWizardRouteRef as eventStreamingCdcWizardRouteRef,
  cdcPipelineRouteRef as eventStreamingCdcPipelineRouteRef,
} from './routes';
