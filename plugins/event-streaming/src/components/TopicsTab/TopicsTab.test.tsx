import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  clusterList,
  devCluster,
  fakeApi,
  responseError,
  topicDetail,
  topicSummary,
} from '../../__testUtils__/fakeApi';
import { renderPageAt } from '../../__testUtils__/render';

const noHealth = async () => ({
  status: 'ok' as const,
  checkedAt: 'x',
  clusters: [],
});

function page(items: string[], totalCount = items.length) {
  return {
    items: items.map(name => topicSummary(name)),
    totalCount,
    offset: 0,
    limit: 25,
  };
}

describe('TopicsTab', () => {
  it('lists my topics first, links them, and switches to all topics', async () => {
    const listTopics = jest.fn(
      async (_c: string, options?: { owned?: boolean }) =>
        options?.owned
          ? page(['team-a.orders'])
          : page(['team-a.orders', 'team-b.users']),
    );
    await renderPageAt(
      '/event-streaming',
      fakeApi({
        getHealth: noHealth,
        listClusters: async () => clusterList,
        listTopics,
      }),
    );
    const link = await screen.findByRole('link', { name: 'team-a.orders' });
    expect(link).toHaveAttribute(
      'href',
      '/event-streaming/clusters/dev-local/topics/team-a.orders',
    );
    expect(listTopics).toHaveBeenLastCalledWith('dev-local', {
      owned: true,
      q: undefined,
      offset: 0,
      limit: 25,
    });
    expect(screen.getByText('1 week')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'My topics' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );

    fireEvent.click(screen.getByRole('button', { name: 'All topics' }));
    expect(
      await screen.findByRole('link', { name: 'team-b.users' }),
    ).toBeInTheDocument();
    expect(listTopics).toHaveBeenLastCalledWith(
      'dev-local',
      expect.objectContaining({ owned: false }),
    );
  });

  it('searches and pages on the server', async () => {
    const listTopics = jest.fn(async () => page(['team-a.orders'], 60));
    await renderPageAt(
      '/event-streaming',
      fakeApi({
        getHealth: noHealth,
        listClusters: async () => clusterList,
        listTopics,
      }),
    );
    await screen.findByRole('link', { name: 'team-a.orders' });
    fireEvent.click(screen.getByRole('button', { name: /next page/i }));
    await waitFor(() =>
      expect(listTopics).toHaveBeenLastCalledWith(
        'dev-local',
        expect.objectContaining({ offset: 25, limit: 25 }),
      ),
    );
    fireEvent.change(screen.getByLabelText('Search topics'), {
      target: { value: 'ord' },
    });
    await waitFor(() =>
      expect(listTopics).toHaveBeenLastCalledWith('dev-local', {
        owned: true,
        q: 'ord',
        offset: 0,
        limit: 25,
      }),
    );
  });

  it('picks among several clusters', async () => {
    const listTopics = jest.fn(async () => page([]));
    await renderPageAt(
      '/event-streaming',
      fakeApi({
        getHealth: noHealth,
        listClusters: async () => ({
          ...clusterList,
          clusters: [
            devCluster,
            { ...devCluster, name: 'prod-eu', environment: 'prod' },
          ],
        }),
        listTopics,
      }),
    );
    fireEvent.change(await screen.findByLabelText('Cluster'), {
      target: { value: 'prod-eu' },
    });
    await waitFor(() =>
      expect(listTopics).toHaveBeenLastCalledWith('prod-eu', expect.anything()),
    );
    expect(
      await screen.findByText('Your team owns no topics in prod-eu yet.'),
    ).toBeInTheDocument();
  });

  it('creates a topic and opens its page', async () => {
    const createTopic = jest.fn(async () => topicDetail('team-a.payments'));
    await renderPageAt(
      '/event-streaming',
      fakeApi({
        getHealth: noHealth,
        listClusters: async () => clusterList,
        listTopics: async () => page([]),
        createTopic,
        getTopic: async (_cluster, topic) => topicDetail(topic),
      }),
    );
    fireEvent.click(
      await screen.findByRole('button', { name: 'Create topic' }),
    );
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(/Topic name/), {
      target: { value: 'payments' },
    });
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Create topic' }),
    );
    expect(
      await screen.findByRole('heading', { name: 'team-a.payments' }),
    ).toBeInTheDocument();
    expect(createTopic).toHaveBeenCalledWith(
      'dev-local',
      expect.objectContaining({ name: 'team-a.payments' }),
    );
  });

  it('disables creation and says why when the user owns no namespace', async () => {
    await renderPageAt(
      '/event-streaming',
      fakeApi({
        getHealth: noHealth,
        listClusters: async () => ({
          ...clusterList,
          namespaces: clusterList.namespaces.map(ns => ({
            ...ns,
            owned: false,
          })),
        }),
        listTopics: async () => page(['team-b.users']),
      }),
    );
    expect(
      await screen.findByRole('button', { name: 'Create topic' }),
    ).toBeDisabled();
    expect(
      screen.getByText(/your teams own no topic namespace/),
    ).toBeInTheDocument();
    // Without a namespace of one's own, all topics are listed.
    expect(
      await screen.findByRole('link', { name: 'team-b.users' }),
    ).toBeInTheDocument();
  });

  it("shows the backend's message when listing fails", async () => {
    await renderPageAt(
      '/event-streaming',
      fakeApi({
        getHealth: noHealth,
        listClusters: async () => clusterList,
        listTopics: () =>
          responseError(
            503,
            "Kafka cluster 'dev-local' is unavailable",
            'ServiceUnavailableError',
          ).then(e => Promise.reject(e)),
      }),
    );
    expect(
      await screen.findByText(/Could not list topics/),
    ).toBeInTheDocument();
    expect(
      (await screen.findAllByText(/Kafka cluster 'dev-local' is unavailable/))
        .length,
    ).toBeGreaterThan(0);
  });

  it('shows progress while the clusters load', async () => {
    await renderPageAt(
      '/event-streaming',
      fakeApi({
        getHealth: () => new Promise(() => {}),
        listClusters: () => new Promise(() => {}),
      }),
    );
    expect(screen.getAllByTestId('progress').length).toBeGreaterThan(0);
  });
});
