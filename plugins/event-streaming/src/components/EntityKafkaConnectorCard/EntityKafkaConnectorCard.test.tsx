import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { connectorDetail, fakeApi } from '../../__testUtils__/fakeApi';
import { renderWithApi } from '../../__testUtils__/render';
import { EntityKafkaConnectorCard } from './EntityKafkaConnectorCard';

const NAME = 'team-a.payments-archive-sink';

const connectorEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: `dev-local.${NAME}`,
    annotations: {
      'eventport.io/kafka-connector': NAME,
      'eventport.io/kafka-cluster': 'dev-local',
    },
  },
  spec: { type: 'kafka-connector', owner: 'group:default/team-a' },
};

describe('EntityKafkaConnectorCard', () => {
  it('links to the connector in Event Streaming and shows a running connector whose task failed as failed, with the cause', async () => {
    await renderWithApi(
      <EntityProvider entity={connectorEntity}>
        <EntityKafkaConnectorCard />
      </EntityProvider>,
      fakeApi({
        getConnector: async (_c, name) =>
          connectorDetail(name, {
            state: 'RUNNING',
            tasks: { total: 1, running: 0, failed: 1, paused: 0 },
            taskDetails: [
              {
                id: 0,
                state: 'FAILED',
                workerId: 'w',
                trace:
                  "org.apache.kafka.connect.errors.ConnectException: Couldn't find or create file\n\tat x.y(Z.java:1)",
              },
            ],
          }),
      }),
      { routeEntries: ['/catalog/default/resource/x'] },
    );
    expect(
      await screen.findByRole('link', { name: /Open in Event Streaming/ }),
    ).toHaveAttribute(
      'href',
      `/event-streaming/clusters/dev-local/connectors/${NAME}`,
    );
    expect(
      screen.getByLabelText(
        'Failed: The connector runs, but 1 of 1 task failed',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        "org.apache.kafka.connect.errors.ConnectException: Couldn't find or create file",
      ),
    ).toBeInTheDocument();
  });
});
