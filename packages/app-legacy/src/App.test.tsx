import { createApiFactory } from '@backstage/core-plugin-api';
import { eventStreamingApiRef } from '@eventport/plugin-event-streaming';
import { render, screen } from '@testing-library/react';
import { createLegacyApp } from './App';

describe('legacy app', () => {
  beforeEach(() => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Legacy test', baseUrl: 'http://localhost:3000' },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };
  });

  it('renders EventStreamingPage from the legacy export, with its API', async () => {
    window.history.pushState({}, '', '/event-streaming');
    const App = createLegacyApp({
      signIn: false,
      apis: [
        createApiFactory(eventStreamingApiRef, {
          getHealth: async () => ({
            status: 'ok',
            checkedAt: '2026-11-24T10:00:00.000Z',
            clusters: [
              {
                name: 'dev-local',
                environment: 'dev',
                reachable: true,
                latencyMs: 2,
                brokers: [{ nodeId: 1, host: 'localhost', port: 9092 }],
              },
            ],
          }),
        }),
      ],
    });
    render(<App />);
    expect(
      await screen.findByRole('heading', { name: 'Event Streaming' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('dev-local')).toBeInTheDocument();
    expect(screen.getByText('Reachable')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Event Streaming' }),
    ).toBeInTheDocument();
  });
});
