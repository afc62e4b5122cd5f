import {
  cleanup,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import type { ApprovalListOptions, EventStreamingApi } from '../../api';
import {
  approvalRequest,
  connectorUpdateRequest,
  fakeApi,
  FILE_SINK,
  responseError,
} from '../../__testUtils__/fakeApi';
import { renderPageAt } from '../../__testUtils__/render';

const mine = approvalRequest('req-mine', {
  payload: { cluster: 'dev-local', topic: 'team-c.audit' },
  requestedBy: 'user:default/pat',
  reason: 'No longer used',
});
const guests = approvalRequest('req-guest');

const evidence = (computedAt: string, readers: string[]) => ({
  computedAt,
  policy: {
    why: 'Deleting a topic deletes its messages for every reader.',
    selfService: 'Nothing: deletion always takes an approval.',
  },
  sections: [
    {
      id: 'readers',
      title: 'Consumer groups reading it',
      empty: 'No consumer group has committed offsets on it.',
      items: readers.map(label => ({ label, detail: 'lag 3 messages' })),
    },
    {
      id: 'catalog',
      title: 'Catalog components that declare it',
      empty: 'No catalog component declares it.',
      items: [],
      problem: 'read when the request is opened',
    },
  ],
});

/** Pat approves: the queue holds the guest's and pat's own request. */
function approverApi(overrides: Partial<EventStreamingApi> = {}) {
  return fakeApi({
    getApprovalEvidence: async () =>
      evidence('2026-12-07T10:00:00.000Z', ['billing']),
    listApprovals: jest.fn(async (options?: ApprovalListOptions) => ({
      items: options?.mine ? [mine] : [guests, mine],
      totalCount: options?.mine ? 1 : 2,
      canDecide: true,
    })),
    ...overrides,
  });
}

const renderAs = (api: EventStreamingApi, user = 'user:default/pat') =>
  renderPageAt('/event-streaming/approvals', api, { userEntityRef: user });

/** The row of a request by its subject (shown wrapping at dots, so in parts). */
function rowOf(section: string, topic: string) {
  const card = screen.getByRole('region', { name: section });
  const subject = Array.from(card.querySelectorAll('strong')).find(
    s => s.textContent === topic,
  );
  if (!subject) throw new Error(`no request for ${topic} in ${section}`);
  return subject.closest('tr') as HTMLElement;
}

describe('ApprovalsTab', () => {
  it('shows approvers the pending queue with payload, requester and reason', async () => {
    const api = approverApi();
    await renderAs(api);
    expect(await screen.findByText('Requests to decide')).toBeInTheDocument();
    const row = rowOf('Requests to decide', 'team-a.orders');
    expect(within(row).getByText('guest')).toBeInTheDocument();
    expect(
      within(row).getByText('Replaced by team-a.orders-v2'),
    ).toBeInTheDocument();
    expect(within(row).getByText(/cluster dev-local/)).toBeInTheDocument();
    // The approver opens the subject before deciding; the id is the one the
    // resource's page shows.
    expect(
      within(row).getByRole('link', { name: 'team-a.orders' }),
    ).toHaveAttribute(
      'href',
      '/event-streaming/clusters/dev-local/topics/team-a.orders',
    );
    expect(within(row).getByTitle('req-guest')).toHaveTextContent('req-gues');
    expect(within(row).getByText('Pending')).toBeInTheDocument();
    // When it expires without a decision (eventStreaming.approvals.expiry).
    expect(
      within(row).getByText(/^Expires .* without a decision$/),
    ).toBeInTheDocument();
    // Nobody decides their own request.
    const own = rowOf('Requests to decide', 'team-c.audit');
    expect(within(own).queryByRole('button', { name: /Approve/ })).toBeNull();
    expect(within(own).getByText(/Your own request/)).toBeInTheDocument();
    expect(api.listApprovals).toHaveBeenCalledWith({
      mine: false,
      status: 'pending',
      offset: 0,
      limit: 25,
    });
  });

  it('approves with an optional comment and updates the row', async () => {
    const approve = jest.fn(async () =>
      approvalRequest('req-guest', {
        status: 'executed',
        decidedBy: 'user:default/pat',
      }),
    );
    await renderAs(approverApi({ approve }));
    fireEvent.click(
      await screen.findByRole('button', {
        name: 'Approve deleting team-a.orders',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('Comment (optional)'), {
      target: { value: 'Fine by me' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Approve' }));
    await waitFor(() =>
      expect(approve).toHaveBeenCalledWith('req-guest', 'Fine by me'),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(
      within(rowOf('Requests to decide', 'team-a.orders')).getByText(
        'Executed',
      ),
    ).toBeInTheDocument();
  });

  it('rejects only with a comment', async () => {
    const reject = jest.fn(async () =>
      approvalRequest('req-guest', { status: 'rejected' }),
    );
    await renderAs(approverApi({ reject }));
    fireEvent.click(
      await screen.findByRole('button', {
        name: 'Reject deleting team-a.orders',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    const confirm = within(dialog).getByRole('button', { name: 'Reject' });
    expect(confirm).toBeDisabled();
    fireEvent.change(within(dialog).getByLabelText(/Why reject\?/), {
      target: { value: '  Still read by billing  ' },
    });
    fireEvent.click(confirm);
    await waitFor(() =>
      expect(reject).toHaveBeenCalledWith('req-guest', 'Still read by billing'),
    );
    expect(
      await within(rowOf('Requests to decide', 'team-a.orders')).findByText(
        'Rejected',
      ),
    ).toBeInTheDocument();
  });

  it("shows the backend's message when a decision is refused", async () => {
    await renderAs(
      approverApi({
        approve: () =>
          responseError(
            403,
            'You cannot approve your own request',
            'NotAllowedError',
          ).then(e => Promise.reject(e)),
      }),
    );
    fireEvent.click(
      await screen.findByRole('button', {
        name: 'Approve deleting team-a.orders',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Approve' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'You cannot approve your own request',
    );
  });

  it('lets requesters follow and cancel their own requests', async () => {
    const cancel = jest.fn(async () =>
      approvalRequest('req-guest', {
        status: 'cancelled',
        history: [
          ...guests.history,
          {
            at: '2026-11-24T11:00:00.000Z',
            actor: 'user:default/guest',
            action: 'cancelled',
            status: 'cancelled',
          },
        ],
      }),
    );
    const listApprovals = jest.fn(async (options?: ApprovalListOptions) => ({
      items: options?.mine ? [guests] : [],
      totalCount: options?.mine ? 1 : 0,
      canDecide: false,
    }));
    await renderAs(fakeApi({ listApprovals, cancel }), 'user:default/guest');
    expect(await screen.findByText('My requests')).toBeInTheDocument();
    expect(screen.queryByText('Requests to decide')).toBeNull();
    // Their own requests, and those on their team's resources.
    expect(listApprovals).toHaveBeenCalledTimes(2);
    expect(listApprovals).toHaveBeenCalledWith(
      expect.objectContaining({ mine: true, status: 'pending' }),
    );
    expect(listApprovals).toHaveBeenCalledWith(
      expect.objectContaining({ team: true, status: 'pending' }),
    );
    await screen.findByText(/No request on a resource your team owns/);
    const history = screen.getByRole('list', { name: 'History' });
    expect(history).toHaveTextContent(
      /requested by guest — “Replaced by team-a.orders-v2”/,
    );

    fireEvent.click(
      screen.getByRole('button', {
        name: 'Cancel request for deleting team-a.orders',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Cancel request' }),
    );
    await waitFor(() => expect(cancel).toHaveBeenCalledWith('req-guest'));
    const row = rowOf('My requests', 'team-a.orders');
    expect(await within(row).findByText('Cancelled')).toBeInTheDocument();
    expect(
      within(row).getByRole('list', { name: 'History' }),
    ).toHaveTextContent(/cancelled by guest/);
    expect(
      within(row).queryByRole('button', { name: /Cancel request/ }),
    ).toBeNull();
  });

  it("shows the team's requests, made by a teammate, and lets a member cancel one", async () => {
    const gails = approvalRequest('req-gail', {
      requestedBy: 'user:default/gail',
      owner: 'group:default/team-a',
      subject: 'topic:dev-local/team-a.orders',
    });
    const cancel = jest.fn(async () => ({
      ...gails,
      status: 'cancelled' as const,
    }));
    await renderAs(
      fakeApi({
        listApprovals: async options => ({
          items: options?.team ? [gails] : [],
          totalCount: options?.team ? 1 : 0,
          canDecide: false,
        }),
        cancel,
      }),
      'user:default/guest',
    );
    const row = await waitFor(() =>
      rowOf("My team's requests", 'team-a.orders'),
    );
    expect(within(row).getByTitle('user:default/gail')).toBeInTheDocument();
    fireEvent.click(
      within(row).getByRole('button', {
        name: 'Cancel request for deleting team-a.orders',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Cancel request' }),
    );
    await waitFor(() => expect(cancel).toHaveBeenCalledWith('req-gail'));
    expect(await within(row).findByText('Cancelled')).toBeInTheDocument();
  });

  it('shows the approver the evidence read when the request is opened, or the stored one with the cause', async () => {
    const withEvidence = {
      ...guests,
      evidence: evidence('2026-12-06T10:00:00.000Z', ['billing', 'audit']),
    };
    const listApprovals = async (options?: ApprovalListOptions) => ({
      items: options?.mine || options?.team ? [] : [withEvidence],
      totalCount: options?.mine || options?.team ? 0 : 1,
      canDecide: true,
    });
    await renderAs(approverApi({ listApprovals }));
    fireEvent.click(
      await screen.findByRole('button', {
        name: 'Approve deleting team-a.orders',
      }),
    );
    let dialog = await screen.findByRole('dialog');
    const fresh = await within(dialog).findByRole('region', {
      name: 'Evidence',
    });
    expect(fresh).toHaveTextContent(/Read just now/);
    expect(fresh).toHaveTextContent(
      'Why it needs approval: Deleting a topic deletes its messages for every reader.',
    );
    // Read now: one reader left (audit stopped since the request).
    expect(
      within(
        within(fresh).getByRole('list', { name: 'Consumer groups reading it' }),
      ).getAllByRole('listitem'),
    ).toHaveLength(1);
    expect(fresh).toHaveTextContent(
      'Could not be read: read when the request is opened',
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    cleanup();
    await renderAs(
      approverApi({
        listApprovals,
        getApprovalEvidence: () =>
          responseError(503, 'Kafka cluster is down', 'Error').then(e =>
            Promise.reject(e),
          ),
      }),
    );
    fireEvent.click(
      await screen.findByRole('button', {
        name: 'Approve deleting team-a.orders',
      }),
    );
    dialog = await screen.findByRole('dialog');
    expect(
      await within(dialog).findByText(
        /The evidence could not be read again; this is how it was when the request was made/,
      ),
    ).toBeInTheDocument();
    const stored = within(dialog).getByRole('region', { name: 'Evidence' });
    expect(stored).toHaveTextContent(/As when the request was made/);
    expect(
      within(
        within(stored).getByRole('list', {
          name: 'Consumer groups reading it',
        }),
      ).getAllByRole('listitem'),
    ).toHaveLength(2);
  });

  it('says what to do about a rejected request, and makes it again with the reason pre-filled and editable', async () => {
    const rejected = approvalRequest('req-rejected', {
      status: 'rejected',
      decidedBy: 'user:default/pat',
      history: [
        {
          at: '2026-11-24T10:00:00.000Z',
          actor: 'user:default/guest',
          action: 'requested',
          status: 'pending',
          comment: 'Replaced by team-a.orders-v2',
        },
        {
          at: '2026-11-24T11:00:00.000Z',
          actor: 'user:default/pat',
          action: 'rejected',
          status: 'rejected',
          comment: 'billing still reads it',
        },
      ],
    });
    const requestTopicDeletion = jest.fn(async () =>
      approvalRequest('req-again-1'),
    );
    await renderAs(
      fakeApi({
        listApprovals: async options => ({
          items: options?.mine ? [rejected] : [],
          totalCount: options?.mine ? 1 : 0,
          canDecide: false,
        }),
        requestTopicDeletion,
      }),
      'user:default/guest',
    );
    const row = await waitFor(() => rowOf('My requests', 'team-a.orders'));
    expect(row).toHaveTextContent(
      'Next: Rejected by pat: “billing still reads it”. Address that, then request again.',
    );
    fireEvent.click(
      within(row).getByRole('button', {
        name: 'Request again: deleting team-a.orders',
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Request again: deleting team-a.orders?',
    });
    const reason = within(dialog).getByRole('textbox', { name: /Reason/ });
    expect(reason).toHaveValue('Replaced by team-a.orders-v2');
    fireEvent.change(reason, {
      target: { value: 'billing moved to team-a.orders-v2 last week' },
    });
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Request again' }),
    );
    await waitFor(() =>
      expect(requestTopicDeletion).toHaveBeenCalledWith(
        'dev-local',
        'team-a.orders',
        {
          confirm: 'team-a.orders',
          reason: 'billing moved to team-a.orders-v2 last week',
        },
      ),
    );
    expect(
      await screen.findByText('Requested again: request req-agai is pending.'),
    ).toBeInTheDocument();
  });

  it('filters by status', async () => {
    const listApprovals = jest.fn(async () => ({
      items: [],
      totalCount: 0,
      canDecide: false,
    }));
    await renderAs(fakeApi({ listApprovals }), 'user:default/guest');
    expect(
      await screen.findByText(/You have no request with this status/),
    ).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Status'), {
      target: { value: 'executed' },
    });
    await waitFor(() =>
      expect(listApprovals).toHaveBeenCalledWith(
        expect.objectContaining({ mine: true, status: 'executed' }),
      ),
    );
    expect(listApprovals).toHaveBeenCalledWith(
      expect.objectContaining({ team: true, status: 'executed' }),
    );
    fireEvent.change(screen.getByLabelText('Status'), {
      target: { value: '' },
    });
    await waitFor(() =>
      expect(listApprovals).toHaveBeenCalledWith(
        expect.objectContaining({ mine: true, status: undefined }),
      ),
    );
  });

  it("shows the backend's message when the list fails", async () => {
    await renderAs(
      fakeApi({
        listApprovals: () =>
          responseError(500, 'Database is locked', 'Error').then(e =>
            Promise.reject(e),
          ),
      }),
    );
    expect(
      (await screen.findAllByText(/Could not load the requests/)).length,
    ).toBeGreaterThan(0);
    expect(screen.getAllByText(/Database is locked/).length).toBeGreaterThan(0);
  });

  it('shows a connector update as a table of changed keys, in the list and when deciding', async () => {
    const update = connectorUpdateRequest('req-upd', {
      payload: {
        ...connectorUpdateRequest('x').payload,
        changes: [
          { key: 'batch.size', change: 'added', after: '500' },
          {
            key: 'database.password',
            change: 'changed',
            before: '********',
            after: '${file:/opt/connect/secrets.properties:pg.password}',
          },
          { key: 'tasks.max', change: 'removed', before: '1' },
        ],
      },
    });
    await renderAs(
      fakeApi({
        listApprovals: async options => ({
          items: options?.mine ? [] : [update],
          totalCount: options?.mine ? 0 : 1,
          canDecide: true,
        }),
      }),
    );
    const row = await waitFor(() =>
      rowOf('Requests to decide', 'team-a.lines-source'),
    );
    expect(
      within(row).getByText('Change the config of connector'),
    ).toBeInTheDocument();
    expect(
      within(row).getByRole('link', { name: 'team-a.lines-source' }),
    ).toHaveAttribute(
      'href',
      '/event-streaming/clusters/dev-local/connectors/team-a.lines-source',
    );
    const toggle = within(row).getByRole('button', {
      name: 'Show changes (3) of team-a.lines-source',
    });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    fireEvent.click(toggle);
    const table = within(row).getByRole('table', {
      name: 'Requested changes to team-a.lines-source',
    });
    const secret = within(table).getByText('database.password').closest('tr')!;
    expect(within(secret).getByText('Changed')).toBeInTheDocument();
    expect(within(secret).getByText('********')).toBeInTheDocument();
    expect(
      within(secret).getByText(
        '${file:/opt/connect/secrets.properties:pg.password}',
      ),
    ).toBeInTheDocument();
    expect(
      within(within(table).getByText('tasks.max').closest('tr')!).getByText(
        'Removed',
      ),
    ).toBeInTheDocument();

    fireEvent.click(
      within(row).getByRole('button', {
        name: 'Approve changing the config of connector team-a.lines-source',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent(/Approving writes the requested config/);
    expect(
      within(dialog).getByRole('table', {
        name: 'Requested changes to team-a.lines-source',
      }),
    ).toHaveTextContent(/batch\.size\s*Added/);
  });

  it('shows the config a connector create asks for', async () => {
    const { kind: _k, payload: _p, ...base } = approvalRequest('req-new');
    await renderAs(
      fakeApi({
        listApprovals: async () => ({
          items: [
            {
              ...base,
              kind: 'connector.create' as const,
              payload: {
                cluster: 'dev-local',
                name: 'lines-archive',
                owner: 'group:default/team-a',
                requestedBy: 'user:default/guest',
                config: {
                  'connector.class': FILE_SINK,
                  topics: 'team-b.lines',
                  file: '/tmp/archive.txt',
                },
              },
            },
          ],
          totalCount: 1,
          canDecide: false,
        }),
      }),
      'user:default/guest',
    );
    const row = await waitFor(() => rowOf('My requests', 'lines-archive'));
    expect(within(row).getByText('Create connector')).toBeInTheDocument();
    fireEvent.click(
      within(row).getByRole('button', { name: 'Show config of lines-archive' }),
    );
    expect(within(row).getByText(/^Owner:/)).toHaveTextContent('Owner: team-a');
    expect(within(row).getByRole('link', { name: 'team-a' })).toHaveAttribute(
      'href',
      '/catalog/default/group/team-a',
    );
    const config = within(row).getByRole('table', {
      name: 'Requested config of lines-archive',
    });
    expect(
      within(within(config).getByText('topics').closest('tr')!).getByText(
        'team-b.lines',
      ),
    ).toBeInTheDocument();
  });
});
