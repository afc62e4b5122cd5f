/**
 * Reading `eventStreaming.cdc.sources`, and what a caller sees when a source
 * cannot be reached: a 503 with the cause, and never the password, in the
 * error, its serialised form or the logs. The servers here are real sockets:
 * a closed port, and one that accepts connections and never answers.
 */
import net from 'node:net';
import { ConfigReader } from '@backstage/config';
import {
  InputError,
  NotFoundError,
  ServiceUnavailableError,
  serializeError,
} from '@backstage/errors';
import { CapturingLogger } from '../../__testUtils__/capturingLogger';
import { closedPort } from '../../__testUtils__/ports';
import { CdcSources } from './CdcSourceInspector';
import { readCdcSourceConfigs } from './config';

const PASSWORD = 'Pa55-do-not-leak-8812';

function sourcesConfig(
  sources: Record<string, Record<string, string | number | object>>,
) {
  return new ConfigReader({ eventStreaming: { cdc: { sources } } });
}

describe('readCdcSourceConfigs', () => {
  it('reads each source with its defaults', () => {
    expect(
      readCdcSourceConfigs(
        sourcesConfig({
          'shop-db': {
            type: 'postgres',
            host: 'db.internal',
            database: 'shop',
            user: 'debezium',
            password: PASSWORD,
          },
          orders: {
            type: 'mariadb',
            host: 'mariadb.internal',
            port: 3307,
            database: 'orders',
            user: 'dbz',
            timeoutMs: 2500,
            users: ['group:default/data-team'],
            connector: {
              host: 'mariadb.prod.svc',
              passwordReference: '${file:/secrets/orders.properties:password}',
            },
          },
        }),
      ),
    ).toEqual([
      {
        id: 'shop-db',
        type: 'postgres',
        host: 'db.internal',
        port: 5432,
        database: 'shop',
        user: 'debezium',
        password: PASSWORD,
        timeoutMs: 10_000,
        passwordReference: '${env:EVENTPORT_CONNECT_SHOP_DB_PASSWORD}',
        connectorHost: 'db.internal',
        connectorPort: 5432,
        users: [],
      },
      {
        id: 'orders',
        type: 'mariadb',
        host: 'mariadb.internal',
        port: 3307,
        database: 'orders',
        user: 'dbz',
        password: undefined,
        timeoutMs: 2500,
        passwordReference: '${file:/secrets/orders.properties:password}',
        connectorHost: 'mariadb.prod.svc',
        connectorPort: 3307,
        users: ['group:default/data-team'],
      },
    ]);
    expect(readCdcSourceConfigs(new ConfigReader({}))).toEqual([]);
  });

  it('refuses an unknown type and a bad id, naming the key', () => {
    const base = { host: 'h', database: 'd', user: 'u', password: PASSWORD };
    expect(() =>
      readCdcSourceConfigs(sourcesConfig({ x: { ...base, type: 'oracle' } })),
    ).toThrow(
      new InputError(
        "eventStreaming.cdc.sources.x.type must be one of postgres, mariadb, mysql, got 'oracle'",
      ),
    );
    const long = 'a'.repeat(64);
    expect(() =>
      readCdcSourceConfigs(
        sourcesConfig({ [long]: { ...base, type: 'mysql' } }),
      ),
    ).toThrow(`eventStreaming.cdc.sources.${long}: the id must be up to 63`);
    expect(() =>
      readCdcSourceConfigs(
        sourcesConfig({
          x: {
            ...base,
            type: 'postgres',
            connector: { passwordReference: 'hunter2' },
          },
        }),
      ),
    ).toThrow(
      'eventStreaming.cdc.sources.x.connector.passwordReference must be a config-provider reference',
    );
  });
});

describe('CdcSources', () => {
  let silent: net.Server;
  let silentPort: number;
  const sockets: net.Socket[] = [];

  beforeAll(async () => {
    // Accepts connections and never says a word: a hung database.
    silent = net.createServer(s => sockets.push(s));
    await new Promise<void>(r => silent.listen(0, '127.0.0.1', () => r()));
    silentPort = (silent.address() as net.AddressInfo).port;
  });

  afterAll(async () => {
    sockets.forEach(s => s.destroy());
    await new Promise(r => silent.close(r));
  });

  async function sources(port: number, timeoutMs = 10_000) {
    const logger = new CapturingLogger();
    const config = sourcesConfig(
      Object.fromEntries(
        (['postgres', 'mariadb'] as const).map(type => [
          `${type}-src`,
          {
            type,
            host: '127.0.0.1',
            port,
            database: 'shop',
            user: 'debezium',
            password: PASSWORD,
            timeoutMs,
          },
        ]),
      ),
    );
    return { logger, cdc: CdcSources.fromConfig(config, { logger }) };
  }

  it('lists the sources without their passwords, and refuses an unknown id', async () => {
    const { cdc } = await sources(5432);
    expect(cdc.list()).toEqual([
      {
        id: 'postgres-src',
        type: 'postgres',
        host: '127.0.0.1',
        port: 5432,
        database: 'shop',
        user: 'debezium',
      },
      {
        id: 'mariadb-src',
        type: 'mariadb',
        host: '127.0.0.1',
        port: 5432,
        database: 'shop',
        user: 'debezium',
      },
    ]);
    expect(JSON.stringify(cdc.list())).not.toContain(PASSWORD);
    expect(() => cdc.inspector('nope')).toThrow(
      new NotFoundError(
        "No CDC source 'nope' is configured in eventStreaming.cdc.sources (known: postgres-src, mariadb-src)",
      ),
    );
    expect(cdc.inspector('postgres-src').source.id).toBe('postgres-src');
  });

  it.each(['postgres', 'mariadb'])(
    'answers an unreachable %s source with a 503 naming the cause, not the password',
    async type => {
      const port = await closedPort();
      const { cdc, logger } = await sources(port);
      for (const call of [
        () => cdc.inspector(`${type}-src`).introspect(),
        () =>
          cdc
            .inspector(`${type}-src`)
            .preflight([{ schema: 'public', table: 't' }]),
      ]) {
        const error = await call().catch(e => e);
        expect(error).toBeInstanceOf(ServiceUnavailableError);
        expect(error.message).toMatch(
          new RegExp(
            `^CDC source '${type}-src' \\(${type} at 127\\.0\\.0\\.1:${port}, database shop\\) ` +
              `is unreachable \\((introspect|pre-flight checks)\\); caused by Error: ECONNREFUSED: connect ECONNREFUSED 127\\.0\\.0\\.1:${port}$`,
          ),
        );
        const serialized = JSON.stringify(
          serializeError(error, { includeStack: true }),
        );
        expect(serialized).not.toContain(PASSWORD);
        expect(serialized).toContain('ECONNREFUSED');
      }
      expect(logger.text()).toContain('is unreachable');
      expect(logger.text()).not.toContain(PASSWORD);
    },
  );

  it.each(['postgres', 'mariadb'])(
    'gives up on a %s source that never answers after its timeout, with a 503',
    async type => {
      const { cdc, logger } = await sources(silentPort, 500);
      const started = Date.now();
      const error = await cdc
        .inspector(`${type}-src`)
        .introspect()
        .catch(e => e);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(error).toBeInstanceOf(ServiceUnavailableError);
      expect(error.message).toContain(
        `CDC source '${type}-src' (${type} at 127.0.0.1:${silentPort}, database shop) did not answer within 0.5 s (introspect); caused by Error: `,
      );
      expect(
        JSON.stringify(serializeError(error, { includeStack: true })),
      ).not.toContain(PASSWORD);
      expect(logger.text()).not.toContain(PASSWORD);
    },
  );
});
