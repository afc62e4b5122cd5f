import { Entity } from '@backstage/catalog-model';
import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { screen } from '@testing-library/react';
import plugin from './alpha';
import { eventStreamingApiRef } from './api';
import { EntityKafkaTopicCard } from './plugin';
import { rootRouteRef } from './routes';
import { clusterList, fakeApi, topicDetail } from './__testUtils__/fakeApi';
import { renderWithApi } from './__testUtils__/render';

const topic: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'dev-local.team-a.orders',
    annotations: {
      'eventport.io/kafka-topic': 'team-a.orders',
      'eventport.io/kafka-cluster': 'dev-local',
    },
  },
  spec: { type: 'kafka-topic', owner: 'group:default/team-a' },
};
const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout' },
  spec: { type: 'service', owner: 'group:default/team-a' },
};

const api = fakeApi({
  listClusters: async () => clusterList,
  getTopic: async (_c, name) => topicDetail(name),
});

describe('entity extensions', () => {
  it('new frontend system: the topic card renders, and each card or tab applies only to its entities', async () => {
    const card = plugin.getExtension('entity-card:event-streaming/kafka-topic');
    const tester = createExtensionTester(card, {
      apis: [[eventStreamingApiRef, api]],
    });
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction);
    expect(filter?.(topic)).toBe(true);
    expect(filter?.(component)).toBe(false);
    renderInTestApp(
      <EntityProvider entity={topic}>{tester.reactElement()}</EntityProvider>,
      {
        apis: [[eventStreamingApiRef, api]],
        mountedRoutes: {
          '/event-streaming': rootRouteRef,
          '/catalog/:namespace/:kind/:name': entityRouteRef,
        },
      },
    );
    expect(await screen.findByText(/replication factor/i)).toBeInTheDocument();

    const tab = createExtensionTester(
      plugin.getExtension('entity-content:event-streaming/kafka'),
      { apis: [[eventStreamingApiRef, api]] },
    );
    const tabFilter = tab.get(EntityContentBlueprint.dataRefs.filterFunction);
    expect(tabFilter?.(component)).toBe(false);
    expect(
      tabFilter?.({
        ...component,
        metadata: {
          name: 'checkout',
          annotations: { 'kafka.apache.org/consumer-groups': 'dev-local/g' },
        },
      }),
    ).toBe(true);
    expect(tab.get(EntityContentBlueprint.dataRefs.title)).toBe('Kafka');
  });

  it('legacy frontend system: the exported card renders on an entity page', async () => {
    await renderWithApi(
      <EntityProvider entity={topic}>
        <EntityKafkaTopicCard />
      </EntityProvider>,
      api,
    );
    expect(await screen.findByText(/replication factor/i)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'team-a' })).toHaveAttribute(
      'href',
      '/catalog/default/group/team-a',
    );
  });
});
