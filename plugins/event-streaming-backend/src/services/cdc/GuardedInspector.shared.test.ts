/**
 * A flood of introspection and pre-flight calls against one source database
 * (the machine's shared PostgreSQL, in a throwaway database): the source
 * never sees more than MAX_CONNECTIONS_PER_SOURCE connections, callers past
 * the queue get 429, and repeated introspection is served from the cache.
 */
import { randomBytes } from 'node:crypto';
import { cdcSourceConfig, pgRun as run } from '../../__testUtils__/cdcSources';
import {
  GuardedInspector,
  MAX_CONNECTIONS_PER_SOURCE,
  MAX_WAITING_PER_SOURCE,
} from './GuardedInspector';
import { PostgresSourceInspector } from './PostgresSourceInspector';

jest.setTimeout(120_000);

describe('GuardedInspector against the shared PostgreSQL', () => {
  const database = `eventport_guard_${process.pid}_${randomBytes(3).toString(
    'hex',
  )}`;
  const server = { host: '127.0.0.1', port: 5432, user: 'postgres' };
  let guarded: GuardedInspector;

  beforeAll(async () => {
    await run({ ...server, database: 'postgres' }, [
      `CREATE DATABASE "${database}"`,
    ]);
    await run({ ...server, database }, [
      'CREATE TABLE public.orders (id int PRIMARY KEY, email text)',
    ]);
    guarded = new GuardedInspector(
      new PostgresSourceInspector(
        cdcSourceConfig(
          'flood',
          'postgres',
          { host: server.host, port: server.port, database },
          'postgres',
        ),
      ),
    );
  });

  afterAll(async () => {
    await run({ ...server, database: 'postgres' }, [
      `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`,
    ]);
  });

  /** Samples the source's connections from our inspector until `done`. */
  async function peakConnections(done: Promise<unknown>): Promise<number> {
    let finished = false;
    done.finally(() => {
      finished = true;
    });
    let peak = 0;
    while (!finished) {
      const [{ n }] = await run({ ...server, database: 'postgres' }, [
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = '${database}' AND application_name = 'eventport-cdc-inspector'`,
      ]);
      peak = Math.max(peak, n);
    }
    return peak;
  }

  it('answers 40 parallel introspections from one database call', async () => {
    const all = Promise.all(
      Array.from({ length: 40 }, () => guarded.introspect()),
    );
    const peak = await peakConnections(all);
    const results = await all;
    expect(new Set(results).size).toBe(1);
    expect(
      results[0].schemas.flatMap(sc => sc.tables.map(t => t.name)),
    ).toEqual(['orders']);
    expect(peak).toBeLessThanOrEqual(1);
  });

  it('holds a flood of distinct pre-flight checks to the pool: 429 past the queue', async () => {
    const calls = Array.from({ length: 40 }, (_, i) =>
      guarded.preflight([{ schema: 'public', table: `orders_${i}` }]),
    );
    const settled = Promise.allSettled(calls);
    const peak = await peakConnections(settled);
    const results = await settled;
    const ok = results.filter(r => r.status === 'fulfilled');
    const refused = results.filter(
      (r): r is PromiseRejectedResult => r.status === 'rejected',
    );
    expect(ok).toHaveLength(
      MAX_CONNECTIONS_PER_SOURCE + MAX_WAITING_PER_SOURCE,
    );
    expect(refused).toHaveLength(
      40 - MAX_CONNECTIONS_PER_SOURCE - MAX_WAITING_PER_SOURCE,
    );
    for (const r of refused) {
      expect(r.reason).toMatchObject({
        name: 'SourceBusyError',
        statusCode: 429,
      });
    }
    expect(peak).toBeLessThanOrEqual(MAX_CONNECTIONS_PER_SOURCE);
  });
});
