import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type {
  CdcIntrospection,
  CdcPipeline,
  CdcPipelinePreview,
} from '@eventport/plugin-event-streaming-common';
import {
  clusterList,
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
            column('phone', 'character varying(40)', {
              pii: true,
              piiReason: 'phone number',
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

const preview: CdcPipelinePreview = {
  sourceId: 'shop',
  sourceType: 'postgres',
  owner: 'group:default/team-a',
  preflight: [
    {
      id: 'wal-level',
      title: 'wal_level is logical',
      passed: true,
      detail: 'wal_level is logical',
    },
    {
      id: 'replication',
      title: 'The user may replicate',
      passed: false,
      detail: 'debezium has no REPLICATION attribute',
      fix: 'ALTER ROLE debezium REPLICATION;',
    },
  ],
  artefacts: {
    connectorName: 'team-a.shop-db-cdc',
    connectorClass: 'io.debezium.connector.postgresql.PostgresConnector',
    connectorConfig: {
      'column.exclude.list': 'shop\\.customers\\.email',
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
            dataType: 'character varying(255)',
            handling: 'exclude',
            pii: true,
            piiReason: 'email address',
          },
          {
            name: 'phone',
            dataType: 'character varying(40)',
            handling: 'hash',
            pii: true,
            piiReason: 'phone number',
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
};

function renderWizard(overrides = {}) {
  const api = fakeApi({
    listClusters: async () => clusterList,
    listCdcDatabases: async () => [
      {
        entityRef: 'resource:default/shop-db',
        title: 'Shop database',
        owner: 'group:default/team-a',
        sourceId: 'shop',
        usable: true,
        source: {
          id: 'shop',
          type: 'postgres',
          host: 'db',
          port: 5432,
          database: 'shop',
          user: 'debezium',
        },
      },
    ],
    introspectCdcSource: jest.fn(async () => introspection),
    previewCdcPipeline: jest.fn(async () => preview),
    submitCdcPipeline: jest.fn(async () => ({ id: 'p-1' } as CdcPipeline)),
    getCdcPipelineStatus: jest.fn(() => new Promise<never>(() => {})),
    ...overrides,
  });
  return renderPageAt('/event-streaming/cdc/new', api).then(() => api);
}

async function pickDatabase() {
  fireEvent.mouseDown(await screen.findByLabelText('Database'));
  fireEvent.click(await screen.findByRole('option', { name: /Shop database/ }));
}

describe('CdcWizard', () => {
  it('composes the pipeline from the chosen database, tables and columns, shows what was generated, and submits it with the reason', async () => {
    const api = await renderWizard();
    await pickDatabase();
    expect(
      screen.getByText('postgres at db:5432, database shop, as debezium'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Pipeline name')).toHaveValue('shop-db-cdc');
    expect(screen.getByLabelText('Topic prefix')).toHaveValue(
      'team-a.cdc.shop-db',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Next: tables' }));

    fireEvent.click(
      await screen.findByRole('checkbox', {
        name: /^shop\.customers \(3 columns, 2 flagged/,
      }),
    );
    const columns = screen.getByRole('table', {
      name: 'Columns of shop.customers',
    });
    expect(within(columns).getByText('PII: email address')).toBeInTheDocument();
    expect(
      within(columns).getByRole('checkbox', {
        name: 'Capture column id of shop.customers',
      }),
    ).toBeDisabled();
    fireEvent.click(
      within(columns).getByRole('checkbox', {
        name: 'Capture column email of shop.customers',
      }),
    );
    fireEvent.mouseDown(
      within(columns).getByLabelText(
        /^Protection of column phone of shop.customers/,
      ),
    );
    fireEvent.click(
      await screen.findByRole('option', { name: 'Hash (SHA-256)' }),
    );
    fireEvent.click(
      screen.getByRole('button', { name: 'Next: review 1 table' }),
    );

    expect(
      await screen.findByText(/1 of 2 required pre-flight checks fail/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('ALTER ROLE debezium REPLICATION;'),
    ).toBeInTheDocument();
    expect(api.previewCdcPipeline).toHaveBeenCalledWith({
      sourceEntityRef: 'resource:default/shop-db',
      cluster: 'dev-local',
      name: 'shop-db-cdc',
      topicPrefix: 'team-a.cdc.shop-db',
      tables: [
        {
          schema: 'shop',
          table: 'customers',
          columns: { email: 'exclude', phone: 'hash' },
        },
      ],
    });
    const submit = screen.getByRole('button', {
      name: 'Submit for security review',
    });
    expect(submit).toBeDisabled();
    // Why, beside the button, and the reason is the last field before it.
    expect(submit).toHaveAccessibleDescription(
      'Say why the data is needed (the field just above) to submit.',
    );
    const fields = screen.getAllByRole('textbox');
    expect(fields[fields.length - 1]).toHaveAccessibleName(
      /Reason for the security review/,
    );
    fireEvent.change(screen.getByLabelText(/Reason for the security review/), {
      target: { value: 'Analytics' },
    });
    expect(submit).not.toHaveAccessibleDescription();
    fireEvent.click(submit);
    await waitFor(() =>
      expect(api.submitCdcPipeline).toHaveBeenCalledWith(
        expect.objectContaining({ name: 'shop-db-cdc', reason: 'Analytics' }),
      ),
    );
  });

  it("shows the backend's reason when the pipeline cannot be generated, and stays on the tables", async () => {
    await renderWizard({
      previewCdcPipeline: async () => {
        throw await responseError(
          403,
          "Namespace 'team-b.' is owned by group:default/team-b.",
        );
      },
    });
    await pickDatabase();
    fireEvent.click(screen.getByRole('button', { name: 'Next: tables' }));
    fireEvent.click(
      await screen.findByRole('checkbox', { name: /^shop\.orders/ }),
    );
    fireEvent.click(
      screen.getByRole('button', { name: 'Next: review 1 table' }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      "The pipeline cannot be generated: Namespace 'team-b.' is owned by group:default/team-b.",
    );
    expect(
      screen.getByRole('table', { name: 'Columns of shop.orders' }),
    ).toBeInTheDocument();
  });

  it('explains how to offer a database when the catalog has none', async () => {
    await renderWizard({ listCdcDatabases: async () => [] });
    expect(
      await screen.findByText(/No catalog database names a CDC source/),
    ).toBeInTheDocument();
  });
});
