import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import plugin from './alpha';
import { eventStreamingApiRef } from './api';
import { rootRouteRef } from './routes';
import {
  clusterList,
  connectorDetail,
  fakeApi,
  topicDetail,
} from './__testUtils__/fakeApi';
import {
  consumerGroupDetail,
  consumerGroupSummary,
} from './__testUtils__/monitoringFixtures';

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
      mountedRoutes: {
        '/event-streaming': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    });
    expect(
      await screen.findByRole('heading', { name: 'Event Streaming' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Topics' })).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Approvals' })).toBeInTheDocument();
    // Consumer groups come right after Connectors, then CDC pipelines.
    const tabs = screen.getAllByRole('tab').map(t => t.textContent);
    expect(tabs.slice(tabs.indexOf('Connectors'))).toEqual([
      'Connectors',
      'Consumer groups',
      'CDC pipelines',
      'Approvals',
    ]);
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
      mountedRoutes: {
        '/event-streaming': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
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
      mountedRoutes: {
        '/event-streaming': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
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

  it('serves the consumer groups tab and a deep link to a group page', async () => {
    const groupApi = fakeApi({
      listClusters: async () => clusterList,
      listConsumerGroups: async () => ({
        items: [consumerGroupSummary('team-a.audit')],
        totalCount: 1,
        offset: 0,
        limit: 25,
        unreachableBrokers: [],
      }),
      getConsumerGroup: async (_cluster, group) => consumerGroupDetail(group),
    });
    const tester = createExtensionTester(
      plugin.getExtension('page:event-streaming'),
      { apis: [[eventStreamingApiRef, groupApi]] },
    );
    renderInTestApp(tester.reactElement(), {
      apis: [[eventStreamingApiRef, groupApi]],
      mountPath: '/event-streaming/*',
      initialRouteEntries: ['/event-streaming/consumer-groups'],
      mountedRoutes: {
        '/event-streaming': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    });
    expect(
      await screen.findByRole('link', { name: 'team-a.audit' }),
    ).toHaveAttribute(
      'href',
      '/event-streaming/clusters/dev-local/consumer-groups/team-a.audit',
    );
    expect(
      screen.getByRole('tab', { name: 'Consumer groups' }),
    ).toHaveAttribute('aria-selected', 'true');

    fireEvent.click(screen.getByRole('link', { name: 'team-a.audit' }));
    expect(
      await screen.findByRole('heading', { name: 'team-a.audit' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('table', {
        name: 'Lag per partition of team-a.audit',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Consumer groups' }),
    ).toHaveAttribute('href', '/event-streaming/consumer-groups');
  });
});
