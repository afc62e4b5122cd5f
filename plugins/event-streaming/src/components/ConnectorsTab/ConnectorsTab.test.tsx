import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { ConnectorListOptions } from '../../api';
import {
  clusterList,
  connectorSummary,
  devCluster,
  fakeApi,
  FILE_SINK,
  responseError,
} from '../../__testUtils__/fakeApi';
import { renderPageAt } from '../../__testUtils__/render';

const path = '/event-streaming/connectors';

const empty = { items: [], totalCount: 0 };

describe('ConnectorsTab', () => {
  it('lists connectors with type, class, state chip, tasks, topics and owner', async () => {
    await renderPageAt(
      path,
      fakeApi({
        listClusters: async () => clusterList,
        listConnectors: async () => ({
          items: [
            connectorSummary('team-a.lines-source'),
            connectorSummary('team-b.lines-sink', {
              type: 'sink',
              className: FILE_SINK,
              state: 'FAILED',
              tasks: { total: 2, running: 1, failed: 1, paused: 0 },
              topics: ['team-b.lines'],
            }),
            connectorSummary('legacy-cdc', {
              state: 'PAUSED',
              className: 'io.debezium.connector.postgresql.PostgresConnector',
              topics: [],
            }),
          ],
          totalCount: 3,
        }),
      }),
    );
    const link = await screen.findByRole('link', {
      name: 'team-a.lines-source',
    });
    expect(link).toHaveAttribute(
      'href',
      '/event-streaming/clusters/dev-local/connectors/team-a.lines-source',
    );
    const source = link.closest('tr')!;
    expect(within(source).getByText('Source')).toBeInTheDocument();
    expect(
      within(source).getByText('FileStreamSourceConnector'),
    ).toHaveAttribute(
      'title',
      'org.apache.kafka.connect.file.FileStreamSourceConnector',
    );
    expect(within(source).getByText('Running')).toBeInTheDocument();
    expect(within(source).getByText('1/1 running')).toBeInTheDocument();
    expect(
      within(source).getByRole('link', { name: 'team-a.lines' }),
    ).toHaveAttribute(
      'href',
      '/event-streaming/clusters/dev-local/topics/team-a.lines',
    );
    expect(
      within(source).getByRole('link', { name: 'team-a' }),
    ).toHaveAttribute('href', '/catalog/default/group/team-a');

    const sink = screen.getByText('team-b.lines-sink').closest('tr')!;
    expect(within(sink).getByText('Sink')).toBeInTheDocument();
    // The chip's own state name, in the failed state's colours.
    const failed = within(sink).getByText('Failed').closest('[data-state]');
    expect(failed).toHaveAttribute('data-state', 'FAILED');
    expect(failed).toHaveStyle({
      backgroundColor: '#a4051b',
      color: '#ffffff',
    });
    expect(within(sink).getByText('1/2 running')).toBeInTheDocument();
    expect(within(sink).getByText('1 failed')).toBeInTheDocument();

    const cdc = screen.getByText('legacy-cdc').closest('tr')!;
    expect(within(cdc).getByText('Paused')).toBeInTheDocument();
    expect(within(cdc).getByText('PostgresConnector')).toBeInTheDocument();
    // No topics and no owner.
    expect(within(cdc).getAllByText('—')).toHaveLength(2);
  });

  it('shows a running connector with failed tasks as failed or degraded, never as running', async () => {
    await renderPageAt(
      path,
      fakeApi({
        listClusters: async () => clusterList,
        listConnectors: async () => ({
          items: [
            connectorSummary('team-a.all-failed', {
              state: 'RUNNING',
              tasks: { total: 1, running: 0, failed: 1, paused: 0 },
            }),
            connectorSummary('team-a.some-failed', {
              state: 'RUNNING',
              tasks: { total: 2, running: 1, failed: 1, paused: 0 },
            }),
          ],
          totalCount: 2,
        }),
      }),
    );
    const all = (await screen.findByText('team-a.all-failed')).closest('tr')!;
    expect(
      within(all).getByLabelText(
        'Failed: The connector runs, but 1 of 1 task failed',
      ),
    ).toHaveAttribute('data-state', 'FAILED');
    const some = screen.getByText('team-a.some-failed').closest('tr')!;
    const degraded = within(some).getByLabelText(
      'Degraded: The connector runs, but 1 of 2 tasks failed',
    );
    expect(degraded).toHaveAttribute('data-state', 'DEGRADED');
    expect(degraded).toHaveTextContent('Degraded');
    expect(within(all).queryByText('Running')).toBeNull();
    expect(within(some).queryByText('Running')).toBeNull();
  });

  it('asks the backend for the search, state, type and owned filters, and says when nothing matches', async () => {
    const calls: ConnectorListOptions[] = [];
    await renderPageAt(
      path,
      fakeApi({
        listClusters: async () => clusterList,
        listConnectors: async (cluster, options) => {
          expect(cluster).toBe('dev-local');
          calls.push(options ?? {});
          return empty;
        },
      }),
    );
    // guest's team owns a namespace: its connectors first, with a way to all.
    expect(await screen.findByText('No connectors')).toBeInTheDocument();
    expect(calls[0]).toEqual({
      q: undefined,
      state: undefined,
      type: undefined,
      owned: true,
      offset: 0,
      limit: 25,
    });
    expect(
      screen.getByText(/Your teams own no connectors in dev-local yet/),
    ).toBeInTheDocument();
    fireEvent.click(
      screen.getByRole('button', { name: 'Show all connectors' }),
    );
    await waitFor(() =>
      expect(calls[calls.length - 1]).toMatchObject({ owned: undefined }),
    );
    expect(
      screen.getByRole('button', { name: 'All connectors' }),
    ).toHaveAttribute('aria-pressed', 'true');
    fireEvent.change(screen.getByLabelText('State'), {
      target: { value: 'FAILED' },
    });
    fireEvent.change(screen.getByLabelText('Type'), {
      target: { value: 'sink' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'My connectors' }));
    fireEvent.change(screen.getByLabelText('Search connectors'), {
      target: { value: 'lines' },
    });
    await waitFor(() =>
      expect(calls[calls.length - 1]).toEqual({
        q: 'lines',
        state: 'FAILED',
        type: 'sink',
        owned: true,
        offset: 0,
        limit: 25,
      }),
    );
    expect(
      await screen.findByText('No matching connectors'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No connector in dev-local matches these filters.'),
    ).toBeInTheDocument();
  });

  it('says Kafka Connect is not configured, names the config key, and never lists', async () => {
    const listConnectors = jest.fn(async () => empty);
    await renderPageAt(
      path,
      fakeApi({
        listClusters: async () => ({
          ...clusterList,
          clusters: [{ ...devCluster, connect: false }],
        }),
        listConnectors,
      }),
    );
    expect(
      await screen.findByText(
        'Kafka Connect is not configured for this cluster',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/eventStreaming\.clusters\[\]\.connect\.url/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Create connector' }),
    ).toBeDisabled();
    expect(screen.queryByLabelText('State')).toBeNull();
    expect(listConnectors).not.toHaveBeenCalled();
  });

  it('shows the backend’s message when Connect is down', async () => {
    await renderPageAt(
      path,
      fakeApi({
        listClusters: async () => clusterList,
        listConnectors: async () => {
          throw await responseError(
            503,
            "Kafka Connect of cluster 'dev-local' is unavailable: connect ECONNREFUSED 127.0.0.1:8083",
            'ServiceUnavailableError',
          );
        },
      }),
    );
    expect(
      (
        await screen.findAllByText(
          /Kafka Connect of cluster 'dev-local' is unavailable/,
        )
      )[0],
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/Could not list connectors/)[0],
    ).toBeInTheDocument();
  });
});
