import { fireEvent, screen, waitFor } from '@testing-library/react';
import {
  clusterList,
  devCluster,
  fakeApi,
  responseError,
  topicDetail,
} from '../../__testUtils__/fakeApi';
import { renderWithApi } from '../../__testUtils__/render';
import { CreateTopicDialog, CreateTopicDialogProps } from './CreateTopicDialog';

async function renderDialog(
  api = fakeApi(),
  props: Partial<CreateTopicDialogProps> = {},
) {
  const onCreated = jest.fn();
  const onClose = jest.fn();
  const result = await renderWithApi(
    <CreateTopicDialog
      open
      cluster={devCluster}
      namespaces={clusterList.namespaces}
      onClose={onClose}
      onCreated={onCreated}
      {...props}
    />,
    api,
  );
  return { ...result, onCreated, onClose };
}

const type = (label: RegExp | string, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('CreateTopicDialog', () => {
  it('offers only owned namespaces and prefills the defaults', async () => {
    await renderDialog();
    const namespace = screen.getByLabelText('Namespace') as HTMLSelectElement;
    expect(Array.from(namespace.options).map(o => o.value)).toEqual([
      'team-a.',
    ]);
    expect(screen.getByLabelText('Partitions')).toHaveValue(3);
    expect(screen.getByLabelText('Replication factor')).toHaveValue(3);
    expect(screen.getByLabelText('Retention')).toHaveValue(1);
    expect(screen.getByLabelText('Retention unit')).toHaveValue('weeks');
    expect(screen.getByLabelText('Cleanup policy')).toHaveValue('delete');
    expect(screen.getByText(/at most 48/)).toBeInTheDocument();
    expect(screen.getByText(/From 1 hour to 30 days/)).toBeInTheDocument();
  });

  it('shows Kafka naming errors, the pattern and the mixing warning live', async () => {
    await renderDialog(fakeApi(), {
      namingPattern: '^team-[a-z]+\\.[a-z0-9._-]+$',
    });
    type(/Topic name/, 'orders!');
    expect(
      screen.getByText(
        /may only contain letters, digits, '.', '_' and '-'; found '!'/,
      ),
    ).toBeInTheDocument();
    type(/Topic name/, 'Orders');
    expect(
      screen.getByText(/must match this installation's naming pattern/),
    ).toBeInTheDocument();
    type(/Topic name/, 'orders.v1_raw');
    expect(screen.getByText(/mixes '.' and '_'/)).toBeInTheDocument();
    type(/Topic name/, 'orders');
    expect(screen.getByText('Full name: team-a.orders')).toBeInTheDocument();
  });

  it('checks partitions and retention against the limits', async () => {
    await renderDialog();
    type('Partitions', '49');
    expect(
      screen.getByText('Partitions must be a whole number from 1 to 48.'),
    ).toBeInTheDocument();
    type('Retention', '31');
    fireEvent.change(screen.getByLabelText('Retention unit'), {
      target: { value: 'days' },
    });
    expect(
      screen.getByText(
        'Retention must be between 1 hour and 30 days in this environment.',
      ),
    ).toBeInTheDocument();
    type(/Topic name/, 'orders');
    fireEvent.click(screen.getByRole('button', { name: 'Create topic' }));
    expect(screen.getByRole('button', { name: 'Create topic' })).toBeDisabled();
  });

  it('sends the full name and settings and reports the created topic', async () => {
    const createTopic = jest.fn(async () => topicDetail('team-a.orders'));
    const { onCreated } = await renderDialog(fakeApi({ createTopic }));
    type(/Topic name/, 'orders');
    type('Partitions', '6');
    type('Retention', '2');
    fireEvent.change(screen.getByLabelText('Retention unit'), {
      target: { value: 'days' },
    });
    fireEvent.change(screen.getByLabelText('Cleanup policy'), {
      target: { value: 'compact' },
    });
    type('Description', 'Orders placed in the shop');
    fireEvent.click(screen.getByRole('button', { name: 'Create topic' }));
    await waitFor(() => expect(onCreated).toHaveBeenCalled());
    expect(createTopic).toHaveBeenCalledWith('dev-local', {
      name: 'team-a.orders',
      partitions: 6,
      replicationFactor: 3,
      retentionMs: 2 * 86_400_000,
      cleanupPolicy: 'compact',
      description: 'Orders placed in the shop',
    });
    expect(onCreated.mock.calls[0][0].name).toBe('team-a.orders');
  });

  it("shows the backend's message when the topic is refused", async () => {
    const createTopic = jest.fn(() =>
      responseError(
        409,
        "Topic 'team-a.orders' already exists",
        'ConflictError',
      ).then(e => Promise.reject(e)),
    );
    const { onCreated } = await renderDialog(fakeApi({ createTopic }));
    type(/Topic name/, 'orders');
    fireEvent.click(screen.getByRole('button', { name: 'Create topic' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      "The topic was not created: Topic 'team-a.orders' already exists",
    );
    expect(onCreated).not.toHaveBeenCalled();
  });

  it('explains and disables creation without an owned namespace', async () => {
    await renderDialog(fakeApi(), {
      namespaces: [
        { prefix: 'team-b.', owner: 'group:default/team-b', owned: false },
      ],
    });
    expect(screen.getByRole('alert')).toHaveTextContent(
      /You do not own a topic namespace/,
    );
    expect(screen.queryByLabelText(/Topic name/)).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Create topic' })).toBeDisabled();
  });
});
