import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import SwapCallsIcon from '@material-ui/icons/SwapCalls';
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
  extensions: [eventStreamingApi, eventStreamingPage],
});
