import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
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

/**
 * The Eventport plugin for the legacy frontend system.
 *
 * @public
 */
export const eventStreamingPlugin = createPlugin({
  id: 'event-streaming',
  apis: [
    createApiFactory({
      api: eventStreamingApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new EventStreamingClient({ discoveryApi, fetchApi }),
    }),
  ],
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
});

/**
 * The Event Streaming page for the legacy frontend system; mount it on a route.
 *
 * @public
 */
export const EventStreamingPage = eventStreamingPlugin.provide(
  createRoutableExtension({
    name: 'EventStreamingPage',
    component: () =>
      import('./components/EventStreamingPage').then(m => m.EventStreamingPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * Entity card: the topic of a kafka-topic entity (partitions, replication,
 * retention, cleanup policy, owner, schemas, links). Show it for
 * `isKafkaTopicEntity`.
 *
 * @public
 */
export const EntityKafkaTopicCard = eventStreamingPlugin.provide(
  createComponentExtension({
    name: 'EntityKafkaTopicCard',
    component: {
      lazy: () =>
        import('./components/EntityKafkaTopicCard').then(
          m => m.EntityKafkaTopicCard,
        ),
    },
  }),
);

/**
 * Entity card: the consumer groups reading a kafka-topic entity's topic, with
 * their lag. Show it for `isKafkaTopicEntity`.
 *
 * @public
 */
export const EntityKafkaTopicLagCard = eventStreamingPlugin.provide(
  createComponentExtension({
    name: 'EntityKafkaTopicLagCard',
    component: {
      lazy: () =>
        import('./components/EntityKafkaTopicLagCard').then(
          m => m.EntityKafkaTopicLagCard,
        ),
    },
  }),
);

/**
 * Entity card: versions, compatibility rule and content of a schema API.
 * Show it for `isSchemaApiEntity`.
 *
 * @public
 */
export const EntitySchemaCard = eventStreamingPlugin.provide(
  createComponentExtension({
    name: 'EntitySchemaCard',
    component: {
      lazy: () =>
        import('./components/EntitySchemaCard').then(m => m.EntitySchemaCard),
    },
  }),
);

/**
 * Entity card: state and tasks of a kafka-connector entity. Show it for
 * `isKafkaConnectorEntity`.
 *
 * @public
 */
export const EntityKafkaConnectorCard = eventStreamingPlugin.provide(
  createComponentExtension({
    name: 'EntityKafkaConnectorCard',
    component: {
      lazy: () =>
        import('./components/EntityKafkaConnectorCard').then(
          m => m.EntityKafkaConnectorCard,
        ),
    },
  }),
);

/**
 * Entity card: a cdc-pipeline entity's pipeline. Show it for
 * `isCdcPipelineEntity`.
 *
 * @public
 */
export const EntityCdcPipelineCard = eventStreamingPlugin.provide(
  createComponentExtension({
    name: 'EntityCdcPipelineCard',
    component: {
      lazy: () =>
        import('./components/EntityCdcPipelineCard').then(
          m => m.EntityCdcPipelineCard,
        ),
    },
  }),
);

/**
 * Entity tab content ("Kafka"): the topics a component produces and
 * consumes, and the lag of its consumer groups. Show it for
 * `hasKafkaAnnotations`.
 *
 * @public
 */
export const EntityKafkaContent = eventStreamingPlugin.provide(
  createComponentExtension({
    name: 'EntityKafkaContent',
    component: {
      lazy: () =>
        import('./components/EntityKafkaContent').then(
          m => m.EntityKafkaContent,
        ),
    },
  }),
);
