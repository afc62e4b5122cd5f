import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import type { EventStreamingApi } from '../../api';
import { fakeApi, responseError } from '../../__testUtils__/fakeApi';
import {
  consumerGroupDetail,
  groupHistory,
} from '../../__testUtils__/monitoringFixtures';
import { renderPageAt } from '../../__testUtils__/render';

const GROUP = 'team-a.audit';
const path = `/event-streaming/clusters/dev-local/consumer-groups/${GROUP}`;

function renderGroup(overrides: Partial<EventStreamingApi> = {}, at = path) {
  const api = fakeApi({
    getConsumerGroup: jest.fn(async (_cluster: string, group: string) =>
      consumerGroupDetail(group, {
        links: {
          grafana: 'https://grafana.example/d/lag?var-group=team-a.audit',
          kafkaUi: 'https://kafka-ui.example/dev-local/groups/team-a.audit',
        },
      }),
    ),
    getConsumerGroupHistory: jest.fn(async (_cluster: string, group: string) =>
      groupHistory(group),
    ),
    ...overrides,
  });
  return renderPageAt(at, api).then(result => ({ api, ...result }));
}

describe('ConsumerGroupPage', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('shows the status, lag, catch-up, rates and the links to external tools', async () => {
    await renderGroup();
    expect(
      await screen.findByRole('heading', { name: GROUP }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Kafka consumer group in dev-local'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Consumer groups' }),
    ).toHaveAttribute('href', '/event-streaming/consumer-groups');
    const card = screen
      .getByText('Rates and status over the last 15 minutes')
      .closest('[class*="MuiCard-root"]') as HTMLElement;
    // The metadata table's value beside a key.
    const value = (key: string) =>
      within(card)
        .getAllByText(key)
        .map(el => el.closest('tr'))
        .find(Boolean)!
        .querySelectorAll('td')[1].textContent;
    const status = within(card).getByText('Lagging').closest('[data-status]');
    expect(status).toHaveAttribute('data-status', 'LAGGING');
    expect(value('Status')).toBe(
      'LaggingLag grew by 600 messages over the last 15 minutes.',
    );
    expect(value('Kafka State')).toBe('Stable');
    expect(value('Total Lag')).toBe('1,234 messages');
    // Partition 2's time lag is a lower bound, and it is the largest.
    expect(value('Max Time Lag')).toBe('≥ 5 min');
    expect(value('Caught Up')).toBe('never at current rates');
    expect(value('Consume Rate')).toBe('16 msg/s');
    expect(value('Produce Rate')).toBe('20 msg/s');
    expect(value('Members')).toBe('2 members');
    expect(
      screen.getByRole('link', { name: 'Open in Grafana' }),
    ).toHaveAttribute(
      'href',
      'https://grafana.example/d/lag?var-group=team-a.audit',
    );
    expect(
      screen.getByRole('link', { name: 'Open in Kafka UI' }),
    ).toHaveAttribute(
      'href',
      'https://kafka-ui.example/dev-local/groups/team-a.audit',
    );
  });

  it('lists the lag per partition, largest first, and the members with their assignments', async () => {
    await renderGroup();
    const table = await screen.findByRole('table', {
      name: `Lag per partition of ${GROUP}`,
    });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    const cells = (row: HTMLElement) =>
      within(row)
        .getAllByRole('cell')
        .map(c => c.textContent);
    expect(cells(rows[0])).toEqual([
      'team-a.orders',
      '2',
      '1,200',
      '1,600',
      '834',
      '≥ 5 min',
      'never at current rates',
      'unassigned',
    ]);
    expect(cells(rows[1])).toEqual([
      'team-a.orders',
      '1',
      '1,100',
      '1,500',
      '400',
      '1 min 30 s',
      'in about 3 min 20 s',
      'audit-reader-1',
    ]);
    expect(cells(rows[2])[6]).toBe('caught up');
    expect(
      within(rows[0]).getByRole('link', { name: 'team-a.orders' }),
    ).toHaveAttribute(
      'href',
      '/event-streaming/clusters/dev-local/topics/team-a.orders',
    );
    expect(within(rows[1]).getByText('audit-reader-1')).toHaveAttribute(
      'title',
      'consumer-1-a1b2',
    );

    const members = screen.getByRole('table', { name: `Members of ${GROUP}` });
    const first = within(members).getByText('consumer-1-a1b2').closest('tr')!;
    expect(within(first).getByText('/10.0.0.7')).toBeInTheDocument();
    expect(within(first).getByText('team-a.orders: 0, 1')).toBeInTheDocument();
    const second = within(members).getByText('consumer-2-c3d4').closest('tr')!;
    expect(within(second).getByText('none')).toBeInTheDocument();
  });

  it('charts the offset and time lag, described in words, and changes the window', async () => {
    const { api } = await renderGroup();
    const lag = await screen.findByRole('img', {
      name: `Offset lag of ${GROUP} over the last hour`,
    });
    expect(lag).toHaveAccessibleDescription(
      'Offset lag: 3 samples; latest 1,234 messages, lowest 100 messages, highest 1,234 messages.',
    );
    expect(
      screen.getByRole('img', {
        name: `Time lag of ${GROUP} over the last hour`,
      }),
    ).toHaveAccessibleDescription(
      'Time lag: 3 samples; latest 1 min, lowest 10 s, highest 1 min.',
    );
    expect(api.getConsumerGroupHistory).toHaveBeenLastCalledWith(
      'dev-local',
      GROUP,
      60,
    );
    expect(screen.getByRole('button', { name: '1 h' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );

    fireEvent.click(screen.getByRole('button', { name: '6 h' }));
    expect(
      await screen.findByRole('img', {
        name: `Offset lag of ${GROUP} over the last 6 hours`,
      }),
    ).toBeInTheDocument();
    expect(api.getConsumerGroupHistory).toHaveBeenLastCalledWith(
      'dev-local',
      GROUP,
      360,
    );
    expect(screen.getByRole('button', { name: '6 h' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
  });

  it('says so when there are no samples yet', async () => {
    await renderGroup({
      getConsumerGroupHistory: async (_cluster, group) => ({
        groupId: group,
        points: [],
      }),
    });
    expect(
      await screen.findAllByText(/No samples of .* in the last hour yet\./),
    ).toHaveLength(2);
    expect(screen.queryByRole('img', { name: /Offset lag/ })).toBeNull();
  });

  it('decodes a group id with any characters from the URL', async () => {
    const id = 'reports/daily run%1';
    const { api } = await renderGroup(
      {},
      `/event-streaming/clusters/dev-local/consumer-groups/${encodeURIComponent(
        id,
      )}`,
    );
    expect(
      await screen.findByRole('heading', { name: id }),
    ).toBeInTheDocument();
    expect(api.getConsumerGroup).toHaveBeenCalledWith('dev-local', id);
  });

  it("shows the backend's message when the group does not exist", async () => {
    await renderGroup({
      getConsumerGroup: async () => {
        throw await responseError(
          404,
          "Consumer group 'team-a.audit' does not exist in cluster 'dev-local'",
          'NotFoundError',
        );
      },
    });
    expect(
      (await screen.findAllByText(/does not exist in cluster 'dev-local'/))[0],
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/Could not load consumer group team-a.audit/)[0],
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Back to consumer groups' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Try again' }),
    ).toBeInTheDocument();
  });

  it('reloads every 30 seconds, keeps the last answer when a reload fails, and stops when left', async () => {
    jest.useFakeTimers();
    let calls = 0;
    const getConsumerGroup = jest.fn(async (_c: string, group: string) => {
      calls += 1;
      if (calls === 3) throw new Error('socket hang up');
      return consumerGroupDetail(group, { totalLag: calls * 1000 });
    });
    const { unmount } = await renderGroup({ getConsumerGroup });
    expect(await screen.findByText('1,000 messages')).toBeInTheDocument();
    expect(getConsumerGroup).toHaveBeenCalledTimes(1);

    act(() => {
      jest.advanceTimersByTime(30_000);
    });
    expect(await screen.findByText('2,000 messages')).toBeInTheDocument();
    expect(getConsumerGroup).toHaveBeenCalledTimes(2);

    act(() => {
      jest.advanceTimersByTime(30_000);
    });
    expect(
      await screen.findByText(
        'Could not refresh the group; showing the last answer: socket hang up',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('2,000 messages')).toBeInTheDocument();

    unmount();
    act(() => {
      jest.advanceTimersByTime(120_000);
    });
    await waitFor(() => expect(getConsumerGroup).toHaveBeenCalledTimes(3));
  });

  it('offers a new alert rule only to those who may manage alerts', async () => {
    await renderGroup({
      getConsumerGroup: async (_c, group) =>
        consumerGroupDetail(group, { canManageAlerts: false }),
    });
    expect(await screen.findByText('Alert rules')).toBeInTheDocument();
    expect(
      await screen.findByText(`No alert rules for ${GROUP}.`),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'New alert rule' })).toBeNull();
  });
});
