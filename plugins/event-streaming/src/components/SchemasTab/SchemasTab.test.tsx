import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { SchemaListOptions } from '../../api';
import {
  clusterList,
  devCluster,
  fakeApi,
  responseError,
  schemaArtifact,
} from '../../__testUtils__/fakeApi';
import { renderPageAt } from '../../__testUtils__/render';

const path = '/event-streaming/schemas';

describe('SchemasTab', () => {
  it('lists artifacts with type, topic and owner, and links each to its page', async () => {
    await renderPageAt(
      path,
      fakeApi({
        listClusters: async () => clusterList,
        listSchemas: async () => ({
          items: [
            schemaArtifact('team-a.orders-value'),
            schemaArtifact('audit-events', {
              artifactType: 'JSON',
              format: 'CLOUDEVENTS',
              topic: null,
              owner: 'group:default/platform-team',
            }),
          ],
          totalCount: 2,
          offset: 0,
          limit: 25,
        }),
      }),
    );
    const link = await screen.findByRole('link', {
      name: 'team-a.orders-value',
    });
    expect(link).toHaveAttribute(
      'href',
      '/event-streaming/clusters/dev-local/schemas/default/team-a.orders-value',
    );
    const row = link.closest('tr')!;
    expect(within(row).getByText('Avro')).toBeInTheDocument();
    expect(
      within(row).getByRole('link', { name: 'team-a.orders' }),
    ).toHaveAttribute(
      'href',
      '/event-streaming/clusters/dev-local/topics/team-a.orders',
    );
    expect(within(row).getByRole('link', { name: 'team-a' })).toHaveAttribute(
      'href',
      '/catalog/default/group/team-a',
    );
    const other = screen.getByText('audit-events').closest('tr')!;
    expect(within(other).getByText('CloudEvents')).toBeInTheDocument();
  });

  it('asks the backend for the owned filter, the search and the type chosen', async () => {
    const calls: SchemaListOptions[] = [];
    await renderPageAt(
      path,
      fakeApi({
        listClusters: async () => clusterList,
        listSchemas: async (_cluster, options) => {
          calls.push(options ?? {});
          return { items: [], totalCount: 0, offset: 0, limit: 25 };
        },
      }),
    );
    expect(await screen.findByText('No schemas')).toBeInTheDocument();
    // guest's team owns a namespace: its artifacts first, then all of them.
    expect(calls[0]).toMatchObject({ owned: true });
    expect(
      screen.getByText(
        "Your teams own no schemas in dev-local's registry yet.",
      ),
    ).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Show all schemas' }));
    await waitFor(() =>
      expect(calls[calls.length - 1]).toMatchObject({ owned: undefined }),
    );
    fireEvent.change(screen.getByLabelText('Type'), {
      target: { value: 'PROTOBUF' },
    });
    fireEvent.change(screen.getByLabelText('Search schemas'), {
      target: { value: 'orders' },
    });
    await waitFor(() =>
      expect(calls[calls.length - 1]).toMatchObject({
        q: 'orders',
        type: 'PROTOBUF',
      }),
    );
    expect(
      await screen.findByText('No schema in dev-local matches these filters.'),
    ).toBeInTheDocument();
  });

  it('says when the cluster has no schema registry, and disables registering', async () => {
    await renderPageAt(
      path,
      fakeApi({
        listClusters: async () => ({
          ...clusterList,
          clusters: [{ ...devCluster, schemaRegistry: false }],
        }),
      }),
    );
    expect(
      await screen.findByText('No schema registry configured'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Register schema' }),
    ).toBeDisabled();
  });

  it('shows the backend’s message when the registry is down', async () => {
    await renderPageAt(
      path,
      fakeApi({
        listClusters: async () => clusterList,
        listSchemas: async () => {
          throw await responseError(
            503,
            "The schema registry of cluster 'dev-local' is unavailable: connect ECONNREFUSED",
            'ServiceUnavailableError',
          );
        },
      }),
    );
    expect(
      (
        await screen.findAllByText(
          /schema registry of cluster 'dev-local' is unavailable/,
        )
      )[0],
    ).toBeInTheDocument();
  });

  it('registers a new artifact after a live check, then opens its page', async () => {
    const validated: unknown[] = [];
    await renderPageAt(
      path,
      fakeApi({
        listClusters: async () => clusterList,
        listSchemas: async () => ({
          items: [],
          totalCount: 0,
          offset: 0,
          limit: 25,
        }),
        validateSchema: async (_c, _g, _a, body) => {
          validated.push(body);
          return {
            report: {
              format: 'AVRO',
              mode: 'NONE',
              compatible: true,
              summary: 'First version: nothing to compare with.',
              differences: [],
            },
            ruleSource: 'none',
            envelopeProblems: [],
          };
        },
        registerSchema: async (_c, groupId, artifactId) => ({
          registered: true,
          artifact: schemaArtifact(artifactId, { groupId }),
          version: { version: '1', globalId: 9, contentId: 9 },
          report: {
            format: 'AVRO',
            mode: 'NONE',
            compatible: true,
            summary: 'First version: nothing to compare with.',
            differences: [],
          },
        }),
        getSchema: async () => {
          throw await responseError(404, 'stop here', 'NotFoundError');
        },
      }),
    );
    fireEvent.click(
      await screen.findByRole('button', { name: 'Register schema' }),
    );
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(/Artifact id/), {
      target: { value: 'team-a.payments-value' },
    });
    fireEvent.change(within(dialog).getByLabelText(/^Schema/), {
      target: { value: '{"type":"string"}' },
    });
    expect(
      await within(dialog).findByText(
        'First version: nothing to compare with.',
      ),
    ).toBeInTheDocument();
    expect(validated[validated.length - 1]).toEqual({
      content: '{"type":"string"}',
      format: 'AVRO',
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Register' }));
    // The artifact's own page opens.
    expect(
      await screen.findByRole('heading', { name: 'team-a.payments-value' }),
    ).toBeInTheDocument();
  });
});
