import { ConfigReader } from '@backstage/config';
import { CdcDatabase, startCdcPostgres } from '@eventport/devstack';
import { Client } from 'pg';
import {
  KAFKA_START_TIMEOUT_MS,
  startTestKafka,
  TEST_DATABASE_IDS,
  TestKafka,
  testDatabases,
  USERS,
} from '../../../__testUtils__/harness';
import {
  ReceivedNotification,
  startBackendWithNotifications,
} from '../../../__testUtils__/notificationsBackend';
import { closedPort } from '../../../__testUtils__/ports';
import type { EventStreamingServices } from '../../EventStreamingServices';
import { CdcPipelineStore } from '../CdcPipelineStore';
import { readSlotGuardConfig, SLOT_NOTIFICATION_TOPIC } from './CdcSlotGuard';

jest.setTimeout(120_000);

const MINUTE = 60_000;
const PLATFORM = 'user:default/pat';
const SOURCE_PASSWORD = 'slot-guard-not-a-secret-77a1';

/** A notification of the guard about one slot, as its recipient sees it. */
const about = (inbox: ReceivedNotification[], slot: string) =>
  inbox.filter(
    n =>
      n.payload.topic === SLOT_NOTIFICATION_TOPIC &&
      n.payload.title.includes(` ${slot} `),
  );

/**
 * The replication-slot guard with everything real: a PostgreSQL of its own
 * with logical decoding, where the test makes slots the way Debezium does
 * (pgoutput) and leaves them behind; the plugin's database with its stored
 * pipelines; and Backstage's notifications backend, read back through its
 * REST API as the owner and the platform approver. The clock of a check is
 * passed in, so "inactive for an hour" needs no hour.
 */
describe('CDC replication-slot guard', () => {
  const databases = testDatabases();
  let pg: CdcDatabase;
  let sql: Client;
  let kafka: TestKafka;
  let started: Awaited<ReturnType<typeof startBackendWithNotifications>>;
  let services: EventStreamingServices;
  let store: CdcPipelineStore;

  beforeAll(async () => {
    [pg, kafka] = await Promise.all([
      startCdcPostgres(),
      startTestKafka('embedded'),
    ]);
    sql = new Client({
      host: pg.host,
      port: pg.port,
      user: pg.user,
      database: pg.database,
    });
    await sql.connect();
    await sql.query('CREATE TABLE filler (id int, text text)');
    const [knex, notificationsKnex] = await Promise.all([
      databases.init(TEST_DATABASE_IDS[0]),
      databases.init(TEST_DATABASE_IDS[0]),
    ]);
    const source = {
      type: 'postgres',
      host: pg.host,
      port: pg.port,
      database: pg.database,
      user: pg.user,
      password: SOURCE_PASSWORD,
    };
    store = new CdcPipelineStore(knex);
    started = await startBackendWithNotifications({
      knex,
      notificationsKnex,
      kafka,
      eventStreaming: {
        cdc: {
          sources: {
            shop: source,
            // A source that cannot be reached: its check fails alone.
            down: { ...source, port: await closedPort(), timeoutMs: 2000 },
          },
          // The test runs the checks itself, with its own clock.
          slotGuard: { enabled: false, retainedWalWarningMb: 1 },
        },
      },
      overrides: { exposeServices: s => (services = s) },
    });
  }, KAFKA_START_TIMEOUT_MS);

  afterAll(async () => {
    await started?.backend.stop();
    await sql?.end();
    await pg?.close();
    await kafka?.close();
  });

  it('reports an orphan slot, a slot keeping too much WAL and one inactive too long, once each, and their end', async () => {
    // A live pipeline of team-a, as approval leaves it once deployed.
    const live = await store.create({
      cluster: 'dev-local',
      name: 'orders-feed',
      sourceEntityRef: 'resource:default/shop-db',
      sourceId: 'shop',
      sourceType: 'postgres',
      topicPrefix: 'team-a.shop',
      owner: 'group:default/team-a',
      requestedBy: USERS.owner,
      reason: 'slot guard test',
      selection: [],
      artefacts: {
        connectorName: 'team-a-shop-orders-feed',
        connectorClass: 'io.debezium.connector.postgresql.PostgresConnector',
        connectorConfig: {
          'slot.name': 'eventport_orders_feed',
          'publication.name': 'eventport_orders_feed',
        },
        tables: [],
        manifests: [],
        deployMode: 'direct',
      },
      preflight: [],
    });
    await store.update(live.id, { status: 'deployed' });
    for (const slot of [
      'eventport_orders_feed', // the live pipeline's, no consumer yet
      'eventport_gone_feed', // no pipeline: removed behind Eventport's back
      'debezium', // not Eventport's: never reported
    ]) {
      await sql.query(
        "SELECT pg_create_logical_replication_slot($1, 'pgoutput')",
        [slot],
      );
    }
    const t0 = Date.now();

    const [shop, down] = await services.slotGuard.check(t0);
    expect(down.sourceId).toBe('down');
    expect(down.error).toMatch(/CDC source 'down'/);
    expect(down.error).not.toContain(SOURCE_PASSWORD);
    expect(shop.error).toBeUndefined();
    expect(shop.slots.map(s => [s.name, s.problem])).toEqual([
      ['eventport_gone_feed', 'orphan'],
      ['eventport_orders_feed', null],
    ]);
    expect(shop.slots[1].pipelineId).toBe(live.id);
    expect(shop.notified).toBe(1);
    // The orphan has no owner to tell: the platform approvers hear of it.
    const [orphan] = about(
      await started.inbox(PLATFORM),
      'eventport_gone_feed',
    );
    expect(orphan.payload.title).toMatch(
      /^Replication slot eventport_gone_feed on CDC source 'shop' belongs to no live pipeline and keeps \d+(\.\d)? (B|KiB|MiB) of WAL$/,
    );
    expect(orphan.payload.description).toContain(
      "SELECT pg_drop_replication_slot('eventport_gone_feed');",
    );
    expect(orphan.payload.severity).toBe('high');
    expect(
      about(await started.inbox(USERS.owner), 'eventport_gone_feed'),
    ).toEqual([]);

    // 3 MiB of WAL that no consumer confirms: past the 1 MiB warning size.
    await sql.query(
      "INSERT INTO filler SELECT g, repeat('x', 200) FROM generate_series(1, 12000) g",
    );
    const second = await services.slotGuard.check(t0 + MINUTE);
    expect(second[0].slots.map(s => [s.name, s.problem])).toEqual([
      ['eventport_gone_feed', 'orphan'],
      ['eventport_orders_feed', 'retained'],
    ]);
    // Told once: the orphan is not announced again.
    expect(second[0].notified).toBe(1);
    const [retained] = about(
      await started.inbox(USERS.owner),
      'eventport_orders_feed',
    );
    expect(retained.payload.title).toMatch(
      /^Replication slot eventport_orders_feed on CDC source 'shop' keeps \d+\.\d MiB of WAL, over the warning size of 1\.0 MiB$/,
    );
    expect(retained.payload.link).toBe(
      `/event-streaming/cdc/pipelines/${live.id}`,
    );

    // An hour after the first check that saw it inactive.
    const third = await services.slotGuard.check(t0 + 61 * MINUTE);
    expect(third[0].slots[1].problem).toBe('inactive');
    expect(third[0].notified).toBe(1);
    for (const user of [USERS.owner, PLATFORM]) {
      const [inactive] = about(
        await started.inbox(user),
        'eventport_orders_feed',
      );
      // The same scope: Backstage replaces the earlier message of the slot.
      expect(inactive.payload.title).toMatch(
        /eventport_orders_feed on CDC source 'shop' has been inactive for 61 min and keeps \d+\.\d MiB of WAL$/,
      );
    }

    // The orphan is dropped; the pipeline's slot stays inactive, told once.
    await sql.query("SELECT pg_drop_replication_slot('eventport_gone_feed')");
    const fourth = await services.slotGuard.check(t0 + 62 * MINUTE);
    expect(fourth[0].slots.map(s => [s.name, s.problem])).toEqual([
      ['eventport_orders_feed', 'inactive'],
    ]);
    expect(fourth[0].notified).toBe(0);
    expect(fourth[0].resolved).toBe(1);
    const [dropped] = about(
      await started.inbox(PLATFORM),
      'eventport_gone_feed',
    );
    expect(dropped.payload.title).toBe(
      "Resolved: replication slot eventport_gone_feed on CDC source 'shop' was dropped",
    );

    await store.update(live.id, { status: 'decommissioned' });
    await sql.query("SELECT pg_drop_replication_slot('eventport_orders_feed')");
    const fifth = await services.slotGuard.check(t0 + 63 * MINUTE);
    expect(fifth[0].slots).toEqual([]);
    expect(fifth[0].resolved).toBe(1);
    const [over] = about(
      await started.inbox(USERS.owner),
      'eventport_orders_feed',
    );
    expect(over.payload.title).toBe(
      "Resolved: replication slot eventport_orders_feed on CDC source 'shop' was dropped",
    );
    // The `debezium` slot was never Eventport's to report.
    await sql.query("SELECT pg_drop_replication_slot('debezium')");
  });

  it('refuses a misconfigured guard with the key at fault', () => {
    const read = (slotGuard: object) =>
      readSlotGuardConfig(
        new ConfigReader({ eventStreaming: { cdc: { slotGuard } } }),
      );
    expect(read({})).toEqual({
      enabled: true,
      frequencyMs: 5 * MINUTE,
      inactiveAfterMs: 60 * MINUTE,
      retainedWarningBytes: 1024 ** 3,
    });
    expect(() => read({ inactiveAfter: { minutes: 0 } })).toThrow(
      'eventStreaming.cdc.slotGuard.inactiveAfter must be a duration longer than zero, such as { minutes: 30 }',
    );
    expect(() => read({ frequency: 'often' })).toThrow(
      'eventStreaming.cdc.slotGuard.frequency must be a duration',
    );
    expect(() => read({ retainedWalWarningMb: -5 })).toThrow(
      'eventStreaming.cdc.slotGuard.retainedWalWarningMb must be a positive number of MiB, got -5',
    );
  });
});
