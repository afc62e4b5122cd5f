import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import SwapCallsIcon from '@mui/icons-material/SwapCalls';
import {
  hasKafkaAnnotations,
  isCdcPipelineEntity,
  isKafkaConnectorEntity,
  isKafkaTopicEntity,
  isSchemaApiEntity,
} from './lib/entity';
import { EventStreamingClient, eventStreamingApiRef } from './api';
import {
  approvalsRouteRef,
  cdcPipelineRouteRef,
  cdcPipelinesRouteRef,
  cdcWizardRouteRef,
  connectorRouteRef,
  connectorsRouteRef,
  consumerGroupRouteRef,
  consumerGroupsRouteRef,
  rootRouteRef,
  schemaRouteRef,
  schemasRouteRef,
  topicRouteRef,
} from './routes';

const eventStreamingApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: eventStreamingApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new EventStreamingClient({ discoveryApi, fetchApi }),
    }),
});

const eventStreamingPage = PageBlueprint.make({
  params: {
    path: '/event-streaming',
    title: 'Event Streaming',
    icon: <SwapCallsIcon />,
    routeRef: rootRouteRef,
    noHeader: true,
    loader: () =>
      import('./components/EventStreamingPage').then(m => (
        <m.EventStreamingPage />
      )),
  },
});

const kafkaTopicCard = EntityCardBlueprint.make({
  name: 'kafka-topic',
  params: {
    filter: isKafkaTopicEntity,
    loader: () =>
      import('./components/EntityKafkaTopicCard').then(m => (
        <m.EntityKafkaTopicCard />
      )),
  },
});

const kafkaTopicLagCard = EntityCardBlueprint.make({
  name: 'kafka-topic-lag',
  params: {
    filter: isKafkaTopicEntity,
    loader: () =>
      import('./components/EntityKafkaTopicLagCard').then(m => (
        <m.EntityKafkaTopicLagCard />
      )),
  },
});

const schemaCard = EntityCardBlueprint.make({
  name: 'schema',
  params: {
    filter: isSchemaApiEntity,
    loader: () =>
      import('./components/EntitySchemaCard').then(m => <m.EntitySchemaCard />),
  },
});

const kafkaConnectorCard = EntityCardBlueprint.make({
  name: 'kafka-connector',
  params: {
    filter: isKafkaConnectorEntity,
    loader: () =>
      import('./components/EntityKafkaConnectorCard').then(m => (
        <m.EntityKafkaConnectorCard />
      )),
  },
});

const cdcPipelineCard = EntityCardBlueprint.make({
  name: 'cdc-pipeline',
  params: {
    filter: isCdcPipelineEntity,
    loader: () =>
      import('./components/EntityCdcPipelineCard').then(m => (
        <m.EntityCdcPipelineCard />
      )),
  },
});

const kafkaContent = EntityContentBlueprint.make({
  name: 'kafka',
  params: {
    path: '/kafka',
    title: 'Kafka',
    filter: hasKafkaAnnotations,
    loader: () =>
      import('./components/EntityKafkaContent').then(m => (
        <m.EntityKafkaContent />
      )),
  },
});

/**
 * The Eventport plugin for the new frontend system. Apps with
 * `app.packages: all` discover it; others add it to `features`.
 *
 * @public
 */
export default createFrontendPlugin({
  pluginId: 'event-streaming',
  title: 'Event Streaming',
  icon: <SwapCallsIcon />,
  routes: {
    root: rootRouteRef,
    approvals: approvalsRouteRef,
    topic: topicRouteRef,
    schemas: schemasRouteRef,
    schema: schemaRouteRef,
    connectors: connectorsRouteRef,
    connector: connectorRouteRef,
    consumerGroups: consumerGroupsRouteRef,
    consumerGroup: consumerGroupRouteRef,
    cdcPipelines: cdcPipelinesRouteRef,
    cdcWizard: cdcWizardRouteRef,
    cdcPipeline: cdcPipelineRouteRef,
  },
  extensions: [
    eventStreamingApi,
    eventStreamingPage,
    kafkaTopicCard,
    kafkaTopicLagCard,
    schemaCard,
    kafkaConnectorCard,
    cdcPipelineCard,
    kafkaContent,
  ],
});
