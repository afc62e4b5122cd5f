import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import type { ApprovalRequest } from '@eventport/plugin-event-streaming-common';
import type { EventStreamingApi } from '../../api';
import {
  approvalRequest,
  clusterList,
  fakeApi,
  responseError,
  schemaArtifact,
  topicDetail,
} from '../../__testUtils__/fakeApi';
import { renderPageAt } from '../../__testUtils__/render';

const path = '/event-streaming/clusters/dev-local/topics/team-a.orders';

function renderTopic(
  overrides: Partial<EventStreamingApi> = {},
  entities: Entity[] = [],
) {
  return renderPageAt(
    path,
    fakeApi({
      listClusters: async () => clusterList,
      getTopic: async (_c, topic) => topicDetail(topic),
      listSchemas: async (_c, options) => ({
        items:
          options?.topic === 'team-a.orders'
            ? [schemaArtifact('team-a.orders-value')]
            : [],
        totalCount: 1,
        offset: 0,
        limit: 25,
      }),
      ...overrides,
    }),
    { entities },
  );
}

async function openDialog(button: string) {
  fireEvent.click(await screen.findByRole('button', { name: button }));
  return screen.findByRole('dialog');
}

const TOPIC_ENTITY: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'dev-local.team-a.orders', namespace: 'default' },
  spec: { type: 'kafka-topic', owner: 'group:default/team-a' },
  relations: [
    { type: 'dependsOn', targetRef: 'component:default/checkout' },
    { type: 'dependencyOf', targetRef: 'component:default/billing' },
    {
      type: 'dependsOn',
      targetRef: 'api:default/dev-local.default.team-a.orders-value',
    },
    {
      type: 'dependencyOf',
      targetRef: 'resource:default/dev-local.team-a.orders-sink',
    },
    { type: 'ownedBy', targetRef: 'group:default/team-a' },
  ],
};

describe('TopicPage', () => {
  it('links the topic to its catalog entity and to what the catalog relates to it', async () => {
    await renderTopic({}, [TOPIC_ENTITY]);
    const card = await screen.findByText('Produced by');
    const related = card.closest('article') ?? document.body;
    const link = (name: string) =>
      within(related as HTMLElement).getByRole('link', { name });
    expect(link('dev-local.team-a.orders')).toHaveAttribute(
      'href',
      '/catalog/default/resource/dev-local.team-a.orders',
    );
    expect(
      within(screen.getByRole('list', { name: 'Produced by' })).getByRole(
        'link',
      ),
    ).toHaveAttribute('href', '/catalog/default/component/checkout');
    expect(
      within(screen.getByRole('list', { name: 'Read by' })).getByRole('link'),
    ).toHaveAttribute('href', '/catalog/default/component/billing');
    expect(
      within(
        screen.getByRole('list', { name: 'Connectors and CDC pipelines' }),
      ).getByRole('link'),
    ).toHaveAttribute(
      'href',
      '/catalog/default/resource/dev-local.team-a.orders-sink',
    );
  });

  it('says when the catalog has no entity for the topic yet', async () => {
    await renderTopic();
    expect(
      await screen.findByText(/The catalog has no entity for this topic yet/),
    ).toBeInTheDocument();
  });

  it('shows the overview, filled-in links, configs and partitions', async () => {
    await renderTopic();
    expect(
      await screen.findByRole('heading', { name: 'team-a.orders' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'team-a' })).toHaveAttribute(
      'href',
      '/catalog/default/group/team-a',
    );
    expect(
      await screen.findByRole('link', { name: 'default/team-a.orders-value' }),
    ).toHaveAttribute(
      'href',
      '/event-streaming/clusters/dev-local/schemas/default/team-a.orders-value',
    );
    expect(screen.getByText('dev-local (dev)')).toBeInTheDocument();
    // The retention in the overview, and in the configs.
    expect(screen.getAllByText('1 week')).toHaveLength(2);
    expect(screen.getByRole('link', { name: /^Grafana/ })).toHaveAttribute(
      'href',
      'https://grafana.example/d/topic?var-topic=team-a.orders',
    );
    expect(screen.getByRole('link', { name: /^Kafka UI/ })).toHaveAttribute(
      'href',
      'https://kafka-ui.example/dev-local/topics/team-a.orders',
    );
    // retention.ms is set on the topic, cleanup.policy is a default.
    const setRow = screen.getByText('retention.ms').closest('tr')!;
    expect(within(setRow).getByText('Set on topic')).toBeInTheDocument();
    const defaultRow = screen.getByText('cleanup.policy').closest('tr')!;
    expect(within(defaultRow).getByText('Default')).toBeInTheDocument();
    // Durations read in units, with Kafka's raw value beside them.
    expect(within(setRow).getByText('(604800000)')).toBeInTheDocument();
    expect(setRow).toHaveTextContent('1 week (604800000)');
    // The configs can be filtered by name.
    fireEvent.change(screen.getByPlaceholderText('Filter'), {
      target: { value: 'cleanup' },
    });
    await waitFor(() =>
      expect(screen.queryByText('retention.ms')).not.toBeInTheDocument(),
    );
    expect(screen.getByText('cleanup.policy')).toBeInTheDocument();
    // Partition 2: leader 3, replicas 3 and 1, in sync only 3.
    const partitionRow = screen.getByText('1002').closest('tr')!;
    expect(within(partitionRow).getByText('3, 1')).toBeInTheDocument();
    expect(
      within(partitionRow).getByText('3 (under-replicated)'),
    ).toBeInTheDocument();
  });

  it('only accepts a larger partition count within the limit', async () => {
    const updateTopic = jest.fn(async () =>
      topicDetail('team-a.orders', { partitions: 6 }),
    );
    await renderTopic({ updateTopic });
    const dialog = await openDialog('Add partitions');
    const input = within(dialog).getByLabelText('New partition count');
    const submit = within(dialog).getByRole('button', {
      name: 'Add partitions',
    });
    fireEvent.change(input, { target: { value: '2' } });
    expect(
      within(dialog).getByText(
        /Enter more than 3: partitions can only be added/,
      ),
    ).toBeInTheDocument();
    expect(submit).toBeDisabled();
    fireEvent.change(input, { target: { value: '49' } });
    expect(
      within(dialog).getByText('At most 48 partitions are allowed here.'),
    ).toBeInTheDocument();
    expect(submit).toBeDisabled();
    fireEvent.change(input, { target: { value: '6' } });
    fireEvent.click(submit);
    await waitFor(() =>
      expect(updateTopic).toHaveBeenCalledWith('dev-local', 'team-a.orders', {
        partitions: 6,
      }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(screen.getByText('6')).toBeInTheDocument();
  });

  it('keeps retention within the limits and sends milliseconds', async () => {
    const updateTopic = jest.fn(async () =>
      topicDetail('team-a.orders', { retentionMs: 2 * 86_400_000 }),
    );
    await renderTopic({ updateTopic });
    const dialog = await openDialog('Change retention');
    expect(
      within(dialog).getByText(/allows from 1 hour to 30 days/),
    ).toBeInTheDocument();
    const value = within(dialog).getByLabelText('Retention');
    const unit = within(dialog).getByLabelText('Unit');
    const save = within(dialog).getByRole('button', { name: 'Save retention' });
    fireEvent.change(unit, { target: { value: 'minutes' } });
    fireEvent.change(value, { target: { value: '30' } });
    expect(
      within(dialog).getByText(
        'Retention must be between 1 hour and 30 days in this environment.',
      ),
    ).toBeInTheDocument();
    expect(save).toBeDisabled();
    fireEvent.change(unit, { target: { value: 'days' } });
    fireEvent.change(value, { target: { value: '2' } });
    fireEvent.click(save);
    await waitFor(() =>
      expect(updateTopic).toHaveBeenCalledWith('dev-local', 'team-a.orders', {
        retentionMs: 172_800_000,
      }),
    );
    expect(await screen.findByText('2 days')).toBeInTheDocument();
  });

  it("shows the backend's message when a change is refused", async () => {
    await renderTopic({
      updateTopic: () =>
        responseError(400, 'retention.ms must be at most 30 days in dev').then(
          e => Promise.reject(e),
        ),
    });
    const dialog = await openDialog('Change retention');
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Save retention' }),
    );
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'retention.ms must be at most 30 days in dev',
    );
  });

  it('requests deletion only with the exact name and a reason', async () => {
    let open: ApprovalRequest[] = [];
    const requestTopicDeletion = jest.fn(async () => {
      open = [approvalRequest('req-10000-1')];
      return open[0];
    });
    const listApprovals = jest.fn(async () => ({
      items: open,
      totalCount: open.length,
      canDecide: false,
    }));
    await renderTopic({ requestTopicDeletion, listApprovals });
    const dialog = await openDialog('Delete topic');
    const submit = within(dialog).getByRole('button', {
      name: 'Request deletion',
    });
    fireEvent.change(within(dialog).getByLabelText('Reason *'), {
      target: { value: 'Replaced by v2' },
    });
    const confirm = within(dialog).getByLabelText(
      'Type the topic name to confirm',
    );
    fireEvent.change(confirm, { target: { value: 'team-a.order' } });
    expect(
      within(dialog).getByText('Does not match team-a.orders'),
    ).toBeInTheDocument();
    expect(submit).toBeDisabled();
    fireEvent.change(confirm, { target: { value: 'team-a.orders' } });
    expect(submit).toBeEnabled();
    fireEvent.click(submit);
    await waitFor(() =>
      expect(requestTopicDeletion).toHaveBeenCalledWith(
        'dev-local',
        'team-a.orders',
        { confirm: 'team-a.orders', reason: 'Replaced by v2' },
      ),
    );
    // The open request is read back from the server, for this topic.
    const status = within(
      await screen.findByRole('region', {
        name: 'Open requests on this resource',
      }),
    ).getByRole('status');
    expect(listApprovals).toHaveBeenLastCalledWith({
      subject: 'topic:dev-local/team-a.orders',
      open: true,
      limit: 10,
    });
    expect(status).toHaveTextContent(
      /^Delete topic requested by .*guest.*, \d+ \w+ ago: waiting for the approvers/,
    );
    expect(
      within(status).getByRole('link', {
        name: 'Request req-1000 in Approvals',
      }),
    ).toHaveAttribute('href', '/event-streaming/approvals');
    expect(screen.getByRole('button', { name: 'Delete topic' })).toBeDisabled();
  });

  it("shows a teammate's open deletion after a reload, and a member may cancel it", async () => {
    let open: ApprovalRequest[] = [
      approvalRequest('req-gail-1', {
        requestedBy: 'user:default/gail',
        createdAt: new Date(Date.now() - 2 * 3_600_000).toISOString(),
      }),
    ];
    const cancel = jest.fn(async () => {
      const cancelled = { ...open[0], status: 'cancelled' as const };
      open = [];
      return cancelled;
    });
    await renderTopic({
      listApprovals: async () => ({
        items: open,
        totalCount: open.length,
        canDecide: false,
      }),
      cancel,
    });
    const status = within(
      await screen.findByRole('region', {
        name: 'Open requests on this resource',
      }),
    ).getByRole('status');
    expect(status).toHaveTextContent(
      /Delete topic requested by .*gail.*, 2 h ago: waiting for the approvers/,
    );
    expect(screen.getByRole('button', { name: 'Delete topic' })).toBeDisabled();
    fireEvent.click(
      within(status).getByRole('button', {
        name: 'Cancel request for deleting team-a.orders',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Cancel request' }),
    );
    await waitFor(() => expect(cancel).toHaveBeenCalledWith('req-gail-1'));
    // Once the dialog has closed (the page is hidden from queries while it
    // is open), the request is gone and a deletion can be asked for again.
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Delete topic' }),
      ).toBeEnabled(),
    );
    expect(
      screen.queryByRole('region', { name: 'Open requests on this resource' }),
    ).not.toBeInTheDocument();
  });

  it('disables the actions and says why when the caller may not edit', async () => {
    await renderTopic({
      getTopic: async (_c, topic) =>
        topicDetail(topic, { canEdit: false, owner: 'group:default/team-b' }),
    });
    expect(
      await screen.findByText(/Only members of group:default\/team-b/),
    ).toBeInTheDocument();
    for (const name of ['Add partitions', 'Change retention', 'Delete topic']) {
      expect(screen.getByRole('button', { name })).toBeDisabled();
    }
  });

  it("shows the backend's message first when the topic cannot be loaded, with a retry and a way back", async () => {
    await renderTopic({
      getTopic: () =>
        responseError(
          404,
          "Topic 'team-a.orders' does not exist in cluster 'dev-local'",
          'NotFoundError',
        ).then(e => Promise.reject(e)),
    });
    const panel = await screen.findByRole('alert', {
      name: 'Could not load topic team-a.orders',
    });
    // The backend's own words, in the open, not folded away.
    expect(
      within(panel).getByText(
        "Topic 'team-a.orders' does not exist in cluster 'dev-local'",
      ),
    ).toBeVisible();
    expect(
      within(panel).getByText(
        'It does not exist, or is not visible to you. If it is being created, try again in a moment.',
      ),
    ).toBeInTheDocument();
    // A topic being created may appear: asking again is offered, and so is
    // the way back.
    expect(
      within(panel).getByRole('button', { name: 'Try again' }),
    ).toBeInTheDocument();
    expect(
      within(panel).getByRole('link', { name: 'Back to Event Streaming' }),
    ).toHaveAttribute('href', '/event-streaming');
    // The header no longer claims a topic it could not load.
    expect(screen.getByText('Not loaded from dev-local')).toBeInTheDocument();
    expect(screen.queryByText('Kafka topic in dev-local')).toBeNull();
  });

  it('offers to try again when the backend or Kafka failed, and shows the topic once it answers', async () => {
    let calls = 0;
    const getTopic = jest.fn(async (_c: string, topic: string) => {
      calls += 1;
      if (calls === 1) {
        throw await responseError(
          503,
          "Cluster 'dev-local' is not reachable: connect ECONNREFUSED 127.0.0.1:9092",
          'ServiceUnavailableError',
        );
      }
      return topicDetail(topic);
    });
    await renderTopic({ getTopic });
    const panel = await screen.findByRole('alert', {
      name: 'Could not load topic team-a.orders',
    });
    expect(within(panel).getByText(/ECONNREFUSED/)).toBeVisible();
    fireEvent.click(within(panel).getByRole('button', { name: 'Try again' }));
    expect(
      await screen.findByText('Kafka topic in dev-local, namespace team-a.'),
    ).toBeInTheDocument();
    expect(getTopic).toHaveBeenCalledTimes(2);
  });

  it('offers no retry when the request itself is refused (403)', async () => {
    await renderTopic({
      getTopic: () =>
        responseError(
          403,
          'You may not read team-b.secret',
          'NotAllowedError',
        ).then(e => Promise.reject(e)),
    });
    const panel = await screen.findByRole('alert', {
      name: 'Could not load topic team-a.orders',
    });
    expect(within(panel).getByText('You may not see it.')).toBeInTheDocument();
    expect(
      within(panel).queryByRole('button', { name: 'Try again' }),
    ).toBeNull();
  });

  it('shows progress while loading', async () => {
    await renderTopic({ getTopic: () => new Promise(() => {}) });
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });
});
