import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { EventStreamingApi } from '../../api';
import {
  approvalRequest,
  clusterList,
  configField,
  fakeApi,
  FILE_SINK,
  FILE_SOURCE,
  fileSourceValidation,
  responseError,
} from '../../__testUtils__/fakeApi';
import { renderPageAt } from '../../__testUtils__/render';

const plugins = [
  { className: FILE_SINK, type: 'sink' as const, version: '4.1.0' },
  { className: FILE_SOURCE, type: 'source' as const, version: '4.1.0' },
  {
    className: 'org.apache.kafka.connect.transforms.Cast$Value',
    type: 'unknown' as const,
    version: '4.1.0',
  },
];

/** The sink's own keys: `file`, and `topics`, a required LIST; a secret too. */
function fileSinkValidation(config: Record<string, string>) {
  const fields = [
    configField('name', { group: 'Common', required: true }),
    configField('connector.class', { group: 'Common', required: true }),
    configField('file', { documentation: 'Destination filename.' }),
    configField('topics', {
      type: 'LIST',
      group: 'Common',
      displayName: 'Topics',
      required: true,
      documentation: 'List of topics to consume, separated by commas',
    }),
    configField('consumer.override.sasl.jaas.config', {
      type: 'PASSWORD',
      group: 'Common',
      displayName: 'Consumer JAAS config',
      order: 9,
    }),
  ].map(f => ({ ...f, value: config[f.name] ?? null }));
  return { className: FILE_SINK, errorCount: 0, groups: ['Common'], fields };
}

async function openDialog(overrides: Partial<EventStreamingApi>) {
  const validate = overrides.validateConnectorConfig;
  const api = fakeApi({
    listClusters: async () => clusterList,
    listConnectors: async () => ({ items: [], totalCount: 0 }),
    listConnectorPlugins: async () => plugins,
    // Until a name is given the form is the plugin's bare definition: the
    // fake's answer for an empty config (no value, so no error is shown).
    getConnectorPluginForm: validate
      ? async (cluster, className) => {
          const empty = await fakeValidation(validate, cluster, className);
          return {
            ...empty,
            errorCount: 0,
            fields: empty.fields.map(f => ({ ...f, errors: [] })),
          };
        }
      : undefined,
    ...overrides,
    // Connect checks the name too: the fakes see it in the config, as the
    // backend sends it.
    ...(validate
      ? {
          validateConnectorConfig: (cluster, className, config, target) =>
            validate(
              cluster,
              className,
              target.name ? { ...config, name: target.name } : config,
              target,
            ),
        }
      : {}),
  });
  await renderPageAt('/event-streaming/connectors', api);
  fireEvent.click(
    await screen.findByRole('button', { name: 'Create connector' }),
  );
  const dialog = await screen.findByRole('dialog', {
    name: 'Create a connector',
  });
  const picker = await within(dialog).findByLabelText(/^Connector plugin/);
  return { api, dialog, picker };
}

/** The fake validation's answer for a config with no value set. */
function fakeValidation(
  validate: NonNullable<EventStreamingApi['validateConnectorConfig']>,
  cluster: string,
  className: string,
) {
  return validate(
    cluster,
    className,
    { 'connector.class': className },
    { name: '' },
  );
}

describe('CreateConnectorDialog', () => {
  it('creates a FileStream source through the generated form, with Connect’s errors inline', async () => {
    const validated: Record<string, string>[] = [];
    const requestConnectorCreation = jest.fn(async () =>
      approvalRequest('req-31', { status: 'pending' }),
    );
    const { dialog, picker } = await openDialog({
      validateConnectorConfig: async (_cluster, className, config, target) => {
        expect(className).toBe(FILE_SOURCE);
        const checked = target.name ? { ...config, name: target.name } : config;
        validated.push(checked);
        return fileSourceValidation(checked);
      },
      requestConnectorCreation,
    });
    // Connector plugins only, sources and sinks apart.
    const groups = within(picker).getAllByRole('group');
    expect(groups.map(g => g.getAttribute('label'))).toEqual([
      'Source connectors',
      'Sink connectors',
    ]);
    expect(within(picker).queryByText(/Cast/)).toBeNull();
    fireEvent.change(picker, { target: { value: FILE_SOURCE } });
    expect(
      within(dialog).getByText(/Source connector .*writes records to Kafka/),
    ).toBeInTheDocument();

    // The form comes from the plugin's definitions: typed, documented,
    // defaults as placeholders, required marked.
    const topic = await within(dialog).findByLabelText(/^topic/);
    expect(topic).toBeRequired();
    expect(topic).toHaveAccessibleDescription(/The topic to publish data to/);
    const batch = within(dialog).getByLabelText(/^batch\.size/);
    expect(batch).toHaveAttribute('type', 'number');
    expect(batch).toHaveAttribute('placeholder', '2000');
    expect(within(dialog).getByLabelText(/^file/)).not.toBeRequired();
    expect(within(dialog).getByLabelText(/^Tasks max/)).toHaveAttribute(
      'type',
      'number',
    );
    // Name and class have their own inputs, not a generated one.
    expect(within(dialog).queryByLabelText(/^Connector class/)).toBeNull();
    // Settings in the order Connect gives: the plugin's own, then its groups.
    const sections = within(dialog).getAllByRole('button', {
      expanded: true,
    });
    expect(sections.map(s => s.textContent)).toEqual([
      expect.stringMatching(/^Connector settings \(3 settings/),
      expect.stringMatching(/^Common \(1 setting/),
    ]);
    const errorHandling = within(dialog).getByRole('button', {
      name: /^Error Handling/,
    });
    expect(errorHandling).toHaveAttribute('aria-expanded', 'false');
    fireEvent.click(errorHandling);
    expect(
      within(dialog).getByRole('checkbox', { name: 'Log Errors' }),
    ).not.toBeChecked();
    const tolerance = within(dialog).getByLabelText(/^Error tolerance/);
    expect(
      within(tolerance)
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual(['Default (none)', 'none', 'all']);

    fireEvent.change(within(dialog).getByLabelText(/^Connector name/), {
      target: { value: 'team-a.lines-source' },
    });
    expect(
      within(dialog).getByText(
        'In namespace team-a., owned by group:default/team-a.',
      ),
    ).toBeInTheDocument();

    // Validate shows every error Connect found, under its field.
    fireEvent.click(within(dialog).getByRole('button', { name: 'Validate' }));
    await waitFor(() =>
      expect(topic).toHaveAccessibleDescription(
        /Missing required configuration "topic" which has no default value\./,
      ),
    );
    fireEvent.change(batch, { target: { value: '-1' } });
    expect(
      await within(dialog).findByText(
        'Invalid value -1 for configuration batch.size: Value must be at least 1',
      ),
    ).toBeInTheDocument();
    expect(validated[validated.length - 1]).toEqual({
      'connector.class': FILE_SOURCE,
      name: 'team-a.lines-source',
      'batch.size': '-1',
    });

    fireEvent.change(batch, { target: { value: '' } });
    fireEvent.change(topic, { target: { value: 'team-a.lines' } });
    fireEvent.change(within(dialog).getByLabelText(/^file/), {
      target: { value: '/tmp/lines.txt' },
    });
    await waitFor(() =>
      expect(
        within(dialog).queryByText(/Missing required configuration "topic"/),
      ).toBeNull(),
    );
    expect(within(dialog).queryByText(/Invalid value -1/)).toBeNull();
    fireEvent.change(within(dialog).getByLabelText(/^Reason/), {
      target: { value: 'Demo lines into team-a.lines' },
    });
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Request connector' }),
    );

    const sent = await screen.findByRole('dialog', {
      name: 'Request sent for approval',
    });
    expect(within(sent).getByRole('status')).toHaveTextContent(
      'Your request to create connector team-a.lines-source is pending (request req-31).',
    );
    expect(
      within(sent).getByRole('link', {
        name: 'Follow the request on the Approvals tab',
      }),
    ).toHaveAttribute('href', '/event-streaming/approvals');
    // Only the keys set, and the class; Connect's defaults stay defaults.
    expect(requestConnectorCreation).toHaveBeenCalledWith('dev-local', {
      name: 'team-a.lines-source',
      config: {
        'connector.class': FILE_SOURCE,
        topic: 'team-a.lines',
        file: '/tmp/lines.txt',
      },
      owner: undefined,
      reason: 'Demo lines into team-a.lines',
    });
  });

  it('does not send a config Connect refused, and shows all its errors', async () => {
    const requestConnectorCreation = jest.fn();
    const { dialog, picker } = await openDialog({
      validateConnectorConfig: async (_c, _k, config) =>
        fileSourceValidation(config),
      requestConnectorCreation,
    });
    fireEvent.change(picker, { target: { value: FILE_SOURCE } });
    const topic = await within(dialog).findByLabelText(/^topic/);
    fireEvent.change(within(dialog).getByLabelText(/^Connector name/), {
      target: { value: 'team-a.lines-source' },
    });
    fireEvent.change(within(dialog).getByLabelText(/^Reason/), {
      target: { value: 'Demo' },
    });
    // Wait for the check of this exact config, then submit.
    await new Promise(resolve => setTimeout(resolve, 600));
    expect(topic).not.toHaveAccessibleDescription(/Missing required/);
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Request connector' }),
    );
    expect(
      await within(dialog).findByText(
        'Kafka Connect reports 1 error in this config; it is shown under the settings.',
      ),
    ).toBeInTheDocument();
    expect(topic).toHaveAccessibleDescription(/Missing required configuration/);
    expect(requestConnectorCreation).not.toHaveBeenCalled();
  });

  it('creates a FileStream sink outside a namespace with an owner, and shows the server’s refusal', async () => {
    const requestConnectorCreation = jest.fn(async () => {
      throw await responseError(
        409,
        "Connector 'lines-archive' already exists on cluster 'dev-local'.",
        'ConflictError',
      );
    });
    const { dialog, picker } = await openDialog({
      validateConnectorConfig: async (_c, className, config) => {
        expect(className).toBe(FILE_SINK);
        return fileSinkValidation(config);
      },
      requestConnectorCreation,
    });
    fireEvent.change(picker, { target: { value: FILE_SINK } });
    const topics = await within(dialog).findByLabelText(/^Topics/);
    expect(topics).toHaveAccessibleDescription(/Comma-separated/);
    fireEvent.change(topics, { target: { value: 'team-b.lines' } });
    fireEvent.change(within(dialog).getByLabelText(/^file/), {
      target: { value: '/tmp/archive.txt' },
    });
    // A secret takes a reference, never a literal.
    const jaas = within(dialog).getByLabelText(/^Consumer JAAS config/);
    expect(jaas).toHaveAccessibleDescription(
      /config-provider reference .*\$\{file:/,
    );
    fireEvent.change(jaas, { target: { value: 'org.apache.kafka...' } });
    expect(jaas).toHaveAccessibleDescription(/A literal secret is refused/);

    const name = within(dialog).getByLabelText(/^Connector name/);
    expect(name).toHaveAccessibleDescription(
      /Names under your namespace \(team-a\.\) belong to your team/,
    );
    fireEvent.change(name, { target: { value: 'lines-archive' } });
    const owner = within(dialog).getByLabelText(/^Owner group/);
    fireEvent.change(owner, { target: { value: 'group:default/team-a' } });
    fireEvent.change(within(dialog).getByLabelText(/^Reason/), {
      target: { value: 'Archive team-b lines' },
    });
    const submit = within(dialog).getByRole('button', {
      name: 'Request connector',
    });
    expect(submit).toBeDisabled();
    fireEvent.change(jaas, {
      target: { value: '${file:/opt/connect/secrets.properties:jaas}' },
    });
    expect(submit).toBeEnabled();
    fireEvent.click(submit);
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      "The request was not sent: Connector 'lines-archive' already exists on cluster 'dev-local'.",
    );
    expect(requestConnectorCreation).toHaveBeenCalledWith('dev-local', {
      name: 'lines-archive',
      config: {
        'connector.class': FILE_SINK,
        topics: 'team-b.lines',
        file: '/tmp/archive.txt',
        'consumer.override.sasl.jaas.config':
          '${file:/opt/connect/secrets.properties:jaas}',
      },
      owner: 'group:default/team-a',
      reason: 'Archive team-b lines',
    });
  });
});
