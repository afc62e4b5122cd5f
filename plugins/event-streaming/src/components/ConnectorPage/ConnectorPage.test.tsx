import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { ApprovalRequest } from '@eventport/plugin-event-streaming-common';
import type { EventStreamingApi } from '../../api';
import {
  connectorDetail,
  connectorUpdateRequest,
  fakeApi,
  responseError,
} from '../../__testUtils__/fakeApi';
import { renderPageAt } from '../../__testUtils__/render';

const NAME = 'team-a.lines-source';
const path = `/event-streaming/clusters/dev-local/connectors/${NAME}`;

const TASK_TRACE =
  'org.apache.kafka.connect.errors.ConnectException: Could not find file /tmp/missing.txt\n\tat org.apache.kafka.connect.file.FileStreamSourceTask.poll(FileStreamSourceTask.java:112)';

const NOT_OWNER =
  "Connector 'team-b.lines-sink' is owned by group:default/team-b; you are not a member, so you may not operate it.";

/** The requests a test made, as the server lists them back (open ones). */
function serverRequests() {
  const made: ApprovalRequest[] = [];
  return {
    made,
    record:
      <T extends ApprovalRequest>(request: T) =>
      async () => {
        made.push(request);
        return request;
      },
    listApprovals: async () => ({
      items: made,
      totalCount: made.length,
      canDecide: false,
    }),
  };
}

function renderConnector(overrides: Partial<EventStreamingApi> = {}) {
  const api = fakeApi({
    getConnector: jest.fn(async (_cluster: string, name: string) =>
      connectorDetail(name),
    ),
    ...overrides,
  });
  return renderPageAt(path, api).then(() => api);
}

describe('ConnectorPage', () => {
  it('shows the overview, the masked config, tasks and topics linking to their pages', async () => {
    await renderConnector({
      getConnector: async () =>
        connectorDetail(NAME, {
          config: {
            ...connectorDetail(NAME).config,
            'producer.override.sasl.jaas.config': '********',
            'database.password':
              '${file:/opt/connect/secrets.properties:pg.password}',
          },
        }),
    });
    expect(
      await screen.findByRole('heading', { name: NAME }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Kafka Connect source connector in dev-local'),
    ).toBeInTheDocument();
    const config = screen.getByRole('table', { name: `Config of ${NAME}` });
    const tasks = screen.getByRole('table', { name: `Tasks of ${NAME}` });
    // The overview names the class, the worker and the owner.
    const outside = (el: HTMLElement) =>
      !config.contains(el) && !tasks.contains(el);
    expect(
      screen
        .getAllByText('org.apache.kafka.connect.file.FileStreamSourceConnector')
        .filter(outside),
    ).toHaveLength(1);
    expect(screen.getAllByText('127.0.0.1:8083').filter(outside)).toHaveLength(
      1,
    );
    expect(screen.getByRole('link', { name: 'team-a' })).toHaveAttribute(
      'href',
      '/catalog/default/group/team-a',
    );
    expect(screen.getByText('1 of 1 running')).toBeInTheDocument();

    const secretRow = within(config)
      .getByText('producer.override.sasl.jaas.config')
      .closest('tr')!;
    expect(within(secretRow).getByText('********')).toBeInTheDocument();
    expect(within(secretRow).getByText('(secret, hidden)')).toBeInTheDocument();
    const referenceRow = within(config)
      .getByText('database.password')
      .closest('tr')!;
    expect(
      within(referenceRow).getByText('(config-provider reference)'),
    ).toBeInTheDocument();

    expect(within(tasks).getByText('Running')).toBeInTheDocument();
    expect(
      screen.getByRole('list', { name: `Topics of ${NAME}` }),
    ).toContainElement(screen.getByRole('link', { name: 'team-a.lines' }));
    expect(screen.getByRole('link', { name: 'team-a.lines' })).toHaveAttribute(
      'href',
      '/event-streaming/clusters/dev-local/topics/team-a.lines',
    );
  });

  it('shows a running connector whose only task failed as failed, and one with some failed tasks as degraded', async () => {
    await renderConnector({
      getConnector: async () =>
        connectorDetail(NAME, {
          state: 'RUNNING',
          tasks: { total: 1, running: 0, failed: 1, paused: 0 },
          taskDetails: [
            { id: 0, state: 'FAILED', workerId: 'w', trace: TASK_TRACE },
          ],
        }),
    });
    const chip = await screen.findByLabelText(
      'Failed: The connector runs, but 1 of 1 task failed',
    );
    expect(chip).toHaveAttribute('data-state', 'FAILED');
    expect(screen.queryByText('Running')).toBeNull();
  });

  it('disables every action for other teams, with the reason in a tooltip', async () => {
    await renderConnector({
      getConnector: async () =>
        connectorDetail('team-b.lines-sink', {
          owner: 'group:default/team-b',
          owned: false,
          canOperate: false,
          canManage: false,
          operateReason: NOT_OWNER,
        }),
    });
    const pause = await screen.findByRole('button', { name: 'Pause' });
    for (const name of [
      'Pause',
      'Resume',
      'Stop',
      'Restart',
      'Edit config',
      'Delete connector',
      'Restart task 0',
    ]) {
      expect(screen.getByRole('button', { name })).toBeDisabled();
    }
    // Also said in the card, for keyboard and screen-reader users.
    expect(pause).toHaveAccessibleDescription(NOT_OWNER);
    fireEvent.mouseOver(pause.parentElement!);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(NOT_OWNER);
  });

  it('restarts a task for owners, says what Connect reports, and reloads', async () => {
    const restartConnectorTask = jest.fn(async () => ({
      name: NAME,
      action: 'restart-task' as const,
      state: 'RUNNING' as const,
    }));
    const api = await renderConnector({ restartConnectorTask });
    fireEvent.click(
      await screen.findByRole('button', { name: 'Restart task 0' }),
    );
    expect(
      await screen.findByText(
        `Restarted task 0 of ${NAME}. Kafka Connect now reports the connector as running.`,
      ),
    ).toBeInTheDocument();
    expect(restartConnectorTask).toHaveBeenCalledWith('dev-local', NAME, 0);
    await waitFor(() => expect(api.getConnector).toHaveBeenCalledTimes(2));
  });

  it('expands a failed task’s trace with an accessible toggle, and shows the connector’s trace', async () => {
    await renderConnector({
      getConnector: async () =>
        connectorDetail(NAME, {
          state: 'FAILED',
          trace: 'org.apache.kafka.connect.errors.ConnectException: boom',
          taskDetails: [
            {
              id: 0,
              state: 'FAILED',
              workerId: '127.0.0.1:8083',
              trace: TASK_TRACE,
            },
            { id: 1, state: 'RUNNING', workerId: '127.0.0.1:8083' },
          ],
        }),
    });
    expect(
      await screen.findByRole('region', { name: `Trace of connector ${NAME}` }),
    ).toHaveTextContent('ConnectException: boom');
    const toggle = screen.getByRole('button', {
      name: 'Show trace of task 0',
    });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    // The trace's first line, the cause, is readable without opening it;
    // the frames are not.
    expect(
      screen.getByText(
        'org.apache.kafka.connect.errors.ConnectException: Could not find file /tmp/missing.txt',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Cause of task 0:')).toBeInTheDocument();
    expect(screen.queryByText(/FileStreamSourceTask\.poll/)).toBeNull();
    // Only a task with a trace has a toggle.
    expect(
      screen.queryByRole('button', { name: 'Show trace of task 1' }),
    ).toBeNull();
    fireEvent.click(toggle);
    const trace = screen.getByRole('region', { name: 'Trace of task 0' });
    expect(trace.tagName).toBe('PRE');
    expect(trace).toHaveTextContent('FileStreamSourceTask.poll');
    const hide = screen.getByRole('button', { name: 'Hide trace of task 0' });
    expect(hide).toHaveAttribute('aria-expanded', 'true');
    expect(hide).toHaveAttribute('aria-controls', trace.id);
    // Only the trace is labelled with it: the toggle is named by its text.
    expect(screen.getAllByLabelText(/trace of task 0/i)).toEqual([trace]);
    fireEvent.click(hide);
    expect(
      screen.queryByRole('region', { name: 'Trace of task 0' }),
    ).toBeNull();
  });

  it('pauses at once; stops and restarts only after confirming', async () => {
    const pauseConnector = jest.fn(async () => ({
      name: NAME,
      action: 'pause' as const,
      state: 'PAUSED' as const,
    }));
    const stopConnector = jest.fn(async () => ({
      name: NAME,
      action: 'stop' as const,
      state: 'STOPPED' as const,
    }));
    const restartConnector = jest.fn(async () => ({
      name: NAME,
      action: 'restart' as const,
      state: 'RUNNING' as const,
    }));
    await renderConnector({ pauseConnector, stopConnector, restartConnector });
    // Running: resume has nothing to do.
    expect(
      await screen.findByRole('button', { name: 'Resume' }),
    ).toBeDisabled();

    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    expect(
      await screen.findByText(
        `Paused ${NAME}. Kafka Connect now reports the connector as paused.`,
      ),
    ).toBeInTheDocument();
    expect(pauseConnector).toHaveBeenCalledWith('dev-local', NAME);

    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Stop' })).toBeEnabled(),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Stop' }));
    let dialog = await screen.findByRole('dialog', { name: `Stop ${NAME}?` });
    expect(stopConnector).not.toHaveBeenCalled();
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Stop connector' }),
    );
    expect(
      await screen.findByText(/Stopped team-a.lines-source\./),
    ).toBeInTheDocument();
    expect(stopConnector).toHaveBeenCalledWith('dev-local', NAME);

    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Restart' })).toBeEnabled(),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Restart' }));
    dialog = await screen.findByRole('dialog', { name: `Restart ${NAME}?` });
    expect(
      within(dialog).getByRole('checkbox', { name: 'Include tasks' }),
    ).toBeChecked();
    fireEvent.click(
      within(dialog).getByRole('checkbox', {
        name: 'Only failed connector and tasks',
      }),
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Restart' }));
    await waitFor(() =>
      expect(restartConnector).toHaveBeenCalledWith('dev-local', NAME, {
        includeTasks: true,
        onlyFailed: true,
      }),
    );
  });

  it("shows the backend's refusal of an action", async () => {
    await renderConnector({
      pauseConnector: async () => {
        throw await responseError(403, NOT_OWNER, 'NotAllowedError');
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Pause' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      `Could not pause: ${NOT_OWNER}`,
    );
  });

  it('edits the config as JSON with a live diff, refusing the hidden value until it is a reference', async () => {
    const server = serverRequests();
    const requestConnectorUpdate = jest.fn(
      server.record(connectorUpdateRequest('req-21')),
    );
    await renderConnector({
      listApprovals: server.listApprovals,
      getConnector: async () =>
        connectorDetail(NAME, {
          config: {
            ...connectorDetail(NAME).config,
            'database.password': '********',
          },
        }),
      requestConnectorUpdate,
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Edit config' }));
    const dialog = await screen.findByRole('dialog', {
      name: `Change the config of ${NAME}`,
    });
    const editor = within(dialog).getByLabelText('Config (JSON)');
    const initial = JSON.parse((editor as HTMLTextAreaElement).value);
    // The name is no setting; the hidden value is there as it is shown.
    expect(initial).toEqual({
      'connector.class':
        'org.apache.kafka.connect.file.FileStreamSourceConnector',
      file: '/tmp/lines.txt',
      topic: 'team-a.lines',
      'tasks.max': '1',
      'database.password': '********',
    });
    expect(
      within(dialog).getByText('No key changes: the config is the same.'),
    ).toBeInTheDocument();

    const edit = (config: Record<string, string>) =>
      fireEvent.change(editor, {
        target: { value: JSON.stringify(config, null, 2) },
      });
    edit({ ...initial, 'batch.size': '500', 'tasks.max': undefined! });
    const changes = within(dialog).getByRole('table', {
      name: `Changes to the config of ${NAME}`,
    });
    const added = within(changes).getByText('batch.size').closest('tr')!;
    expect(within(added).getByText('Added')).toBeInTheDocument();
    expect(within(added).getByText('500')).toBeInTheDocument();
    const removed = within(changes).getByText('tasks.max').closest('tr')!;
    expect(within(removed).getByText('Removed')).toBeInTheDocument();
    // Still the hidden value: refused, with the way out.
    expect(
      within(dialog).getByText(
        /database\.password still holds the hidden value \*{8}.*replace \*{8} with a config-provider reference/,
      ),
    ).toBeInTheDocument();
    fireEvent.change(within(dialog).getByLabelText(/^Reason/), {
      target: { value: 'Read a bigger batch' },
    });
    const submit = within(dialog).getByRole('button', {
      name: 'Request change',
    });
    expect(submit).toBeDisabled();

    const reference = '${file:/opt/connect/secrets.properties:pg.password}';
    const next = {
      ...initial,
      'batch.size': '500',
      'tasks.max': undefined!,
      'database.password': reference,
    };
    edit(next);
    const changed = within(dialog)
      .getByRole('table', { name: `Changes to the config of ${NAME}` })
      .querySelector('[data-change="changed"]') as HTMLElement;
    expect(within(changed).getByText('database.password')).toBeInTheDocument();
    expect(within(changed).getByText('********')).toBeInTheDocument();
    expect(within(changed).getByText(reference)).toBeInTheDocument();
    expect(submit).toBeEnabled();
    fireEvent.click(submit);

    // The open request shows from the server, with its link.
    const banner = await screen.findByRole('region', {
      name: 'Open requests on this resource',
    });
    expect(banner).toHaveTextContent(
      /^Change the config of connector requested by .*guest.*: waiting for the approvers/,
    );
    expect(
      within(banner).getByRole('link', { name: 'Request req-21 in Approvals' }),
    ).toHaveAttribute('href', '/event-streaming/approvals');
    expect(requestConnectorUpdate).toHaveBeenCalledWith('dev-local', NAME, {
      config: {
        'connector.class':
          'org.apache.kafka.connect.file.FileStreamSourceConnector',
        file: '/tmp/lines.txt',
        topic: 'team-a.lines',
        'batch.size': '500',
        'database.password': reference,
      },
      reason: 'Read a bigger batch',
    });
  });

  it('says what is wrong with JSON that does not parse or changes the plugin', async () => {
    await renderConnector();
    fireEvent.click(await screen.findByRole('button', { name: 'Edit config' }));
    const dialog = await screen.findByRole('dialog');
    const editor = within(dialog).getByLabelText('Config (JSON)');
    fireEvent.change(editor, { target: { value: '{"topic": ' } });
    expect(within(dialog).getByText(/^Not valid JSON:/)).toBeInTheDocument();
    expect(
      within(dialog).getByText('The changes show once the JSON is valid.'),
    ).toBeInTheDocument();
    fireEvent.change(editor, {
      target: {
        value: JSON.stringify({ 'connector.class': 'com.example.Other' }),
      },
    });
    expect(
      within(dialog).getByText(/"connector\.class" must stay/),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('button', { name: 'Request change' }),
    ).toBeDisabled();
  });

  it('asks for the name to be typed before requesting deletion', async () => {
    const server = serverRequests();
    const requestConnectorDeletion = jest.fn(
      server.record(connectorUpdateRequest('req-22')),
    );
    await renderConnector({
      requestConnectorDeletion,
      listApprovals: server.listApprovals,
    });
    fireEvent.click(
      await screen.findByRole('button', { name: 'Delete connector' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: `Delete connector ${NAME}?`,
    });
    const confirm = within(dialog).getByRole('button', {
      name: 'Request deletion',
    });
    fireEvent.change(within(dialog).getByLabelText(/^Reason/), {
      target: { value: 'Replaced by a sink' },
    });
    fireEvent.change(
      within(dialog).getByLabelText('Type the connector name to confirm'),
      { target: { value: 'team-a.lines' } },
    );
    expect(
      within(dialog).getByText(`Does not match ${NAME}`),
    ).toBeInTheDocument();
    expect(confirm).toBeDisabled();
    fireEvent.change(
      within(dialog).getByLabelText('Type the connector name to confirm'),
      { target: { value: NAME } },
    );
    fireEvent.click(confirm);
    expect(
      await screen.findByRole('link', { name: 'Request req-22 in Approvals' }),
    ).toBeInTheDocument();
    expect(requestConnectorDeletion).toHaveBeenCalledWith('dev-local', NAME, {
      confirm: NAME,
      reason: 'Replaced by a sink',
    });
  });
});
