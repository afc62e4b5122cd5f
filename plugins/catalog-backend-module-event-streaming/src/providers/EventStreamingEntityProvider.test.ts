import { mockServices } from '@backstage/backend-test-utils';
import {
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import { CatalogSnapshot } from '@eventport/plugin-event-streaming-common';
import { EventStreamingEntityProvider } from './EventStreamingEntityProvider';

/*
 * What the provider applies when its source fails. The source stands in for
 * the backend here (routes/catalog.test.ts in the backend plugin runs the
 * whole path against the real stack and catalog); the provider is real.
 */

const topic = (name: string) => ({
  name,
  partitions: 1,
  replicationFactor: 1,
  retentionMs: 1000,
  cleanupPolicy: 'delete',
  owner: 'group:default/team-a',
  description: null,
});

function setup() {
  type Answer = CatalogSnapshot | Error | (() => Promise<CatalogSnapshot>);
  let answer: Answer = new Error('not set');
  const mutations: EntityProviderMutation[] = [];
  const connection: EntityProviderConnection = {
    applyMutation: async m => {
      mutations.push(m);
    },
    refresh: async () => {},
  };
  const [provider] = EventStreamingEntityProvider.fromConfig(
    mockServices.rootConfig({
      data: {
        eventStreaming: {
          clusters: [{ name: 'dev', environment: 'dev', brokers: ['x:9092'] }],
        },
      },
    }),
    {
      logger: mockServices.logger.mock(),
      scheduler: mockServices.scheduler.mock({
        // Refreshes are called by the tests, not scheduled.
        createScheduledTaskRunner: () => ({ run: async () => {} }),
      }),
      discovery: mockServices.discovery(),
      auth: mockServices.auth(),
      source: {
        snapshot: async () => {
          if (answer instanceof Error) throw answer;
          return typeof answer === 'function' ? answer() : answer;
        },
      },
    },
  );
  const names = (m: EntityProviderMutation) =>
    (m.type === 'full' ? m.entities : m.added).map(e => e.entity.metadata.name);
  return {
    provider,
    connection,
    mutations,
    names,
    answer: (a: Answer) => {
      answer = a;
    },
  };
}

const snapshot = (topics: string[] | null): CatalogSnapshot => ({
  cluster: 'dev',
  topics: topics?.map(topic) ?? null,
  schemas: [],
  connectors: [],
  pipelines: [],
  problems: topics ? [] : ['Kafka topics: unreachable'],
});

describe('EventStreamingEntityProvider', () => {
  it('applies nothing when the backend cannot be read', async () => {
    const t = setup();
    await t.provider.connect(t.connection);
    t.answer(snapshot(['a', 'b']));
    await t.provider.refresh();
    t.answer(new Error('connect ECONNREFUSED'));
    expect(await t.provider.refresh()).toMatchObject({ mutation: 'skipped' });
    expect(t.mutations).toHaveLength(1);
    expect(t.names(t.mutations[0])).toEqual(['dev.a', 'dev.b']);
  });

  it('keeps the last good topics in a full mutation when Kafka cannot be read', async () => {
    const t = setup();
    await t.provider.connect(t.connection);
    t.answer(snapshot(['a', 'b']));
    await t.provider.refresh();
    t.answer(snapshot(null));
    expect(await t.provider.refresh()).toMatchObject({ mutation: 'full' });
    expect(t.mutations[1].type).toBe('full');
    expect(t.names(t.mutations[1])).toEqual(['dev.a', 'dev.b']);
    t.answer(snapshot(['b']));
    await t.provider.refresh();
    expect(t.names(t.mutations[2])).toEqual(['dev.b']);
  });

  it('removes nothing when a part has never been read since start', async () => {
    const t = setup();
    await t.provider.connect(t.connection);
    t.answer(snapshot(null));
    expect(await t.provider.refresh()).toMatchObject({ mutation: 'partial' });
    expect(t.mutations[0]).toEqual({ type: 'delta', added: [], removed: [] });
  });

  it('replays a change that arrives during a refresh onto its result', async () => {
    const t = setup();
    await t.provider.connect(t.connection);
    let release: () => void = () => {};
    // The change lands while the snapshot (without it) is being read.
    const read = new Promise<void>(r => {
      release = r;
    });
    t.answer(() => read.then(() => snapshot(['a'])));
    const refreshing = t.provider.refresh();
    await t.provider.applyChange({
      cluster: 'dev',
      upsert: {
        topics: [topic('new')],
        schemas: [],
        connectors: [],
        pipelines: [],
      },
      remove: { topics: [], schemas: [], connectors: [], pipelines: [] },
    });
    release();
    await refreshing;
    expect(t.mutations.map(m => [m.type, t.names(m)])).toEqual([
      ['delta', ['dev.new']],
      ['full', ['dev.a', 'dev.new']],
    ]);
  });
});
