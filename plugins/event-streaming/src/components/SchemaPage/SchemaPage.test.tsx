import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { ApprovalRequest } from '@eventport/plugin-event-streaming-common';
import type { EventStreamingApi } from '../../api';
import {
  approvalRequest,
  fakeApi,
  ORDER_V1,
  ORDER_V2,
  schemaDetail,
} from '../../__testUtils__/fakeApi';
import { renderPageAt } from '../../__testUtils__/render';

const path =
  '/event-streaming/clusters/dev-local/schemas/default/team-a.orders-value';

const report = (compatible: boolean) => ({
  format: 'AVRO' as const,
  mode: 'BACKWARD' as const,
  compatible,
  summary: compatible
    ? 'Compatible with version 2 under BACKWARD.'
    : 'Not compatible with version 2 under BACKWARD: 1 breaking change.',
  differences: compatible
    ? []
    : [
        {
          path: 'Order.amount',
          change: 'field added without a default',
          breaksBackward: true,
          breaksForward: false,
          against: 2,
          breaking: true,
        },
      ],
});

/** Requests a test made, which the server then lists as open on the artifact. */
let made: ApprovalRequest[] = [];
function remember<T extends ApprovalRequest>(request: T): T {
  made.push(request);
  return request;
}
beforeEach(() => {
  made = [];
});

function renderSchema(overrides: Partial<EventStreamingApi> = {}) {
  return renderPageAt(
    path,
    fakeApi({
      listApprovals: async options => ({
        items:
          options?.subject === 'schema:dev-local/default/team-a.orders-value'
            ? made
            : [],
        totalCount: made.length,
        canDecide: false,
      }),
      getSchema: async () => schemaDetail('team-a.orders-value'),
      getSchemaContent: async (_c, _g, _a, version) => ({
        version,
        content: version === '1' ? ORDER_V1 : ORDER_V2,
      }),
      diffSchemaVersions: async (_c, _g, _a, from, to) => ({
        from,
        to,
        differences: [
          {
            path: 'Order.note',
            change: 'field added with a default',
            breaksBackward: false,
            breaksForward: false,
          },
        ],
        backwardCompatible: true,
        forwardCompatible: true,
      }),
      ...overrides,
    }),
  );
}

describe('SchemaPage', () => {
  it('shows the owner, the rule, the history, the latest content and a diff', async () => {
    await renderSchema();
    expect(
      await screen.findByRole('heading', { name: 'team-a.orders-value' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'team-a' })).toHaveAttribute(
      'href',
      '/catalog/default/group/team-a',
    );
    expect(
      screen.getByText('BACKWARD (set on the artifact)'),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'team-a.orders' })).toHaveAttribute(
      'href',
      '/event-streaming/clusters/dev-local/topics/team-a.orders',
    );
    expect(screen.getByText('2 (latest)')).toBeInTheDocument();
    expect(
      await screen.findByText(
        'Version 2 against version 1: fully compatible (backward and forward).',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Order.note')).toBeInTheDocument();
    const diff = screen.getByRole('region', { name: 'Side-by-side diff' });
    expect(within(diff).getAllByText('added').length).toBeGreaterThan(0);
  });

  it('checks a version live, shows the refusal with its explanation, and requests an override', async () => {
    const overrides: unknown[] = [];
    await renderSchema({
      validateSchema: async () => ({
        report: report(false),
        ruleSource: 'artifact',
        envelopeProblems: [],
      }),
      registerSchema: async () => ({
        registered: false,
        error: {
          name: 'ConflictError',
          message:
            'The registry refused the new version of default/team-a.orders-value under its COMPATIBILITY rule (BACKWARD): Order.amount: field added without a default',
        },
        report: report(false),
        registryViolations: [
          { description: 'Incompatible', context: '/fields' },
        ],
      }),
      requestSchemaOverride: async (_c, _g, _a, body) => {
        overrides.push(body);
        return remember(approvalRequest('req-7'));
      },
    });
    fireEvent.click(
      await screen.findByRole('button', { name: 'Register version' }),
    );
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(/^Schema/), {
      target: { value: '{"type":"record"}' },
    });
    expect(
      await within(dialog).findByText(
        'Not compatible under BACKWARD (the artifact rule)',
      ),
    ).toBeInTheDocument();
    expect(within(dialog).getByText('Order.amount')).toBeInTheDocument();
    expect(
      within(dialog).getByText(
        /field added without a default \(against version 2\)/,
      ),
    ).toBeInTheDocument();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Register' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      /registry refused the new version/,
    );
    expect(
      within(dialog).getByText('Incompatible (/fields)'),
    ).toBeInTheDocument();
    const request = within(dialog).getByRole('button', {
      name: 'Request override',
    });
    expect(request).toBeDisabled();
    fireEvent.change(within(dialog).getByLabelText('Reason for the override'), {
      target: { value: 'Only the new consumer reads this topic' },
    });
    fireEvent.click(request);
    expect(
      await within(dialog).findByText(/Your override request .* is pending/),
    ).toBeInTheDocument();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(
      await screen.findByRole('link', { name: 'Request req-7 in Approvals' }),
    ).toBeInTheDocument();
    expect(overrides).toEqual([
      {
        content: '{"type":"record"}',
        reason: 'Only the new consumer reads this topic',
      },
    ]);
  });

  it('applies a stricter rule at once and asks for a reason to weaken it', async () => {
    const changes: unknown[] = [];
    await renderSchema({
      changeSchemaRule: async (_c, _g, _a, body) => {
        changes.push(body);
        if (body.mode === 'FULL') {
          return {
            applied: true,
            rule: { mode: 'FULL', source: 'artifact' },
            previous: 'BACKWARD',
          };
        }
        return {
          applied: false,
          request: remember(approvalRequest('req-9')),
        };
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Change rule' }));
    let dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('New rule'), {
      target: { value: 'FULL' },
    });
    expect(
      within(dialog).getByText(/FULL is at least as strict as BACKWARD/),
    ).toBeInTheDocument();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Apply rule' }));
    expect(
      await screen.findByText('The rule is now FULL (was BACKWARD).'),
    ).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Change rule' }));
    dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('New rule'), {
      target: { value: 'NONE' },
    });
    const confirm = within(dialog).getByRole('button', {
      name: 'Request approval',
    });
    expect(confirm).toBeDisabled();
    fireEvent.change(within(dialog).getByLabelText(/^Reason/), {
      target: { value: 'Migrating to a new record layout' },
    });
    fireEvent.click(confirm);
    expect(
      await screen.findByRole('link', { name: 'Request req-9 in Approvals' }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(changes).toEqual([
        { mode: 'FULL', reason: undefined },
        { mode: 'NONE', reason: 'Migrating to a new record layout' },
      ]),
    );
  });

  it('tells other teams who may register, and disables the actions', async () => {
    await renderSchema({
      getSchema: async () =>
        schemaDetail('team-a.orders-value', { canRegister: false }),
    });
    expect(
      await screen.findByText(
        "Only members of group:default/team-a register versions, change the rule and the versions' states.",
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Register version' }),
    ).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Change rule' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Deprecate…' })).toBeDisabled();
    expect(
      screen.queryByRole('button', { name: /Disable version/ }),
    ).not.toBeInTheDocument();
  });

  it('lets the owners deprecate every version, and shows the states in the history', async () => {
    let versions = schemaDetail('team-a.orders-value').versions;
    const setSchemaState = jest.fn(
      async (
        _c: string,
        _g: string,
        _a: string,
        _v: string | undefined,
        state: string,
      ) => {
        versions = versions.map(v => ({ ...v, state }));
        return { changed: ['1', '2'], versions };
      },
    );
    await renderSchema({
      getSchema: async () => schemaDetail('team-a.orders-value', { versions }),
      setSchemaState,
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Deprecate…' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'Deprecate every version of team-a.orders-value?',
    });
    expect(dialog).toHaveTextContent(
      'keeps it served, and tells the serializers and deserializers',
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Deprecate' }));
    await waitFor(() =>
      expect(setSchemaState).toHaveBeenCalledWith(
        'dev-local',
        'default',
        'team-a.orders-value',
        undefined,
        'DEPRECATED',
      ),
    );
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Versions 1, 2 are now deprecated.',
    );
    expect(
      await screen.findByText('2 (latest, deprecated)'),
    ).toBeInTheDocument();
    expect(screen.getByText('1 (deprecated)')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Enable every version…' }),
    ).toBeEnabled();
  });

  it('lets the owners disable the shown version after saying what readers lose', async () => {
    const setSchemaState = jest.fn(async () => ({
      changed: ['2'],
      versions: schemaDetail('team-a.orders-value').versions,
    }));
    await renderSchema({ setSchemaState });
    expect(await screen.findByText('State: enabled')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Disable version 2…' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'Disable version 2 of team-a.orders-value?',
    });
    expect(dialog).toHaveTextContent(
      'consumers can no longer read records written with it until it is enabled again',
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Disable' }));
    await waitFor(() =>
      expect(setSchemaState).toHaveBeenCalledWith(
        'dev-local',
        'default',
        'team-a.orders-value',
        '2',
        'DISABLED',
      ),
    );
  });

  it('lets the owners ask to delete the artifact, after typing its id and a reason', async () => {
    const requestSchemaDeletion = jest.fn(async () =>
      remember(approvalRequest('de1e7e00-0000')),
    );
    await renderSchema({ requestSchemaDeletion });
    fireEvent.click(await screen.findByRole('button', { name: 'Delete…' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'Delete schema team-a.orders-value?',
    });
    expect(dialog).toHaveTextContent(
      'It is refused while topic team-a.orders exists',
    );
    const confirm = within(dialog).getByRole('button', {
      name: 'Request deletion',
    });
    fireEvent.change(
      within(dialog).getByLabelText('Type the artifact name to confirm'),
      { target: { value: 'team-a.orders-value' } },
    );
    expect(confirm).toBeDisabled();
    fireEvent.change(within(dialog).getByLabelText(/Reason/), {
      target: { value: 'The orders service is gone' },
    });
    fireEvent.click(confirm);
    await waitFor(() =>
      expect(requestSchemaDeletion).toHaveBeenCalledWith(
        'dev-local',
        'default',
        'team-a.orders-value',
        {
          confirm: 'team-a.orders-value',
          reason: 'The orders service is gone',
        },
      ),
    );
    expect(
      await screen.findByRole('link', {
        name: 'Request de1e7e00 in Approvals',
      }),
    ).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent(
      /waiting for the approvers/,
    );
  });
});
