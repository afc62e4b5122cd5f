import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { screen, waitFor } from '@testing-library/react';
import plugin from './alpha';
import { eventStreamingApiRef } from './api';
import { rootRouteRef } from './routes';
import {
  clusterList,
  connectorDetail,
  fakeApi,
  topicDetail,
} from './__testUtils__/fakeApi';

const api = fakeApi({
  getHealth: async () => ({ status: 'ok', checkedAt: 'x', clusters: [] }),
  listClusters: async () => ({ clusters: [], namespaces: [] }),
});

describe('new frontend system plugin', () => {
  it('is the event-streaming plugin', () => {
    expect(plugin.pluginId).toBe('event-streaming');
  });

  it('renders its page with the Event Streaming header and tabs', async () => {
    const tester = createExtensionTester(
      plugin.getExtension('page:event-streaming'),
      { apis: [[eventStreamingApiRef, api]] },
    );
    renderInTestApp(tester.reactElement(), {
      apis: [[eventStreamingApiRef, api]],
      mountedRoutes: { '/event-streaming': rootRouteRef },
    });
    expect(
      await screen.findByRole('heading', { name: 'Event Streaming' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Topics' })).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Approvals' })).toBeInTheDocument();
    expect(
      await screen.findAllByText('No Kafka clusters configured'),
    ).toHaveLength(2);
    // A platform team that has just installed Eventport sees what to add.
    // (The highlighted snippet loads lazily and splits its text into many
    // elements.)
    await waitFor(() =>
      expect(document.body.textContent).toContain(
        'brokers: [kafka-1.example.com:9092]',
      ),
    );
    expect(
      screen.getByRole('link', { name: /Configuration docs/ }),
    ).toHaveAttribute(
      'href',
      expect.stringContaining('event-streaming-backend#configure'),
    );
  });

  it('serves a deep link to a topic page', async () => {
    const topicApi = fakeApi({
      listClusters: async () => clusterList,
      getTopic: async (cluster, topic) => topicDetail(topic, { cluster }),
    });
    const tester = createExtensionTester(
      plugin.getExtension('page:event-streaming'),
      { apis: [[eventStreamingApiRef, topicApi]] },
    );
    renderInTestApp(tester.reactElement(), {
      apis: [[eventStreamingApiRef, topicApi]],
      mountPath: '/event-streaming/*',
      initialRouteEntries: [
        '/event-streaming/clusters/dev-local/topics/team-a.orders',
      ],
      mountedRoutes: { '/event-streaming': rootRouteRef },
    });
    expect(
      await screen.findByRole('heading', { name: 'team-a.orders' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('In-sync replicas')).toBeInTheDocument();
  });

  it('serves the connectors tab and a deep link to a connector page', async () => {
    const connectorApi = fakeApi({
      listClusters: async () => clusterList,
      getConnector: async (_cluster, name) => connectorDetail(name),
    });
    const tester = createExtensionTester(
      plugin.getExtension('page:event-streaming'),
      { apis: [[eventStreamingApiRef, connectorApi]] },
    );
    renderInTestApp(tester.reactElement(), {
      apis: [[eventStreamingApiRef, connectorApi]],
      mountPath: '/event-streaming/*',
      initialRouteEntries: [
        '/event-streaming/clusters/dev-local/connectors/team-a.lines-source',
      ],
      mountedRoutes: { '/event-streaming': rootRouteRef },
    });
    expect(
      await screen.findByRole('heading', { name: 'team-a.lines-source' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('table', {
        name: 'Tasks of team-a.lines-source',
      }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Connectors' })).toHaveAttribute(
      'href',
      '/event-streaming/connectors',
    );
  });
});
