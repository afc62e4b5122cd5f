import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import plugin from './alpha';
import { EventStreamingApi, eventStreamingApiRef } from './api';

const emptyHealth: EventStreamingApi = {
  getHealth: async () => ({ status: 'ok', checkedAt: 'x', clusters: [] }),
};

describe('new frontend system plugin', () => {
  it('is the event-streaming plugin', () => {
    expect(plugin.pluginId).toBe('event-streaming');
  });

  it('renders its page with the Event Streaming header', async () => {
    const tester = createExtensionTester(
      plugin.getExtension('page:event-streaming'),
      { apis: [[eventStreamingApiRef, emptyHealth]] },
    );
    renderInTestApp(tester.reactElement(), {
      apis: [[eventStreamingApiRef, emptyHealth]],
    });
    expect(
      await screen.findByRole('heading', { name: 'Event Streaming' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('No Kafka clusters configured'),
    ).toBeInTheDocument();
  });
});
