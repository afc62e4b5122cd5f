import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { ConsumerGroupListOptions } from '../../api';
import {
  clusterList,
  fakeApi,
  responseError,
} from '../../__testUtils__/fakeApi';
import { consumerGroupSummary } from '../../__testUtils__/monitoringFixtures';
import { renderPageAt } from '../../__testUtils__/render';

const path = '/event-streaming/consumer-groups';

const page = (
  items: ReturnType<typeof consumerGroupSummary>[],
  totalCount: number,
  unreachableBrokers: number[] = [],
) => ({ items, totalCount, offset: 0, limit: 25, unreachableBrokers });

describe('ConsumerGroupsTab', () => {
  it('lists a page of groups with state, members, topics, lag, status and the total count', async () => {
    await renderPageAt(
      path,
      fakeApi({
        listClusters: async () => clusterList,
        listConsumerGroups: async () =>
          page(
            [
              consumerGroupSummary('team-a.audit', {
                topics: ['team-a.orders', 'team-a.refunds', 'team-a.a', 'x'],
                totalLag: 123_456,
              }),
              consumerGroupSummary('reports/daily run', {
                state: 'PreparingRebalance',
                members: 0,
                topics: [],
                totalLag: 0,
                status: 'EMPTY',
              }),
            ],
            50_000,
          ),
      }),
    );
    expect(
      await screen.findByRole('tab', { name: 'Consumer groups' }),
    ).toHaveAttribute('aria-selected', 'true');
    expect(await screen.findByText('50,000 groups')).toBeInTheDocument();

    const link = screen.getByRole('link', { name: 'team-a.audit' });
    expect(link).toHaveAttribute(
      'href',
      '/event-streaming/clusters/dev-local/consumer-groups/team-a.audit',
    );
    const row = link.closest('tr')!;
    expect(within(row).getByText('Stable')).toBeInTheDocument();
    expect(within(row).getByText('123,456')).toBeInTheDocument();
    expect(within(row).getByText('Lagging')).toHaveTextContent('Lagging');
    expect(
      within(row).getByText('Lagging').closest('[data-status]'),
    ).toHaveAttribute('data-status', 'LAGGING');
    expect(
      within(row).getByRole('link', { name: 'team-a.orders' }),
    ).toHaveAttribute(
      'href',
      '/event-streaming/clusters/dev-local/topics/team-a.orders',
    );
    // Three topics by name, then how many more.
    expect(within(row).queryByRole('link', { name: 'x' })).toBeNull();
    expect(within(row).getByText(/and 1 more/)).toBeInTheDocument();

    // Any character of a group id survives the link.
    const odd = screen.getByRole('link', { name: 'reports/daily run' });
    expect(odd).toHaveAttribute(
      'href',
      '/event-streaming/clusters/dev-local/consumer-groups/reports%2Fdaily%20run',
    );
    const oddRow = odd.closest('tr')!;
    expect(within(oddRow).getByText('Preparing rebalance')).toBeInTheDocument();
    expect(within(oddRow).getByText('No members')).toBeInTheDocument();
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('asks the backend for the next page and for a new page size', async () => {
    const calls: ConsumerGroupListOptions[] = [];
    await renderPageAt(
      path,
      fakeApi({
        listClusters: async () => clusterList,
        listConsumerGroups: async (_cluster, options) => {
          calls.push(options ?? {});
          const offset = options?.offset ?? 0;
          return {
            ...page([consumerGroupSummary(`group-${offset}`)], 60),
            offset,
          };
        },
      }),
    );
    expect(
      await screen.findByRole('link', { name: 'group-0' }),
    ).toBeInTheDocument();
    // guest's team owns a namespace: its groups first.
    expect(calls).toEqual([
      { q: undefined, state: undefined, owned: true, offset: 0, limit: 25 },
    ]);
    fireEvent.click(
      screen.getByRole('button', { name: 'All consumer groups' }),
    );
    await waitFor(() =>
      expect(calls[calls.length - 1]).toEqual({
        q: undefined,
        state: undefined,
        offset: 0,
        limit: 25,
      }),
    );
    expect(
      await screen.findByRole('link', { name: 'group-0' }),
    ).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Go to next page' }));
    expect(
      await screen.findByRole('link', { name: 'group-25' }),
    ).toBeInTheDocument();
    expect(calls[calls.length - 1]).toEqual({
      q: undefined,
      state: undefined,
      offset: 25,
      limit: 25,
    });
    expect(screen.getByText('26–50 of 60')).toBeInTheDocument();
  });

  it('debounces the search and filters by state on the backend', async () => {
    const calls: ConsumerGroupListOptions[] = [];
    await renderPageAt(
      path,
      fakeApi({
        listClusters: async () => clusterList,
        listConsumerGroups: async (_cluster, options) => {
          calls.push(options ?? {});
          return page(
            options?.q ? [] : [consumerGroupSummary('team-a.audit')],
            options?.q ? 0 : 1,
          );
        },
      }),
    );
    expect(await screen.findByText('1 group')).toBeInTheDocument();
    const search = screen.getByLabelText('Search consumer groups');
    fireEvent.change(search, { target: { value: 'a' } });
    fireEvent.change(search, { target: { value: 'au' } });
    fireEvent.change(search, { target: { value: ' audit ' } });
    // Nothing is asked while typing.
    expect(calls).toHaveLength(1);
    await waitFor(() => expect(calls).toHaveLength(2));
    expect(calls[1]).toEqual({
      q: 'audit',
      state: undefined,
      owned: true,
      offset: 0,
      limit: 25,
    });
    expect(
      await screen.findByText('No matching consumer groups'),
    ).toBeInTheDocument();

    fireEvent.change(screen.getByLabelText('State'), {
      target: { value: 'Empty' },
    });
    await waitFor(() =>
      expect(calls[calls.length - 1]).toEqual({
        q: 'audit',
        state: 'Empty',
        owned: true,
        offset: 0,
        limit: 25,
      }),
    );
    expect(calls.some(c => c.q === 'a' || c.q === 'au')).toBe(false);
    expect(
      screen.getByText('No consumer group in dev-local matches these filters.'),
    ).toBeInTheDocument();
  });

  it('says when a cluster has no groups, and warns about brokers that did not answer', async () => {
    await renderPageAt(
      path,
      fakeApi({
        listClusters: async () => clusterList,
        listConsumerGroups: async () => page([], 0, [2, 3]),
      }),
    );
    expect(await screen.findByText('No consumer groups')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent(
      'Brokers 2, 3 did not answer: the groups they coordinate are missing from this list.',
    );
  });

  it("shows the backend's message when the list fails", async () => {
    await renderPageAt(
      path,
      fakeApi({
        listClusters: async () => clusterList,
        listConsumerGroups: async () => {
          throw await responseError(
            503,
            "Kafka cluster 'dev-local' is unavailable: connect ECONNREFUSED",
            'ServiceUnavailableError',
          );
        },
      }),
    );
    expect(
      (
        await screen.findAllByText(/Kafka cluster 'dev-local' is unavailable/)
      )[0],
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/Could not list consumer groups/)[0],
    ).toBeInTheDocument();
  });
});
