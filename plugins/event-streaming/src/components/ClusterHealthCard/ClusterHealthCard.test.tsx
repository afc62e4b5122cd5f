import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { HealthResponse } from '@eventport/plugin-event-streaming-common';
import { screen } from '@testing-library/react';
import { EventStreamingApi, eventStreamingApiRef } from '../../api';
import { fakeApi } from '../../__testUtils__/fakeApi';
import { ClusterHealthCard } from './ClusterHealthCard';

function renderWith(api: Partial<EventStreamingApi>) {
  return renderInTestApp(
    <TestApiProvider apis={[[eventStreamingApiRef, fakeApi(api)]]}>
      <ClusterHealthCard />
    </TestApiProvider>,
  );
}

const healthy: HealthResponse = {
  status: 'degraded',
  checkedAt: '2026-11-24T10:00:00.000Z',
  clusters: [
    {
      name: 'dev-local',
      environment: 'dev',
      reachable: true,
      latencyMs: 7,
      clusterId: 'c1',
      controllerId: 1,
      brokers: [
        { nodeId: 1, host: 'localhost', port: 9092 },
        { nodeId: 2, host: 'localhost', port: 9093 },
      ],
    },
    {
      name: 'prod-eu',
      environment: 'prod',
      reachable: false,
      latencyMs: 3001,
      error: "Kafka cluster 'prod-eu' is unavailable: Connection timeout",
    },
  ],
};

describe('ClusterHealthCard', () => {
  it('lists reachable and unreachable clusters with their details', async () => {
    await renderWith({ getHealth: async () => healthy });
    expect(await screen.findByText('dev-local')).toBeInTheDocument();
    expect(screen.getByText('Reachable')).toBeInTheDocument();
    expect(screen.getByText('Unreachable')).toBeInTheDocument();
    expect(
      screen.getByText('localhost:9092, localhost:9093'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/prod-eu' is unavailable: Connection timeout/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Some clusters are unreachable'),
    ).toBeInTheDocument();
  });

  it('shows an empty state when no cluster is configured', async () => {
    await renderWith({
      getHealth: async () => ({ status: 'ok', checkedAt: 'x', clusters: [] }),
    });
    expect(
      await screen.findByText('No Kafka clusters configured'),
    ).toBeInTheDocument();
  });

  it('shows the error when the backend fails', async () => {
    await renderWith({
      getHealth: async () => {
        throw new Error('backend exploded');
      },
    });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(/Could not check clusters/);
    expect(alert).toHaveTextContent(/backend exploded/);
  });

  it('shows a progress indicator while loading', async () => {
    await renderWith({ getHealth: () => new Promise(() => {}) });
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });
});
