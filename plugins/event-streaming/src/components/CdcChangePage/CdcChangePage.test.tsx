import { fireEvent, screen, within } from '@testing-library/react';
import type {
  ApprovalRequest,
  CdcChangePreview,
  CdcIntrospection,
  CdcPipeline,
} from '@eventport/plugin-event-streaming-common';
import {
  approvalRequest,
  fakeApi,
  responseError,
} from '../../__testUtils__/fakeApi';
import { renderPageAt } from '../../__testUtils__/render';

const column = (name: string, dataType: string, extra: object = {}) => ({
  name,
  dataType,
  nullable: true,
  primaryKey: false,
  pii: false,
  ...extra,
});

const introspection: CdcIntrospection = {
  sourceId: 'shop',
  type: 'postgres',
  serverVersion: '15.20',
  schemas: [
    {
      name: 'shop',
      tables: [
        {
          name: 'customers',
          primaryKey: ['id'],
          columns: [
            column('id', 'integer', { primaryKey: true, nullable: false }),
            column('email', 'character varying(255)', {
              pii: true,
              piiReason: 'email address',
            }),
          ],
        },
        {
          name: 'orders',
          primaryKey: ['id'],
          columns: [column('id', 'integer', { primaryKey: true })],
        },
      ],
    },
  ],
};

const table = (name: string, handling: 'capture' | 'exclude' = 'capture') => ({
  schema: 'shop',
  table: name,
  topic: `team-a.cdc.shop.shop.${name}`,
  valueArtifact: `team-a.cdc.shop.shop.${name}-value`,
  keyArtifact: `team-a.cdc.shop.shop.${name}-key`,
  columns: [
    {
      name: 'id',
      dataType: 'integer',
      handling: 'capture' as const,
      pii: false,
    },
    ...(name === 'customers'
      ? [
          {
            name: 'email',
            dataType: 'character varying(255)',
            handling,
            pii: true,
          },
        ]
      : []),
  ],
});

const pipeline: CdcPipeline = {
  id: 'p-1',
  name: 'shop-cdc',
  cluster: 'dev-local',
  sourceEntityRef: 'resource:default/shop-db',
  sourceId: 'shop',
  sourceType: 'postgres',
  topicPrefix: 'team-a.cdc.shop',
  owner: 'group:default/team-a',
  requestedBy: 'user:default/guest',
  reason: 'Loyalty analytics',
  selection: [
    { schema: 'shop', table: 'customers', columns: { email: 'exclude' } },
  ],
  artefacts: {
    connectorName: 'team-a.shop-cdc',
    connectorClass: 'io.debezium.connector.postgresql.PostgresConnector',
    connectorConfig: { 'table.include.list': 'shop\\.customers' },
    tables: [table('customers', 'exclude')],
    manifests: [],
    deployMode: 'direct',
  },
  preflight: [],
  approvalId: 'a-1',
  status: 'deployed',
  deployment: { mode: 'direct' },
  error: null,
  createdAt: '2026-12-03T10:00:00.000Z',
  updatedAt: '2026-12-03T10:05:00.000Z',
};

const change: CdcChangePreview = {
  artefacts: {
    ...pipeline.artefacts,
    connectorConfig: {
      'table.include.list': 'shop\\.customers,shop\\.orders',
    },
    tables: [table('customers', 'exclude'), table('orders')],
    manifests: [
      {
        path: 'topics/team-a.cdc.shop.shop.orders.yaml',
        kind: 'KafkaTopic',
        content: 'kind: KafkaTopic\nmetadata:\n  name: orders\n',
      },
    ],
  },
  preflight: [
    {
      id: 'select',
      title: 'The source user may read the tables',
      passed: true,
      detail: 'SELECT on shop.orders',
    },
  ],
  diff: {
    addedTables: ['shop.orders'],
    removedTables: [],
    columns: [],
    config: [
      {
        key: 'table.include.list',
        before: 'shop\\.customers',
        after: 'shop\\.customers,shop\\.orders',
      },
    ],
    manifests: [
      {
        path: 'topics/team-a.cdc.shop.shop.orders.yaml',
        after: 'kind: KafkaTopic\nmetadata:\n  name: orders\n',
      },
    ],
  },
  notes: [
    'shop.orders: captured from the change on. Debezium does not send the rows it holds already.',
  ],
};

const changeRequest = {
  ...approvalRequest('c0ffee00-1111'),
  kind: 'cdc.change',
  payload: {
    pipelineId: 'p-1',
    name: 'shop-cdc',
    cluster: 'dev-local',
    sourceEntityRef: 'resource:default/shop-db',
    sourceId: 'shop',
    sourceType: 'postgres',
    owner: 'group:default/team-a',
    baseDigest: 'ab'.repeat(32),
    selection: [],
    artefacts: change.artefacts,
    preflight: change.preflight,
    diff: change.diff,
  },
} as ApprovalRequest;

describe('CdcChangePage', () => {
  it("starts from the pipeline's selection, shows the diff and asks the security reviewers once a reason is given", async () => {
    const previewCdcChange = jest.fn(async () => change);
    const requestCdcChange = jest.fn(async () => changeRequest);
    await renderPageAt(
      '/event-streaming/cdc/pipelines/p-1/change',
      fakeApi({
        getCdcPipeline: async () => pipeline,
        introspectCdcSource: async () => introspection,
        previewCdcChange,
        requestCdcChange,
      }),
    );
    expect(
      await screen.findByRole('heading', {
        name: 'Change CDC pipeline shop-cdc',
      }),
    ).toBeInTheDocument();
    const customers = await screen.findByRole('checkbox', {
      name: /^shop\.customers/,
    });
    expect(customers).toBeChecked();
    // The stored handling is pre-filled: email is left out.
    expect(screen.getByRole('checkbox', { name: /email/ })).not.toBeChecked();
    fireEvent.click(screen.getByRole('checkbox', { name: /^shop\.orders/ }));
    fireEvent.click(
      screen.getByRole('button', {
        name: 'Next: review the change (2 tables)',
      }),
    );
    expect(
      await screen.findByText('shop.orders', { selector: 'strong' }),
    ).toBeInTheDocument();
    expect(previewCdcChange).toHaveBeenCalledWith('p-1', {
      tables: [
        { schema: 'shop', table: 'customers', columns: { email: 'exclude' } },
        { schema: 'shop', table: 'orders', columns: {} },
      ],
    });
    const config = screen.getByRole('table', {
      name: 'Connector config changes',
    });
    expect(within(config).getByText('table.include.list')).toBeInTheDocument();
    expect(
      screen.getByText(/captured from the change on\. Debezium does not send/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('topics/team-a.cdc.shop.shop.orders.yaml (new)'),
    ).toBeInTheDocument();
    const ask = screen.getByRole('button', { name: 'Ask for security review' });
    expect(ask).toBeDisabled();
    expect(
      screen.getByText('Say why the change is needed to ask for it.'),
    ).toBeInTheDocument();
    fireEvent.change(
      screen.getByRole('textbox', { name: /Why is the change needed/ }),
      { target: { value: 'Order analytics' } },
    );
    fireEvent.click(ask);
    expect(await screen.findByText(/Change requested:/)).toBeInTheDocument();
    expect(screen.getByText('request c0ffee00')).toBeInTheDocument();
    expect(requestCdcChange).toHaveBeenCalledWith('p-1', {
      tables: [
        { schema: 'shop', table: 'customers', columns: { email: 'exclude' } },
        { schema: 'shop', table: 'orders', columns: {} },
      ],
      reason: 'Order analytics',
    });
  });

  it("shows the backend's refusal and keeps the selection", async () => {
    await renderPageAt(
      '/event-streaming/cdc/pipelines/p-1/change',
      fakeApi({
        getCdcPipeline: async () => pipeline,
        introspectCdcSource: async () => introspection,
        previewCdcChange: async () => {
          throw await responseError(
            400,
            "This selection is what pipeline 'shop-cdc' captures already: nothing would change",
          );
        },
      }),
    );
    fireEvent.click(
      await screen.findByRole('button', {
        name: 'Next: review the change (1 table)',
      }),
    );
    expect(
      await screen.findByText(
        /This selection is what pipeline 'shop-cdc' captures already: nothing would change/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('checkbox', { name: /^shop\.customers/ }),
    ).toBeChecked();
  });

  it('says why a pipeline that is not deployed cannot be changed', async () => {
    await renderPageAt(
      '/event-streaming/cdc/pipelines/p-1/change',
      fakeApi({
        getCdcPipeline: async () => ({ ...pipeline, status: 'committed' }),
      }),
    );
    expect(
      await screen.findByText(
        'Pipeline shop-cdc is committed: only a deployed pipeline can be changed.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Back to the pipeline' }),
    ).toBeInTheDocument();
  });
});

describe('a cdc.change request in the Approvals tab', () => {
  it('shows the security reviewers what the change does and the tables after it', async () => {
    await renderPageAt(
      '/event-streaming/approvals',
      fakeApi({
        listApprovals: async options => ({
          items: options?.mine || options?.team ? [] : [changeRequest],
          totalCount: options?.mine || options?.team ? 0 : 1,
          canDecide: true,
        }),
      }),
      { userEntityRef: 'user:default/sue' },
    );
    const toggle = await screen.findByRole('button', {
      name: 'Show the change of shop-cdc',
    });
    expect(screen.getByText('Change CDC pipeline')).toBeInTheDocument();
    fireEvent.click(toggle);
    const details = screen.getByRole('region', {
      name: 'Change of pipeline shop-cdc',
    });
    expect(
      within(details).getByText('shop.orders', { selector: 'strong' }),
    ).toBeInTheDocument();
    expect(
      within(details).getByRole('table', { name: 'Connector config changes' }),
    ).toBeInTheDocument();
    expect(
      within(details).getByText('Tables and columns after the change'),
    ).toBeInTheDocument();
    expect(
      within(details).getByRole('region', { name: 'Side-by-side diff' }),
    ).toBeInTheDocument();
  });
});
