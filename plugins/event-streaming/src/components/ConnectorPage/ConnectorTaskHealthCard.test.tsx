import { screen, within } from '@testing-library/react';
import type { EventStreamingApi } from '../../api';
import {
  connectorDetail,
  fakeApi,
  responseError,
} from '../../__testUtils__/fakeApi';
import { connectorMetrics } from '../../__testUtils__/monitoringFixtures';
import { renderPageAt } from '../../__testUtils__/render';

const NAME = 'team-a.lines-source';
const path = `/event-streaming/clusters/dev-local/connectors/${NAME}`;

function renderConnector(overrides: Partial<EventStreamingApi> = {}) {
  const api = fakeApi({
    getConnector: async (_c, name) => connectorDetail(name),
    ...overrides,
  });
  return renderPageAt(path, api).then(() => api);
}

describe('ConnectorTaskHealthCard', () => {
  it('counts tasks by state, restarts and failures, and lists the latest changes', async () => {
    const getConnectorMetrics = jest.fn(async (_c: string, name: string) =>
      connectorMetrics(name, {
        links: {
          grafana: 'https://grafana.example/d/connect?var-connector=lines',
          kafkaUi: 'https://kafka-ui.example/dev-local/connectors/lines',
        },
      }),
    );
    await renderConnector({ getConnectorMetrics });
    const states = await screen.findByRole('list', { name: 'Tasks by state' });
    const items = within(states).getAllByRole('listitem');
    expect(items.map(i => i.textContent)).toEqual([
      'Running × 1',
      'Failed × 1',
    ]);
    expect(
      within(items[1]).getByText('Failed').closest('[data-state]'),
    ).toHaveAttribute('data-state', 'FAILED');
    expect(getConnectorMetrics).toHaveBeenCalledWith('dev-local', NAME);
    expect(
      screen.getByText(
        'In the last hour: 1 restart, 2 failures. 1 task is failed now.',
      ),
    ).toBeInTheDocument();
    // Newest first.
    const changes = screen
      .getAllByText(/^Task \d: /)
      .map(el => el.textContent?.split(',')[0]);
    expect(changes).toEqual([
      'Task 1: Running → Failed',
      'Task 0: first seen as Running',
    ]);
    expect(
      screen.getByRole('link', { name: 'Open in Grafana' }),
    ).toHaveAttribute(
      'href',
      'https://grafana.example/d/connect?var-connector=lines',
    );
    expect(
      screen.getByRole('link', { name: 'Open in Kafka UI' }),
    ).toHaveAttribute(
      'href',
      'https://kafka-ui.example/dev-local/connectors/lines',
    );
  });

  it('counts a task that failed before the window as failed now, not as healthy', async () => {
    await renderConnector({
      getConnectorMetrics: async () =>
        connectorMetrics(NAME, {
          windowMs: 300_000,
          taskStates: { FAILED: 1 },
          transitions: [],
          restartsInWindow: 0,
          failuresInWindow: 0,
        }),
    });
    expect(
      await screen.findByText(
        'In the last 5 minutes: 0 restarts, 0 failures. 1 task is failed now (it failed before the last 5 minutes).',
      ),
    ).toBeInTheDocument();
  });

  it('says when nothing changed in the window', async () => {
    await renderConnector();
    expect(
      await screen.findByText('No task changed state in the last hour.'),
    ).toBeInTheDocument();
    expect(screen.getByText('No tasks.')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /^Open in/ })).toBeNull();
  });

  it('says in the card, not the page, when metrics are not there', async () => {
    await renderConnector({
      getConnectorMetrics: async () => {
        throw await responseError(
          404,
          "No samples of connector 'team-a.lines-source' yet",
          'NotFoundError',
        );
      },
    });
    expect(
      await screen.findByText(
        "Task health is not available for this connector yet: No samples of connector 'team-a.lines-source' yet",
      ),
    ).toBeInTheDocument();
    // The page itself loaded, with its tasks.
    expect(
      screen.getByRole('table', { name: `Tasks of ${NAME}` }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says so when Connect is unavailable, and shows other failures as errors', async () => {
    await renderConnector({
      getConnectorMetrics: async () => {
        throw await responseError(
          503,
          'Kafka Connect is unavailable',
          'ServiceUnavailableError',
        );
      },
    });
    expect(
      await screen.findByText(
        'Task health is not available right now: Kafka Connect is unavailable',
      ),
    ).toBeInTheDocument();
  });

  it('shows an unexpected failure as an error in the card', async () => {
    await renderConnector({
      getConnectorMetrics: async () => {
        throw await responseError(500, 'boom', 'Error');
      },
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not load task health: boom',
    );
    expect(screen.getByRole('heading', { name: NAME })).toBeInTheDocument();
  });
});
