import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type {
  ApprovalRequest,
  CdcPipeline,
  CdcPipelineLive,
} from '@eventport/plugin-event-streaming-common';
import {
  approvalRequest,
  fakeApi,
  responseError,
} from '../../__testUtils__/fakeApi';
import { renderPageAt } from '../../__testUtils__/render';

const pipeline: CdcPipeline = {
  id: 'p-1',
  name: 'shop-db-cdc',
  cluster: 'dev-local',
  sourceEntityRef: 'resource:default/shop-db',
  sourceId: 'shop',
  sourceType: 'postgres',
  topicPrefix: 'team-a.cdc.shop-db',
  owner: 'group:default/team-a',
  requestedBy: 'user:default/guest',
  reason: 'Loyalty analytics',
  selection: [
    { schema: 'shop', table: 'customers', columns: { email: 'exclude' } },
  ],
  artefacts: {
    connectorName: 'team-a.shop-db-cdc',
    connectorClass: 'io.debezium.connector.postgresql.PostgresConnector',
    connectorConfig: {
      'database.password': '${env:EVENTPORT_CONNECT_PG_PASSWORD}',
    },
    tables: [
      {
        schema: 'shop',
        table: 'customers',
        topic: 'team-a.cdc.shop-db.shop.customers',
        valueArtifact: 'team-a.cdc.shop-db.shop.customers-value',
        keyArtifact: 'team-a.cdc.shop-db.shop.customers-key',
        columns: [
          { name: 'id', dataType: 'integer', handling: 'capture', pii: false },
          {
            name: 'email',
            dataType: 'text',
            handling: 'exclude',
            pii: true,
            piiReason: 'email address',
          },
        ],
      },
    ],
    manifests: [
      {
        path: 'kafkaconnector.yaml',
        kind: 'KafkaConnector',
        content: 'kind: KafkaConnector\n',
      },
    ],
    deployMode: 'gitops',
  },
  preflight: [
    {
      id: 'wal-level',
      title: 'wal_level is logical',
      passed: true,
      detail: 'wal_level is logical',
    },
  ],
  approvalId: 'a1b2c3d4-0000',
  status: 'committed',
  deployment: {
    mode: 'gitops',
    branch: 'eventport/cdc-shop-db-cdc',
    commit: '0123456789abcdef0123',
  },
  error: null,
  createdAt: '2026-12-03T10:00:00.000Z',
  updatedAt: '2026-12-03T10:05:00.000Z',
};

const running: CdcPipelineLive = {
  connector: {
    name: 'team-a.shop-db-cdc',
    state: 'RUNNING',
    tasks: [{ id: 0, state: 'RUNNING' }],
  },
  topics: [
    {
      topic: 'team-a.cdc.shop-db.shop.customers',
      exists: true,
      endOffset: 4,
      messagesPerSecond: 0.5,
      consumers: [
        { groupId: 'loyalty', lag: 2, maxTimeLagMs: 1000, status: 'LAGGING' },
      ],
    },
  ],
  slot: { name: 'eventport_shop_db_cdc', active: true, lagBytes: 2048 },
  problems: [],
};

const render = (getCdcPipelineStatus: () => Promise<any>) =>
  renderPageAt(
    '/event-streaming/cdc/pipelines/p-1',
    fakeApi({ getCdcPipelineStatus }),
  );

describe('CdcPipelinePage', () => {
  it('shows the deployment, the running connector, the change topics with their readers and the slot lag', async () => {
    await render(async () => ({ pipeline, live: running }));
    // The pipeline's name is the title; the breadcrumb leads to the list.
    expect(
      await screen.findByRole('heading', { name: 'shop-db-cdc' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'CDC pipelines' })).toHaveAttribute(
      'href',
      '/event-streaming/cdc',
    );
    expect(screen.getByText('Committed to GitOps')).toBeInTheDocument();
    expect(screen.getByText('eventport/cdc-shop-db-cdc')).toBeInTheDocument();
    expect(
      within(screen.getByRole('list', { name: 'Tasks' })).getByText('Running'),
    ).toBeInTheDocument();
    const topics = screen.getByRole('table', { name: 'Change topics' });
    const row = within(topics)
      .getAllByRole('row')
      .find(r => r.textContent?.includes('team-a.cdc.shop-db.shop.customers'))!;
    expect(within(row).getByText('4')).toBeInTheDocument();
    expect(within(row).getByText('0.50')).toBeInTheDocument();
    expect(
      within(row).getByRole('link', { name: 'loyalty' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/active, lag\s+2\.0 KiB of WAL not yet confirmed/),
    ).toBeInTheDocument();
    const columns = screen.getByRole('table', {
      name: 'Columns of shop.customers',
    });
    expect(within(columns).getByText('Excluded')).toBeInTheDocument();
  });

  it('warns when the source keeps more WAL for an unread slot than the configured size', async () => {
    const GiB = 1024 ** 3;
    const slot = {
      ...running.slot!,
      active: false,
      retainedBytes: 2.5 * GiB,
      retainedWarningBytes: GiB,
    };
    await render(async () => ({ pipeline, live: { ...running, slot } }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Warning: the source database keeps 2.5 GiB of WAL for this pipeline, over the warning size of 1.0 GiB. Nothing reads the slot: resume the connector, or decommission the pipeline, before the database disk fills.',
    );
  });

  it('shows no WAL warning under the configured size', async () => {
    await render(async () => ({
      pipeline,
      live: {
        ...running,
        slot: {
          ...running.slot!,
          retainedBytes: 1024,
          retainedWarningBytes: 1024 ** 3,
        },
      },
    }));
    expect(
      await screen.findByText(/the database keeps 1\.0 KiB of WAL for it/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('says why nothing runs while the review is pending, and names parts it could not read', async () => {
    await render(async () => ({
      pipeline: { ...pipeline, status: 'review', deployment: null },
      live: {
        connector: null,
        topics: [],
        slot: null,
        problems: ['Kafka Connect: connection refused'],
      },
    }));
    expect(
      await screen.findByText('Not running: the security review comes first.'),
    ).toBeInTheDocument();
    expect(screen.getByText('In security review')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Not readable: Kafka Connect: connection refused',
    );
  });

  it('lets the owner ask to decommission a direct pipeline, after typing its name and a reason, and shows the request', async () => {
    const asked: ApprovalRequest[] = [];
    const requestCdcDecommission = jest.fn(
      async (_id: string, _body: unknown) => {
        const request = {
          ...approvalRequest('d3c0mm15-0000'),
          kind: 'cdc.decommission',
          payload: {
            pipelineId: 'p-1',
            name: 'shop-db-cdc',
            cluster: 'dev-local',
            sourceEntityRef: 'resource:default/shop-db',
            sourceId: 'shop',
            sourceType: 'postgres',
            owner: 'group:default/team-a',
            connectorName: 'team-a.shop-db-cdc',
            slotName: 'eventport_shop_db_cdc',
            publicationName: 'eventport_shop_db_cdc',
            topics: [],
            artifacts: [],
            deleteTopics: false,
            deleteSchemas: false,
          },
        } as ApprovalRequest;
        asked.push(request);
        return request;
      },
    );
    await renderPageAt(
      '/event-streaming/cdc/pipelines/p-1',
      fakeApi({
        getCdcPipelineStatus: async () => ({
          pipeline: {
            ...pipeline,
            status: 'deployed',
            deployment: { mode: 'direct' },
          },
          live: {
            ...running,
            slot: { ...running.slot!, retainedBytes: 3 * 1024 * 1024 },
          },
        }),
        requestCdcDecommission,
        listApprovals: async options => ({
          items: options?.subject === 'cdc-pipeline:p-1' ? asked : [],
          totalCount: asked.length,
          canDecide: false,
        }),
      }),
    );
    expect(
      await screen.findByText(/the database keeps 3\.0 MiB of WAL for it/),
    ).toBeInTheDocument();
    // A deployed pipeline can be changed, in the wizard pre-filled with it.
    expect(
      screen.getByRole('button', { name: 'Change tables and columns…' }),
    ).toHaveAttribute('href', '/event-streaming/cdc/pipelines/p-1/change');
    fireEvent.click(screen.getByRole('button', { name: 'Decommission…' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'Decommission pipeline shop-db-cdc?',
    });
    const confirm = within(dialog).getByRole('button', {
      name: 'Request decommission',
    });
    expect(confirm).toBeDisabled();
    // Schemas go only with their topics.
    const schemas = within(dialog).getByRole('checkbox', {
      name: /Also delete their schemas/,
    });
    expect(schemas).toBeDisabled();
    fireEvent.click(
      within(dialog).getByRole('checkbox', {
        name: 'Also delete the 1 change topic and their messages',
      }),
    );
    expect(schemas).toBeEnabled();
    fireEvent.change(
      within(dialog).getByLabelText('Type the pipeline name to confirm'),
      { target: { value: 'shop-db-cdc' } },
    );
    expect(confirm).toBeDisabled();
    fireEvent.change(within(dialog).getByLabelText(/Reason/), {
      target: { value: 'Replaced by the loyalty service' },
    });
    fireEvent.click(confirm);
    await waitFor(() =>
      expect(requestCdcDecommission).toHaveBeenCalledWith('p-1', {
        reason: 'Replaced by the loyalty service',
        deleteTopics: true,
        deleteSchemas: false,
      }),
    );
    // The open request, read back from the server, replaces the actions.
    const banner = await screen.findByRole('region', {
      name: 'Open requests on this resource',
    });
    expect(banner).toHaveTextContent(
      /Decommission CDC pipeline requested by .*guest.*: waiting for the approvers/,
    );
    expect(
      within(banner).getByRole('link', {
        name: 'Request d3c0mm15 in Approvals',
      }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Decommission…' })).toBeNull();
    expect(
      screen.queryByRole('button', { name: 'Change tables and columns…' }),
    ).toBeNull();
  });

  it('lets the owner pause a deployed pipeline after saying what the source keeps, then offers to resume it', async () => {
    const deployed = {
      ...pipeline,
      status: 'deployed' as const,
      deployment: { mode: 'direct' as const },
    };
    let state = 'RUNNING';
    const operateCdcPipeline = jest.fn(
      async (_id: string, action: 'pause' | 'resume') => {
        state = action === 'pause' ? 'STOPPED' : 'RUNNING';
        return {
          pipelineId: 'p-1',
          action,
          mode: 'direct' as const,
          connectorState: state,
          message: `Connector team-a.shop-db-cdc is ${state}.`,
        };
      },
    );
    await renderPageAt(
      '/event-streaming/cdc/pipelines/p-1',
      fakeApi({
        getCdcPipelineStatus: async () => ({
          pipeline: deployed,
          live: {
            ...running,
            connector: { ...running.connector!, state },
            slot: {
              ...running.slot!,
              active: state === 'RUNNING',
              retainedBytes: 5 * 1024 * 1024,
              retainedWarningBytes: 1024 ** 3,
            },
          },
        }),
        operateCdcPipeline,
      }),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Pause…' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'Pause pipeline shop-db-cdc?',
    });
    expect(dialog).toHaveTextContent(
      'While it is paused, replication slot eventport_shop_db_cdc is inactive and the source database keeps every WAL segment from its position on (5.0 MiB now), until its disk fills. Your team and the platform team are warned past 1.0 GiB.',
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Pause' }));
    await waitFor(() =>
      expect(operateCdcPipeline).toHaveBeenCalledWith('p-1', 'pause'),
    );
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Connector team-a.shop-db-cdc is STOPPED.',
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Resume…' }));
    const resume = await screen.findByRole('dialog', {
      name: 'Resume pipeline shop-db-cdc?',
    });
    fireEvent.click(within(resume).getByRole('button', { name: 'Resume' }));
    await waitFor(() =>
      expect(operateCdcPipeline).toHaveBeenCalledWith('p-1', 'resume'),
    );
    expect(
      await screen.findByRole('button', { name: 'Pause…' }),
    ).toBeInTheDocument();
  });

  it("shows the backend's refusal to pause in the dialog", async () => {
    await renderPageAt(
      '/event-streaming/cdc/pipelines/p-1',
      fakeApi({
        getCdcPipelineStatus: async () => ({
          pipeline: { ...pipeline, status: 'deployed' },
          live: running,
        }),
        operateCdcPipeline: async () => {
          throw new Error(
            "Pipeline 'shop-db-cdc' is owned by group:default/team-a: only its members may pause it",
          );
        },
      }),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Pause…' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'Pause pipeline shop-db-cdc?',
    });
    expect(dialog).toHaveTextContent('commits spec.state: stopped');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Pause' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'only its members may pause it',
    );
  });

  it('offers a GitOps pipeline a decommission by commit, and shows one waiting for the operator', async () => {
    const deployed = {
      ...pipeline,
      status: 'deployed' as const,
      deployment: {
        mode: 'gitops' as const,
        branch: 'eventport/cdc-shop-db-cdc',
        commit: 'abcdef0123456789',
      },
    };
    const { unmount } = await render(async () => ({
      pipeline: deployed,
      live: running,
    }));
    fireEvent.click(
      await screen.findByRole('button', { name: 'Decommission…' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Decommission pipeline shop-db-cdc?',
    });
    expect(dialog).toHaveTextContent(
      'Decommissioning commits the removal of the pipeline',
    );
    unmount();

    await render(async () => ({
      pipeline: {
        ...deployed,
        status: 'decommissioning',
        error:
          'Waiting for the operator to delete connector team-a.shop-db-cdc: merge branch eventport/cdc-shop-db-cdc.decommission-p1.',
        deployment: {
          ...deployed.deployment,
          removal: {
            branch: 'eventport/cdc-shop-db-cdc.decommission-p1',
            commit: '0123456789abcdef',
            deleteTopics: false,
            deleteSchemas: false,
          },
        },
      },
      live: running,
    }));
    expect(
      await screen.findByText(/Removal committed on branch/),
    ).toHaveTextContent(
      'Removal committed on branch eventport/cdc-shop-db-cdc.decommission-p1 at 0123456789ab.',
    );
    expect(screen.getByText('Decommissioning')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Decommission…' }),
    ).not.toBeInTheDocument();
  });

  it('marks a deployed pipeline whose connector fails, with the cause', async () => {
    await render(async () => ({
      pipeline: {
        ...pipeline,
        status: 'deployed',
        error:
          "Kafka Connect reports task 0 of team-a.shop-db-cdc FAILED: org.apache.kafka.connect.errors.ConnectException: boom. Fix the cause, then restart it from the connector's page.",
      },
      live: running,
    }));
    expect(
      await screen.findByText('Deployed, connector failing'),
    ).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Kafka Connect reports task 0 of team-a.shop-db-cdc FAILED: org.apache.kafka.connect.errors.ConnectException: boom.',
    );
  });

  it('says what was removed from a decommissioned pipeline, and offers no decommission', async () => {
    await render(async () => ({
      pipeline: {
        ...pipeline,
        status: 'decommissioned',
        deployment: {
          mode: 'direct',
          removed: [
            'connector team-a.shop-db-cdc',
            'replication slot eventport_shop_db_cdc',
          ],
        },
      },
      live: { connector: null, topics: [], slot: null, problems: [] },
    }));
    expect(
      await screen.findByText(
        'Removed: connector team-a.shop-db-cdc, replication slot eventport_shop_db_cdc.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Decommissioned')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Decommission…' }),
    ).not.toBeInTheDocument();
  });

  it("shows the backend's error for an unknown pipeline", async () => {
    await render(async () => {
      throw await responseError(404, 'No CDC pipeline p-1', 'NotFoundError');
    });
    expect(await screen.findByText('No CDC pipeline p-1')).toBeInTheDocument();
  });
});
