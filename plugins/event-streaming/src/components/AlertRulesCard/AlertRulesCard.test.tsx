import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import type { EventStreamingApi } from '../../api';
import { fakeApi, responseError } from '../../__testUtils__/fakeApi';
import { alertRule } from '../../__testUtils__/monitoringFixtures';
import { renderWithApi } from '../../__testUtils__/render';
import {
  ALERT_RULES_POLL_MS,
  AlertRulesCard,
  AlertRulesCardProps,
} from './AlertRulesCard';

const GROUP = 'team-a.audit';
const groupTarget = { type: 'group' as const, group: GROUP };

const rules = [
  alertRule('rule-1'),
  alertRule('rule-2', {
    kind: 'lag-time',
    threshold: 300_000,
    forSeconds: 0,
    severity: 'critical',
    instances: [
      { groupId: GROUP, state: 'pending', since: null, value: 200_000 },
    ],
  }),
  alertRule('rule-3', {
    kind: 'stalled',
    threshold: null,
    target: { type: 'topic', topic: 'team-a.orders' },
    severity: 'low',
    canEdit: false,
    instances: [
      { groupId: GROUP, state: 'ok', since: null, value: 0 },
      {
        groupId: 'team-a.billing',
        state: 'firing',
        since: '2026-12-03T09:40:00.000Z',
        value: 1,
      },
    ],
  }),
];

function renderCard(
  overrides: Partial<EventStreamingApi> = {},
  props: Partial<AlertRulesCardProps> = {},
) {
  const api = fakeApi({
    listAlertRules: jest.fn(async () => ({ items: rules })),
    ...overrides,
  });
  return renderWithApi(
    <AlertRulesCard
      cluster="dev-local"
      target={groupTarget}
      canCreate
      {...props}
    />,
    api,
  ).then(() => api);
}

const row = (name: string) => screen.getByText(name).closest('tr')!;

async function openNewRule() {
  fireEvent.click(
    await screen.findByRole('button', { name: 'New alert rule' }),
  );
  return screen.findByRole('dialog', { name: 'New alert rule' });
}

describe('AlertRulesCard', () => {
  it('lists the rules in words with their hold, severity and state per group', async () => {
    const api = await renderCard();
    const table = await screen.findByRole('table', {
      name: `Alert rules of ${GROUP}`,
    });
    expect(api.listAlertRules).toHaveBeenCalledWith('dev-local', {
      group: GROUP,
    });
    expect(within(table).getAllByRole('row')).toHaveLength(4);

    const lag = row('Lag above 10,000 messages');
    expect(within(lag).getByText('5 minutes')).toBeInTheDocument();
    expect(within(lag).getByText('High')).toBeInTheDocument();
    const firing = within(lag).getByText('Firing').closest('[data-state]');
    expect(firing).toHaveAttribute('data-state', 'firing');
    expect(firing!.parentElement).toHaveTextContent(/Firing since \S/);

    const time = row('Time lag above 5 minutes');
    expect(within(time).getByText('at once')).toBeInTheDocument();
    expect(within(time).getByText('Critical')).toBeInTheDocument();
    expect(within(time).getByText('Pending')).toBeInTheDocument();

    // A topic's rule names the groups it watches, and this one may not be changed.
    const stalled = row('Stalled');
    expect(
      within(stalled).getByText(
        'Watches every consumer group reading team-a.orders',
      ),
    ).toBeInTheDocument();
    expect(within(stalled).getByText(/team-a\.billing:/)).toBeInTheDocument();
    expect(within(stalled).queryByRole('button')).toBeNull();
    expect(
      within(lag).getByRole('button', {
        name: 'Edit rule "Lag above 10,000 messages"',
      }),
    ).toBeInTheDocument();
  });

  it('checks the form inline, converts minutes, and creates the rule', async () => {
    const created = alertRule('rule-9', {
      kind: 'lag-time',
      threshold: 300_000,
      forSeconds: 600,
      severity: 'critical',
    });
    const createAlertRule = jest.fn(async () => created);
    const api = await renderCard({ createAlertRule });
    const dialog = await openNewRule();
    expect(
      within(dialog).getByText(/The rule watches consumer group team-a.audit/),
    ).toBeInTheDocument();

    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Create rule' }),
    );
    expect(
      await within(dialog).findByText('Enter a threshold in messages.'),
    ).toBeInTheDocument();
    const threshold = within(dialog).getByLabelText(/^Threshold \(messages\)/);
    expect(threshold).toHaveAttribute('aria-invalid', 'true');
    fireEvent.change(threshold, { target: { value: '2.5' } });
    expect(
      within(dialog).getByText(
        'The threshold must be a whole number of messages, at least 1.',
      ),
    ).toBeInTheDocument();
    fireEvent.change(within(dialog).getByLabelText(/^For \(minutes\)/), {
      target: { value: '' },
    });
    expect(
      within(dialog).getByText(
        'Enter how many minutes the condition must hold (0 fires at once).',
      ),
    ).toBeInTheDocument();
    expect(createAlertRule).not.toHaveBeenCalled();

    fireEvent.change(within(dialog).getByLabelText('Alert when'), {
      target: { value: 'lag-time' },
    });
    fireEvent.change(within(dialog).getByLabelText(/^Threshold \(minutes\)/), {
      target: { value: '5' },
    });
    fireEvent.change(within(dialog).getByLabelText(/^For \(minutes\)/), {
      target: { value: '10' },
    });
    fireEvent.change(within(dialog).getByLabelText('Severity'), {
      target: { value: 'critical' },
    });
    expect(within(dialog).queryByText(/Enter /)).toBeNull();
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Create rule' }),
    );

    await waitFor(() =>
      expect(createAlertRule).toHaveBeenCalledWith('dev-local', {
        target: groupTarget,
        kind: 'lag-time',
        threshold: 300_000,
        forSeconds: 600,
        severity: 'critical',
      }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByRole('status')).toHaveTextContent(
      'Created the alert rule "Time lag above 5 minutes".',
    );
    await waitFor(() => expect(api.listAlertRules).toHaveBeenCalledTimes(2));
  });

  it('sends a stalled rule without a threshold, and shows a refusal in the dialog', async () => {
    const createAlertRule = jest.fn(async () => {
      throw await responseError(
        403,
        'Only the owners of team-a.audit may add alert rules',
        'NotAllowedError',
      );
    });
    await renderCard({ createAlertRule });
    const dialog = await openNewRule();
    fireEvent.change(within(dialog).getByLabelText('Alert when'), {
      target: { value: 'stalled' },
    });
    expect(within(dialog).queryByLabelText(/^Threshold/)).toBeNull();
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Create rule' }),
    );
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Only the owners of team-a.audit may add alert rules',
    );
    expect(createAlertRule).toHaveBeenCalledWith('dev-local', {
      target: groupTarget,
      kind: 'stalled',
      threshold: undefined,
      forSeconds: 300,
      severity: 'normal',
    });
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });

  it('edits a rule in the same dialog, filled in', async () => {
    const updateAlertRule = jest.fn(async () =>
      alertRule('rule-1', { threshold: 20_000 }),
    );
    await renderCard({ updateAlertRule });
    await screen.findByRole('table');
    fireEvent.click(
      screen.getByRole('button', {
        name: 'Edit rule "Lag above 10,000 messages"',
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Edit the alert rule "Lag above 10,000 messages"',
    });
    const threshold = within(dialog).getByLabelText(/^Threshold \(messages\)/);
    expect(threshold).toHaveValue(10_000);
    expect(within(dialog).getByLabelText(/^For \(minutes\)/)).toHaveValue(5);
    expect(within(dialog).getByLabelText('Severity')).toHaveValue('high');
    fireEvent.change(threshold, { target: { value: '20000' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save rule' }));
    await waitFor(() =>
      expect(updateAlertRule).toHaveBeenCalledWith('dev-local', 'rule-1', {
        kind: 'lag-messages',
        threshold: 20_000,
        forSeconds: 300,
        severity: 'high',
        enabled: true,
      }),
    );
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Saved the alert rule "Lag above 20,000 messages".',
    );
  });

  it('deletes a rule only once confirmed in a dialog that names it', async () => {
    const deleteAlertRule = jest.fn(async () => undefined);
    await renderCard({ deleteAlertRule });
    await screen.findByRole('table');
    const del = screen.getByRole('button', {
      name: 'Delete rule "Time lag above 5 minutes"',
    });
    fireEvent.click(del);
    let dialog = await screen.findByRole('dialog', {
      name: 'Delete the alert rule "Time lag above 5 minutes"?',
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(deleteAlertRule).not.toHaveBeenCalled();

    fireEvent.click(del);
    dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent(
      'Nobody is notified by this rule any more, for consumer group team-a.audit.',
    );
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Delete rule' }),
    );
    await waitFor(() =>
      expect(deleteAlertRule).toHaveBeenCalledWith('dev-local', 'rule-2'),
    );
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Deleted the alert rule "Time lag above 5 minutes".',
    );
  });

  it("lists a topic's rules, and offers no new rule to those who may not", async () => {
    const api = await renderCard(
      { listAlertRules: jest.fn(async () => ({ items: [] })) },
      { target: { type: 'topic', topic: 'team-a.orders' }, canCreate: false },
    );
    expect(
      await screen.findByText('No alert rules for team-a.orders.'),
    ).toBeInTheDocument();
    expect(api.listAlertRules).toHaveBeenCalledWith('dev-local', {
      topic: 'team-a.orders',
    });
    expect(
      screen.getByText(
        'Notify the owners when a group reading team-a.orders falls behind',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'New alert rule' })).toBeNull();
  });

  it('reloads the rules on its beat, so a rule turns Firing on screen, and keeps the last answer when a reload fails', async () => {
    jest.useFakeTimers();
    try {
      const pending = alertRule('rule-9', {
        instances: [
          { groupId: GROUP, state: 'pending', since: null, value: 50_000 },
        ],
      });
      const firing = alertRule('rule-9', {
        instances: [
          {
            groupId: GROUP,
            state: 'firing',
            since: '2026-12-03T10:00:00.000Z',
            value: 60_000,
          },
        ],
      });
      const answers = [
        async () => ({ items: [pending] }),
        async () => ({ items: [firing] }),
        async (): Promise<{ items: typeof rules }> => {
          throw new Error('socket hang up');
        },
      ];
      const listAlertRules = jest.fn(() => answers.shift()!());
      await renderCard({ listAlertRules });
      expect(await screen.findByText('Pending')).toBeInTheDocument();

      act(() => {
        jest.advanceTimersByTime(ALERT_RULES_POLL_MS);
      });
      expect(await screen.findByText('Firing')).toBeInTheDocument();
      expect(screen.queryByText('Pending')).toBeNull();

      act(() => {
        jest.advanceTimersByTime(ALERT_RULES_POLL_MS);
      });
      expect(
        await screen.findByText(
          'Could not refresh the alert rules; showing the last answer: socket hang up',
        ),
      ).toBeInTheDocument();
      expect(screen.getByText('Firing')).toBeInTheDocument();
      expect(listAlertRules).toHaveBeenCalledTimes(3);
    } finally {
      jest.useRealTimers();
    }
  });
});
