import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import type { EventStreamingApi } from '../../api';
import {
  clusterList,
  fakeApi,
  responseError,
  topicDetail,
} from '../../__testUtils__/fakeApi';
import { renderWithApi } from '../../__testUtils__/render';
import {
  hasKafkaAnnotations,
  isKafkaTopicEntity,
  isSchemaApiEntity,
} from '../../lib/entity';
import { EntityKafkaContent } from '../EntityKafkaContent';
import { EntityKafkaTopicCard } from './EntityKafkaTopicCard';

const topicEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'dev-local.team-a.orders',
    title: 'team-a.orders',
    annotations: {
      'eventport.io/kafka-topic': 'team-a.orders',
      'eventport.io/kafka-cluster': 'dev-local',
    },
  },
  spec: { type: 'kafka-topic', owner: 'group:default/team-a' },
  relations: [
    {
      type: 'dependsOn',
      targetRef: 'api:default/dev-local.default.team-a.orders-value',
    },
    { type: 'ownedBy', targetRef: 'group:default/team-a' },
  ],
};

const component = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout', annotations },
  spec: { type: 'service', owner: 'group:default/team-a' },
});

function render(
  element: JSX.Element,
  entity: Entity,
  api: Partial<EventStreamingApi>,
) {
  return renderWithApi(
    <EntityProvider entity={entity}>{element}</EntityProvider>,
    fakeApi({ listClusters: async () => clusterList, ...api }),
  );
}

describe('entity filters', () => {
  it('apply to the entities the catalog module emits, and to annotated components', () => {
    expect(isKafkaTopicEntity(topicEntity)).toBe(true);
    expect(isSchemaApiEntity(topicEntity)).toBe(false);
    expect(hasKafkaAnnotations(topicEntity)).toBe(false);
    expect(
      hasKafkaAnnotations(
        component({ 'kafka.apache.org/consumer-groups': 'dev-local/g' }),
      ),
    ).toBe(true);
    expect(isKafkaTopicEntity(component({}))).toBe(false);
  });
});

describe('EntityKafkaTopicCard', () => {
  it('shows the live topic with its owner and schemas as catalog links', async () => {
    await render(<EntityKafkaTopicCard />, topicEntity, {
      getTopic: async (_c, topic) => topicDetail(topic),
    });
    expect(await screen.findByText(/replication factor/i)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'team-a' })).toHaveAttribute(
      'href',
      '/catalog/default/group/team-a',
    );
    expect(
      screen.getByRole('link', {
        name: 'dev-local.default.team-a.orders-value',
      }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/api/dev-local.default.team-a.orders-value',
    );
    expect(
      screen.getByRole('link', { name: 'Open in Event Streaming' }),
    ).toHaveAttribute(
      'href',
      '/event-streaming/clusters/dev-local/topics/team-a.orders',
    );
  });

  it('says why when the topic cannot be read', async () => {
    await render(<EntityKafkaTopicCard />, topicEntity, {
      getTopic: async () => {
        throw await responseError(
          503,
          'Kafka cluster dev-local is unreachable',
        );
      },
    });
    expect(
      await screen.findByText(/Kafka cluster dev-local is unreachable/),
    ).toBeInTheDocument();
  });
});

describe('EntityKafkaContent', () => {
  it('lists produced and consumed topics with the lag of the entity’s groups', async () => {
    await render(
      <EntityKafkaContent />,
      component({
        'eventport.io/produces-topics':
          'dev-local/team-a.orders, dev-local/team-a.orders-retry',
        'eventport.io/consumes-topics':
          'dev-local/team-b.shipments, dev-local/team-a.orders-retry, oops',
        'kafka.apache.org/consumer-groups': 'dev-local/checkout-reader',
      }),
      {
        getEntityLag: async () => ({
          items: [
            {
              cluster: 'dev-local',
              groupId: 'checkout-reader',
              found: true,
              state: 'Stable',
              members: 1,
              totalLag: 42,
              maxTimeLagMs: 5000,
              status: 'OK',
              statusReason: null,
              catchUp: null,
              topics: [
                {
                  topic: 'team-b.shipments',
                  lag: 42,
                  maxTimeLagMs: 5000,
                  partitions: [],
                },
              ],
            },
          ],
        }),
      },
    );
    const topics = await screen.findByRole('table', {
      name: 'Kafka topics of checkout',
    });
    const consumed = within(topics)
      .getByRole('link', { name: 'team-b.shipments' })
      .closest('tr')!;
    expect(
      await within(consumed).findByText(/^42 messages/),
    ).toBeInTheDocument();
    expect(within(topics).getByText('produces')).toBeInTheDocument();
    // A topic produced and consumed is one row, named once, with both roles;
    // its catalog entity is a second link that says where it goes.
    const retry = within(topics).getAllByRole('link', {
      name: 'team-a.orders-retry',
    });
    expect(retry).toHaveLength(1);
    const retryRow = retry[0].closest('tr')!;
    expect(
      within(retryRow).getByText('produces and consumes'),
    ).toBeInTheDocument();
    expect(
      within(retryRow).getByRole('link', {
        name: 'Entity page of team-a.orders-retry',
      }),
    ).toHaveTextContent('Entity page');
    expect(within(topics).getAllByRole('row')).toHaveLength(4);
    expect(
      screen.getByText(/Not of the form cluster\/topic, so left out: oops/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('table', { name: 'Consumer groups of checkout' }),
    ).toBeInTheDocument();
  });

  it('says what to add when the component names nothing', async () => {
    await render(<EntityKafkaContent />, component({}), {});
    expect(
      await screen.findByText('No Kafka topics or consumer groups'),
    ).toBeInTheDocument();
  });
});
