import {
  createApiFactory,
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
